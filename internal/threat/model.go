package threat

import (
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// Pos is where something was written: file:line:col.
type Pos = model.Pos

// STRIDE is a threat category.
type STRIDE string

// The six STRIDE categories, spelt as the model files spell them.
const (
	Spoofing              STRIDE = "spoofing"
	Tampering             STRIDE = "tampering"
	Repudiation           STRIDE = "repudiation"
	InformationDisclosure STRIDE = "information-disclosure"
	DenialOfService       STRIDE = "denial-of-service"
	ElevationOfPrivilege  STRIDE = "elevation-of-privilege"
)

// Categories lists STRIDE in its own order, the order reports use.
var Categories = []STRIDE{Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege}

// Letter is the category's initial: S, T, R, I, D or E.
func (s STRIDE) Letter() string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[0]))
}

// Rank orders categories as STRIDE spells them.
func (s STRIDE) Rank() int {
	for i, c := range Categories {
		if c == s {
			return i
		}
	}
	return len(Categories)
}

// Kind is what a DFD element is.
type Kind string

// Kinds of DFD elements.
const (
	ExternalEntity Kind = "external-entity"
	Process        Kind = "process"
	DataStore      Kind = "data-store"
	DataFlow       Kind = "data-flow"
)

// Level is a confidentiality, integrity or availability need.
type Level string

// Levels of need, lowest first.
const (
	LevelNone   Level = "none"
	LevelLow    Level = "low"
	LevelMedium Level = "medium"
	LevelHigh   Level = "high"
)

// Rank orders levels: none 0 … high 3; unset counts as none.
func (l Level) Rank() int {
	switch l {
	case LevelLow:
		return 1
	case LevelMedium:
		return 2
	case LevelHigh:
		return 3
	}
	return 0
}

// Asset is something worth protecting: data (keys, readings, logs) or a
// technical asset (the device, the bootloader), with its C/I/A needs and
// the module it lives in.
type Asset struct {
	ID              string   `json:"id"`
	Name            string   `json:"name,omitempty"`
	Description     string   `json:"description,omitempty"`
	Kind            string   `json:"kind"` // data or technical
	Module          string   `json:"module,omitempty"`
	Confidentiality Level    `json:"confidentiality,omitempty"`
	Integrity       Level    `json:"integrity,omitempty"`
	Availability    Level    `json:"availability,omitempty"`
	Traits          []string `json:"traits,omitempty"` // key-material, credential, firmware, audit-log, personal-data, configuration
	Pos             Pos      `json:"-"`
}

// HasTrait reports whether the asset carries trait t.
func (a *Asset) HasTrait(t string) bool { return contains(a.Traits, t) }

// Label is the name, or the id when there is none.
func (a *Asset) Label() string { return label(a.Name, a.ID) }

// Element is an external entity, a process or a data store of the data
// flow diagram. Traits say what it is (a parser, a firmware updater, a
// debug interface); controls say which protections the model claims for
// it. Rules read both.
type Element struct {
	ID          string   `json:"id"`
	Name        string   `json:"name,omitempty"`
	Description string   `json:"description,omitempty"`
	Kind        Kind     `json:"kind"`
	Module      string   `json:"module,omitempty"`
	Boundary    string   `json:"boundary,omitempty"` // innermost trust boundary, "" outside all
	Traits      []string `json:"traits,omitempty"`
	Controls    []string `json:"controls,omitempty"`
	// Assets are the assets a process handles or a data store holds.
	Assets []string `json:"assets,omitempty"`
	// Logs is set on a data store that holds logs or audit data.
	Logs bool `json:"logs,omitempty"`
	Pos  Pos  `json:"-"`
}

// HasTrait reports whether the element carries trait t.
func (e *Element) HasTrait(t string) bool { return contains(e.Traits, t) }

// HasControl reports whether the model claims control c for the element.
func (e *Element) HasControl(c string) bool { return contains(e.Controls, c) }

// Label is the name, or the id when there is none.
func (e *Element) Label() string { return label(e.Name, e.ID) }

// Flow is a data flow from one element to another.
type Flow struct {
	ID            string   `json:"id"`
	Name          string   `json:"name,omitempty"`
	Description   string   `json:"description,omitempty"`
	From          string   `json:"from"`
	To            string   `json:"to"`
	Protocol      string   `json:"protocol,omitempty"`
	Module        string   `json:"module,omitempty"`
	Assets        []string `json:"assets,omitempty"` // data assets carried
	Authenticates bool     `json:"authenticates,omitempty"`
	Encrypts      bool     `json:"encrypts,omitempty"`
	Integrity     bool     `json:"integrity,omitempty"`
	Pos           Pos      `json:"-"`
}

// Label is the name, or the id when there is none.
func (f *Flow) Label() string { return label(f.Name, f.ID) }

// Boundary is a trust boundary; Parent nests it in another.
type Boundary struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Parent      string `json:"parent,omitempty"`
	Module      string `json:"module,omitempty"`
	Pos         Pos    `json:"-"`
}

// Label is the name, or the id when there is none.
func (b *Boundary) Label() string { return label(b.Name, b.ID) }

// Status is where a threat stands.
type Status string

// Treatments of a threat.
const (
	Open          Status = "open"
	Mitigated     Status = "mitigated"
	Accepted      Status = "accepted"
	Transferred   Status = "transferred"
	NotApplicable Status = "not-applicable"
)

// Treatment is what was decided about a threat. Accepted needs an
// assumption or a waiver, a reason, an approver and an expiry;
// transferred says to whom; not-applicable says why; mitigated names
// countermeasures.
type Treatment struct {
	Status          Status   `json:"status"`
	Countermeasures []string `json:"countermeasures,omitempty"`
	Reason          string   `json:"reason,omitempty"`
	Approver        string   `json:"approver,omitempty"`
	Expires         string   `json:"expires,omitempty"` // YYYY-MM-DD
	Assumption      string   `json:"assumption,omitempty"`
	Waiver          string   `json:"waiver,omitempty"`
	TransferredTo   string   `json:"transferred_to,omitempty"`
}

// Entry is one item of a file's threats list: a threat found by hand (its
// id has no @) or the treatment of a threat a rule raises (its id is the
// generated one, rule@elements).
type Entry struct {
	ID          string    `json:"id"`
	Title       string    `json:"title,omitempty"`
	Description string    `json:"description,omitempty"`
	STRIDE      STRIDE    `json:"stride,omitempty"`
	Elements    []string  `json:"elements,omitempty"`
	Assets      []string  `json:"assets,omitempty"`
	CWE         []int     `json:"cwe,omitempty"`
	CVSS        string    `json:"cvss,omitempty"`
	Treatment   Treatment `json:"treatment"`
	Module      string    `json:"module,omitempty"`
	Pos         Pos       `json:"-"`
	// CVSSPos is where the vector was written, for scoring errors.
	CVSSPos Pos `json:"-"`
}

// Generated reports whether the entry treats a threat a rule raises.
func (e *Entry) Generated() bool { return strings.Contains(e.ID, "@") }

// Countermeasure is a protection, with the tests that prove it works.
type Countermeasure struct {
	ID          string    `json:"id"`
	Title       string    `json:"title,omitempty"`
	Description string    `json:"description,omitempty"`
	Status      string    `json:"status"` // implemented (default) or planned
	Elements    []string  `json:"elements,omitempty"`
	Tests       []TestRef `json:"tests,omitempty"`
	Module      string    `json:"module,omitempty"`
	Pos         Pos       `json:"-"`
}

// Label is the title, or the id when there is none.
func (c *Countermeasure) Label() string { return label(c.Title, c.ID) }

// Implemented reports whether the countermeasure exists today.
func (c *Countermeasure) Implemented() bool { return c.Status != "planned" }

// TestRef names one test that proves a countermeasure: a go test (as go
// test -json reports it: Test name, optionally its Package import path), a
// JUnit test case ("classname.name" or "name"), or a fuzz target.
type TestRef struct {
	Go      string `json:"go,omitempty"`
	JUnit   string `json:"junit,omitempty"`
	Fuzz    string `json:"fuzz,omitempty"`
	Package string `json:"package,omitempty"`
	Pos     Pos    `json:"-"`
}

// Kind is go, junit or fuzz.
func (t TestRef) Kind() string {
	switch {
	case t.Go != "":
		return "go"
	case t.JUnit != "":
		return "junit"
	case t.Fuzz != "":
		return "fuzz"
	}
	return ""
}

// Name is the test's name as its kind writes it.
func (t TestRef) Name() string {
	switch t.Kind() {
	case "go":
		return t.Go
	case "junit":
		return t.JUnit
	}
	return t.Fuzz
}

// String is kind:[package.]name, as reports show it.
func (t TestRef) String() string {
	s := t.Kind() + ":"
	if t.Package != "" {
		s += t.Package + "."
	}
	return s + t.Name()
}

// Assumption is something the threat model takes as given (no attacker on
// the production line); an accepted threat may rest on one.
type Assumption struct {
	ID        string `json:"id"`
	Statement string `json:"statement"`
	Owner     string `json:"owner,omitempty"`
	Module    string `json:"module,omitempty"`
	Pos       Pos    `json:"-"`
}

// NotApplicableEntry says STRIDE categories of an element cannot apply.
type NotApplicableEntry struct {
	Element string   `json:"element"`
	STRIDE  []STRIDE `json:"stride"` // "all" is expanded on load
	Reason  string   `json:"reason"`
	Pos     Pos      `json:"-"`
}

// Review records the last review of a file's threat model: the commit it
// looked at, the security architect who did it, and when.
type Review struct {
	Commit string `json:"commit"`
	By     string `json:"by"`
	Date   string `json:"date,omitempty"`
	Pos    Pos    `json:"-"`
}

// File is one threat model file: what it is about, its review, and its
// layout hints (kept out of the semantic model).
type File struct {
	Path   string         `json:"path"`
	Module string         `json:"module,omitempty"`
	Review *Review        `json:"review,omitempty"`
	Layout map[string]any `json:"-"`
}

// Model is the merged threat model of every file, every list sorted by id
// so nothing depends on the order files or entries were written in.
type Model struct {
	Files           []File
	Assets          []Asset
	Elements        []Element // external entities, processes, data stores
	Flows           []Flow
	Boundaries      []Boundary
	Entries         []Entry
	Countermeasures []Countermeasure
	Assumptions     []Assumption
	NotApplicable   []NotApplicableEntry

	// Root is the root security model (people, modules, the section), nil
	// when the threat model was loaded alone.
	Root *model.Model `json:"-"`

	idx *index
}

type index struct {
	assets, elements, flows, boundaries, entries, cms, assumptions map[string]int
	in, out                                                        map[string][]int // element id -> flow positions
	paths                                                          map[string][]string
	crossed                                                        map[string][]string // flow id -> boundaries
}

// Reindex rebuilds the lookup tables; Load calls it. Call it after
// changing a Model by hand.
func (m *Model) Reindex() {
	ix := &index{
		assets: map[string]int{}, elements: map[string]int{}, flows: map[string]int{},
		boundaries: map[string]int{}, entries: map[string]int{}, cms: map[string]int{},
		assumptions: map[string]int{}, in: map[string][]int{}, out: map[string][]int{},
		paths: map[string][]string{}, crossed: map[string][]string{},
	}
	for i, a := range m.Assets {
		firstOf(ix.assets, a.ID, i)
	}
	for i, e := range m.Elements {
		firstOf(ix.elements, e.ID, i)
	}
	for i, f := range m.Flows {
		firstOf(ix.flows, f.ID, i)
		ix.out[f.From] = append(ix.out[f.From], i)
		ix.in[f.To] = append(ix.in[f.To], i)
	}
	for i, b := range m.Boundaries {
		firstOf(ix.boundaries, b.ID, i)
	}
	for i, e := range m.Entries {
		firstOf(ix.entries, e.ID, i)
	}
	for i, c := range m.Countermeasures {
		firstOf(ix.cms, c.ID, i)
	}
	for i, a := range m.Assumptions {
		firstOf(ix.assumptions, a.ID, i)
	}
	m.idx = ix
	for _, e := range m.Elements {
		ix.paths[e.ID] = m.boundaryPath(e.ID)
	}
	for _, f := range m.Flows {
		ix.crossed[f.ID] = m.crossed(&f)
	}
}

func (m *Model) ix() *index {
	if m.idx == nil {
		m.Reindex()
	}
	return m.idx
}

// Asset returns the asset with id.
func (m *Model) Asset(id string) (*Asset, bool) { return at(m.Assets, m.ix().assets, id) }

// Element returns the external entity, process or data store with id.
func (m *Model) Element(id string) (*Element, bool) { return at(m.Elements, m.ix().elements, id) }

// Flow returns the data flow with id.
func (m *Model) Flow(id string) (*Flow, bool) { return at(m.Flows, m.ix().flows, id) }

// Boundary returns the trust boundary with id.
func (m *Model) Boundary(id string) (*Boundary, bool) { return at(m.Boundaries, m.ix().boundaries, id) }

// Entry returns the threats-list entry with id.
func (m *Model) Entry(id string) (*Entry, bool) { return at(m.Entries, m.ix().entries, id) }

// Countermeasure returns the countermeasure with id.
func (m *Model) Countermeasure(id string) (*Countermeasure, bool) {
	return at(m.Countermeasures, m.ix().cms, id)
}

// Assumption returns the assumption with id.
func (m *Model) Assumption(id string) (*Assumption, bool) {
	return at(m.Assumptions, m.ix().assumptions, id)
}

// KindOf says what id names: an element's kind, DataFlow, or "" when it is
// no element or flow.
func (m *Model) KindOf(id string) Kind {
	if e, ok := m.Element(id); ok {
		return e.Kind
	}
	if _, ok := m.Flow(id); ok {
		return DataFlow
	}
	return ""
}

// Inbound returns the flows into element id, sorted by flow id.
func (m *Model) Inbound(id string) []*Flow { return m.flowsAt(m.ix().in[id]) }

// Outbound returns the flows out of element id, sorted by flow id.
func (m *Model) Outbound(id string) []*Flow { return m.flowsAt(m.ix().out[id]) }

func (m *Model) flowsAt(is []int) []*Flow {
	out := make([]*Flow, len(is))
	for k, i := range is {
		out[k] = &m.Flows[i]
	}
	return out
}

// BoundaryPath lists the trust boundaries around element id, outermost
// first; nil when it sits outside every boundary.
func (m *Model) BoundaryPath(id string) []string { return m.ix().paths[id] }

func (m *Model) boundaryPath(id string) []string {
	e, ok := m.Element(id)
	if !ok {
		return nil
	}
	var p []string
	seen := map[string]bool{}
	for b := e.Boundary; b != "" && !seen[b]; {
		seen[b] = true // Load refuses cycles; this guards a Model built by hand
		p = append(p, b)
		bb, ok := m.Boundary(b)
		if !ok {
			break
		}
		b = bb.Parent
	}
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// Crossed lists the trust boundaries flow f crosses: those around one end
// but not the other, sorted by id. Empty means the flow stays inside one
// trust zone.
func (m *Model) Crossed(f *Flow) []string {
	if c, ok := m.ix().crossed[f.ID]; ok {
		if fl, _ := m.Flow(f.ID); fl != nil && fl.From == f.From && fl.To == f.To {
			return append([]string(nil), c...)
		}
	}
	return m.crossed(f)
}

func (m *Model) crossed(f *Flow) []string {
	a, b := m.BoundaryPath(f.From), m.BoundaryPath(f.To)
	common := 0
	for common < len(a) && common < len(b) && a[common] == b[common] {
		common++
	}
	out := append(append([]string(nil), a[common:]...), b[common:]...)
	sort.Strings(out)
	return out
}

// Crosses reports whether flow f crosses at least one trust boundary.
func (m *Model) Crosses(f *Flow) bool {
	if c, ok := m.ix().crossed[f.ID]; ok {
		if fl, _ := m.Flow(f.ID); fl != nil && fl.From == f.From && fl.To == f.To {
			return len(c) > 0
		}
	}
	return len(m.crossed(f)) > 0
}

// FlowAssets returns the assets flow f carries.
func (m *Model) FlowAssets(f *Flow) []*Asset {
	var out []*Asset
	for _, id := range f.Assets {
		if a, ok := m.Asset(id); ok {
			out = append(out, a)
		}
	}
	return out
}

// CarriesTrait reports whether flow f carries an asset with trait t.
func (m *Model) CarriesTrait(f *Flow, t string) bool {
	for _, a := range m.FlowAssets(f) {
		if a.HasTrait(t) {
			return true
		}
	}
	return false
}

// ElementAssets returns the assets element e handles or holds.
func (m *Model) ElementAssets(e *Element) []*Asset {
	var out []*Asset
	for _, id := range e.Assets {
		if a, ok := m.Asset(id); ok {
			out = append(out, a)
		}
	}
	return out
}

func at[T any](list []T, ix map[string]int, id string) (*T, bool) {
	i, ok := ix[id]
	if !ok {
		return nil, false
	}
	return &list[i], true
}

func firstOf(m map[string]int, k string, i int) {
	if _, dup := m[k]; !dup {
		m[k] = i
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func label(name, id string) string {
	if name != "" {
		return name
	}
	return id
}
