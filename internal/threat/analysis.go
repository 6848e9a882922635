package threat

// Rule is one rule of the threat engine: STRIDE per interaction (a flow,
// its ends and the boundaries it crosses) or per element. Each lives in
// its own file of package threat/rules with this metadata.
type Rule struct {
	// ID is stable; threat ids derive from it (rule@elements).
	ID string
	// Pack is generic (the Microsoft TMT default template's kind of rules)
	// or embedded (firmware and RTOS specific).
	Pack   string
	Title  string
	STRIDE STRIDE
	CWE    []int
	// Description says what can go wrong; Mitigation how it is usually
	// mitigated.
	Description string
	Mitigation  string
	// CVSS is the vector a threat of this rule starts with; a threats-list
	// entry may set its own.
	CVSS string
	// Crossing says the rule only fires on a flow that crosses a trust
	// boundary.
	Crossing bool
	// Match finds where the rule applies. It must be deterministic and
	// return each hit once.
	Match func(m *Model) []Hit
}

// Hit is one place a rule applies. Elements are element or flow ids, the
// subject first: the threat's id derives from the rule id and these, and
// the subject's STRIDE obligation is what the threat covers.
type Hit struct {
	Elements []string
	// Title says what the threat is in the words of this model ("Spoofing
	// of the Phone app over the BLE link").
	Title string
	// Assets at stake, if the rule knows them.
	Assets []string
	// CVSS replaces the rule's vector when the hit knows better (the attack
	// vector of a radio link is adjacent, of a JTAG port physical).
	CVSS string
}

// Analysis is what Analyze found: the threats (generated and hand-written,
// with their treatments and scores), the STRIDE-per-element obligations
// and what covers them, and the treatments that name no threat any more.
type Analysis struct {
	Model       *Model       `json:"-"`
	Threats     []Threat     `json:"threats"`
	Obligations []Obligation `json:"obligations"`
	// Stale are threats-list entries that treat a generated threat no rule
	// raises any more (the model changed under them).
	Stale []Entry `json:"stale,omitempty"`
	// Rules are the rules that ran, sorted by id.
	Rules []RuleInfo `json:"rules"`
}

// RuleInfo is a rule's metadata without its code, for reports.
type RuleInfo struct {
	ID          string `json:"id"`
	Pack        string `json:"pack"`
	Title       string `json:"title"`
	STRIDE      STRIDE `json:"stride"`
	CWE         []int  `json:"cwe,omitempty"`
	Description string `json:"description"`
	Mitigation  string `json:"mitigation"`
	CVSS        string `json:"cvss"`
	Crossing    bool   `json:"crossing,omitempty"`
}

// Threat is one threat of the model, generated or hand-written.
type Threat struct {
	ID          string `json:"id"`
	Rule        string `json:"rule,omitempty"` // "" when written by hand
	Pack        string `json:"pack,omitempty"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	STRIDE      STRIDE `json:"stride"`
	CWE         []int  `json:"cwe,omitempty"`
	// Elements are element and flow ids, the subject first.
	Elements []string `json:"elements"`
	Assets   []string `json:"assets,omitempty"`
	// Crossed are the trust boundaries the subject flow crosses.
	Crossed    []string  `json:"crossed,omitempty"`
	Mitigation string    `json:"mitigation,omitempty"`
	Module     string    `json:"module,omitempty"`
	CVSS       Score     `json:"cvss"`
	Treatment  Treatment `json:"treatment"`
	// Declared says a threats-list entry treats or defines the threat; Pos
	// is that entry, else the subject element.
	Declared bool `json:"declared"`
	Pos      Pos  `json:"pos"`
}

// Subject is the element or flow the threat is about.
func (t *Threat) Subject() string {
	if len(t.Elements) == 0 {
		return ""
	}
	return t.Elements[0]
}

// Obligation is one STRIDE-per-element cell: element × category. It is
// covered by a threat whose subject is the element, or by a not-applicable
// statement.
type Obligation struct {
	Element string `json:"element"`
	Kind    Kind   `json:"kind"`
	STRIDE  STRIDE `json:"stride"`
	// Threats cover it (ids, sorted).
	Threats []string `json:"threats,omitempty"`
	// NotApplicable is the reason the category cannot apply.
	NotApplicable string `json:"not_applicable,omitempty"`
	Pos           Pos    `json:"pos"`
}

// Covered reports whether the obligation ends as a threat or a reason.
func (o Obligation) Covered() bool { return len(o.Threats) > 0 || o.NotApplicable != "" }

// Applicable returns the STRIDE categories that apply to a kind of
// element: the classic STRIDE-per-element table (repudiation of a data
// store only when it holds logs or audit data).
func Applicable(k Kind, logs bool) []STRIDE {
	switch k {
	case ExternalEntity:
		return []STRIDE{Spoofing, Repudiation}
	case Process:
		return Categories
	case DataStore:
		if logs {
			return []STRIDE{Tampering, Repudiation, InformationDisclosure, DenialOfService}
		}
		return []STRIDE{Tampering, InformationDisclosure, DenialOfService}
	case DataFlow:
		return []STRIDE{Tampering, InformationDisclosure, DenialOfService}
	}
	return nil
}
