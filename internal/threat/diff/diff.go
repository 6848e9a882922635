// Package diff compares a threat model at two revisions: which threats and
// countermeasures are new, which are gone, and which got weaker — a higher
// score, a treatment that no longer mitigates, a countermeasure that lost
// its tests. A reviewer of a change reads it to see what the change does to
// the security of the product, not just to the YAML.
package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/threat"
)

// Change is one threat or countermeasure that differs.
type Change struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Reasons say what got weaker or stronger, e.g. "CVSS 5.3 → 8.1".
	Reasons []string `json:"reasons,omitempty"`
}

// Section is the changes of one kind of item.
type Section struct {
	Added    []Change `json:"added"`
	Removed  []Change `json:"removed"`
	Weakened []Change `json:"weakened"`
	Improved []Change `json:"improved"`
}

// Diff is what changed between two analyses of the same rules.
type Diff struct {
	From            string  `json:"from"`
	To              string  `json:"to"`
	Threats         Section `json:"threats"`
	Countermeasures Section `json:"countermeasures"`
}

// Weakened reports whether anything got weaker or disappeared: a removed
// threat may be a threat that is simply no longer written down.
func (d *Diff) Weakened() bool {
	return len(d.Threats.Weakened)+len(d.Threats.Removed)+len(d.Countermeasures.Weakened)+len(d.Countermeasures.Removed) > 0
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool {
	for _, s := range []Section{d.Threats, d.Countermeasures} {
		if len(s.Added)+len(s.Removed)+len(s.Weakened)+len(s.Improved) > 0 {
			return false
		}
	}
	return true
}

// strength orders treatments: how much a treatment does about a threat.
// Not-applicable says the threat cannot happen, which is a claim as strong
// as a mitigation and must be as hard to reach silently.
func strength(s threat.Status) int {
	switch s {
	case threat.Mitigated, threat.NotApplicable:
		return 3
	case threat.Transferred:
		return 2
	case threat.Accepted:
		return 1
	}
	return 0
}

// Compare lists what changed from a to b.
func Compare(from, to string, a, b *threat.Analysis) *Diff {
	d := &Diff{From: from, To: to}
	ta, tb := threatsByID(a), threatsByID(b)
	ca, cb := cmsByID(a.Model), cmsByID(b.Model)
	for _, id := range keys(tb) {
		t := tb[id]
		old, ok := ta[id]
		if !ok {
			d.Threats.Added = append(d.Threats.Added, Change{ID: id, Title: t.Title, Reasons: []string{describe(t)}})
			continue
		}
		worse, better := compareThreat(old, t, ca, cb)
		if len(worse) > 0 {
			d.Threats.Weakened = append(d.Threats.Weakened, Change{ID: id, Title: t.Title, Reasons: worse})
		} else if len(better) > 0 {
			d.Threats.Improved = append(d.Threats.Improved, Change{ID: id, Title: t.Title, Reasons: better})
		}
	}
	for _, id := range keys(ta) {
		if _, ok := tb[id]; !ok {
			t := ta[id]
			d.Threats.Removed = append(d.Threats.Removed, Change{ID: id, Title: t.Title, Reasons: []string{"was " + describe(t)}})
		}
	}
	for _, id := range keys(cb) {
		c := cb[id]
		old, ok := ca[id]
		if !ok {
			d.Countermeasures.Added = append(d.Countermeasures.Added, Change{ID: id, Title: c.Label(), Reasons: []string{tests(len(c.Tests))}})
			continue
		}
		worse, better := compareCM(old, c)
		if len(worse) > 0 {
			d.Countermeasures.Weakened = append(d.Countermeasures.Weakened, Change{ID: id, Title: c.Label(), Reasons: worse})
		} else if len(better) > 0 {
			d.Countermeasures.Improved = append(d.Countermeasures.Improved, Change{ID: id, Title: c.Label(), Reasons: better})
		}
	}
	for _, id := range keys(ca) {
		if _, ok := cb[id]; !ok {
			c := ca[id]
			d.Countermeasures.Removed = append(d.Countermeasures.Removed, Change{ID: id, Title: c.Label(), Reasons: []string{"had " + tests(len(c.Tests))}})
		}
	}
	for _, s := range []*Section{&d.Threats, &d.Countermeasures} {
		for _, l := range []*[]Change{&s.Added, &s.Removed, &s.Weakened, &s.Improved} {
			if *l == nil {
				*l = []Change{}
			}
		}
	}
	return d
}

func tests(n int) string {
	if n == 1 {
		return "1 test"
	}
	return fmt.Sprintf("%d tests", n)
}

func describe(t *threat.Threat) string {
	s := string(t.Treatment.Status)
	if t.CVSS.Vector != "" {
		s += fmt.Sprintf(", CVSS %.1f", t.CVSS.Score)
	}
	return s
}

func compareThreat(a, b *threat.Threat, ca, cb map[string]*threat.Countermeasure) (worse, better []string) {
	if b.CVSS.Score > a.CVSS.Score {
		worse = append(worse, fmt.Sprintf("CVSS %.1f → %.1f", a.CVSS.Score, b.CVSS.Score))
	} else if b.CVSS.Score < a.CVSS.Score {
		better = append(better, fmt.Sprintf("CVSS %.1f → %.1f", a.CVSS.Score, b.CVSS.Score))
	}
	sa, sb := a.Treatment.Status, b.Treatment.Status
	switch {
	case sa != sb && (strength(sb) < strength(sa) || sa == threat.Mitigated || sb == threat.NotApplicable):
		worse = append(worse, fmt.Sprintf("treatment %s → %s", sa, sb))
	case sa != sb:
		better = append(better, fmt.Sprintf("treatment %s → %s", sa, sb))
	}
	if sa == sb && sb == threat.Accepted && a.Treatment.Expires != "" && b.Treatment.Expires > a.Treatment.Expires {
		worse = append(worse, fmt.Sprintf("acceptance extended %s → %s", a.Treatment.Expires, b.Treatment.Expires))
	}
	if sb == threat.Mitigated {
		for _, c := range minus(a.Treatment.Countermeasures, b.Treatment.Countermeasures) {
			if sa == threat.Mitigated {
				worse = append(worse, "no longer mitigated by "+c)
			}
		}
		for _, c := range minus(b.Treatment.Countermeasures, a.Treatment.Countermeasures) {
			better = append(better, "also mitigated by "+c)
		}
		// A countermeasure it still rests on got weaker.
		for _, id := range b.Treatment.Countermeasures {
			if old, ok := ca[id]; ok {
				if now, ok := cb[id]; ok {
					if w, _ := compareCM(old, now); len(w) > 0 {
						worse = append(worse, "countermeasure "+id+": "+strings.Join(w, "; "))
					}
				}
			}
		}
	}
	return worse, better
}

func compareCM(a, b *threat.Countermeasure) (worse, better []string) {
	if a.Implemented() && !b.Implemented() {
		worse = append(worse, "implemented → planned")
	} else if !a.Implemented() && b.Implemented() {
		better = append(better, "planned → implemented")
	}
	ta, tb := testNames(a), testNames(b)
	for _, t := range minus(ta, tb) {
		worse = append(worse, "lost test "+t)
	}
	for _, t := range minus(tb, ta) {
		better = append(better, "new test "+t)
	}
	return worse, better
}

func testNames(c *threat.Countermeasure) []string {
	var out []string
	for _, t := range c.Tests {
		out = append(out, t.String())
	}
	return out
}

// minus lists the items of a that b lacks, sorted.
func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
			in[x] = true
		}
	}
	sort.Strings(out)
	return out
}

func threatsByID(a *threat.Analysis) map[string]*threat.Threat {
	m := map[string]*threat.Threat{}
	for i := range a.Threats {
		m[a.Threats[i].ID] = &a.Threats[i]
	}
	return m
}

func cmsByID(m *threat.Model) map[string]*threat.Countermeasure {
	out := map[string]*threat.Countermeasure{}
	for i := range m.Countermeasures {
		out[m.Countermeasures[i].ID] = &m.Countermeasures[i]
	}
	return out
}

func keys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
