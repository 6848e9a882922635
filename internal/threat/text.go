package threat

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Summary counts what an analysis found.
type Summary struct {
	Threats     int            `json:"threats"`
	ByStatus    map[Status]int `json:"by_status"`
	Obligations int            `json:"obligations"`
	Covered     int            `json:"covered"`
	Stale       int            `json:"stale"`
}

// Summarize counts threats by treatment and covered obligations.
func (a *Analysis) Summarize() Summary {
	s := Summary{Threats: len(a.Threats), ByStatus: map[Status]int{}, Obligations: len(a.Obligations), Stale: len(a.Stale)}
	for _, t := range a.Threats {
		s.ByStatus[t.Treatment.Status]++
	}
	for _, o := range a.Obligations {
		if o.Covered() {
			s.Covered++
		}
	}
	return s
}

// WriteText lists the threats one per line (treatment, score, STRIDE
// letter, id, title), then the obligations no threat or reason covers and
// the treatments that name no threat. It is the terminal view; reports for
// auditors are Markdown and HTML.
func WriteText(w io.Writer, a *Analysis) error {
	b := &strings.Builder{}
	s := a.Summarize()
	fmt.Fprintf(b, "%d threats", s.Threats)
	var parts []string
	for _, st := range []Status{Open, Mitigated, Accepted, Transferred, NotApplicable} {
		if n := s.ByStatus[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, st))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(b, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintf(b, "; %d of %d STRIDE obligations covered\n", s.Covered, s.Obligations)
	idw, stw := 0, 0
	for _, t := range a.Threats {
		idw = max(idw, len(t.ID))
		stw = max(stw, len(t.Treatment.Status))
	}
	if len(a.Threats) > 0 {
		b.WriteString("\n")
	}
	for _, t := range a.Threats {
		score := "   -"
		if t.CVSS.Severity != "" {
			score = fmt.Sprintf("%4.1f", t.CVSS.Score)
		}
		fmt.Fprintf(b, "%-*s %s %-8s %s  %-*s  %s\n", stw, t.Treatment.Status, score, t.CVSS.Severity,
			t.STRIDE.Letter(), idw, t.ID, t.Title)
	}
	var open []Obligation
	for _, o := range a.Obligations {
		if !o.Covered() {
			open = append(open, o)
		}
	}
	if len(open) > 0 {
		b.WriteString("\nUncovered STRIDE obligations (add a threat, or a not_applicable entry with the reason):\n")
		for _, o := range open {
			fmt.Fprintf(b, "  %s: %s %s: %s\n", o.Pos, o.Kind, o.Element, o.STRIDE)
		}
	}
	if len(a.Stale) > 0 {
		b.WriteString("\nTreatments of threats no rule raises any more (remove them, or restore what the rule matched):\n")
		for _, e := range a.Stale {
			fmt.Fprintf(b, "  %s: %s\n", e.Pos, e.ID)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteRules lists rules: id, pack, STRIDE letter, CWE, whether it needs a
// boundary crossing, and the title.
func WriteRules(w io.Writer, rs []RuleInfo) error {
	b := &strings.Builder{}
	idw := 0
	for _, r := range rs {
		idw = max(idw, len(r.ID))
	}
	for _, r := range rs {
		cwe := make([]string, len(r.CWE))
		for i, c := range r.CWE {
			cwe[i] = "CWE-" + strconv.Itoa(c)
		}
		cross := " "
		if r.Crossing {
			cross = "x"
		}
		fmt.Fprintf(b, "%-*s  %-8s %s %s  %-17s %s\n", idw, r.ID, r.Pack, r.STRIDE.Letter(), cross, strings.Join(cwe, ","), r.Title)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
