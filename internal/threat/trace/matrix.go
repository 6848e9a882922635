// Package trace links the threat model to the tests that prove it: for
// every threat, its assets, the countermeasures that treat it, the tests
// that prove each countermeasure, the result of each test and the commit
// the result belongs to. This matrix is the evidence a certification asks
// for, and the threat-tests gate fails on its gaps.
//
// Which commit a result belongs to is never guessed from file times: a
// result file is bound to a commit by a stamp that `assure threat
// record-tests` writes next to it (commit, file hash, clean work tree), or
// by a path that names the commit's full id. See Collect.
package trace

import (
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/testresult"
	"github.com/assure-dev/assure/internal/threat"
)

// State is what the evidence says about one test of a countermeasure.
type State string

const (
	Passed  State = "pass"
	Failed  State = "fail"
	Skipped State = "skip"
	// Missing: no result file of the commit has the test.
	Missing State = "missing"
	// Stale: results exist, but none bound to the commit under check.
	Stale State = "stale"
)

// Proves reports whether a test in this state proves its countermeasure.
func (s State) Proves() bool { return s == Passed }

// Matrix is asset ⇄ threat ⇄ countermeasure ⇄ test ⇄ result ⇄ commit.
type Matrix struct {
	// Commit is the commit under check.
	Commit string `json:"commit"`
	// Files are the result files read and how each was judged.
	Files   []File      `json:"files"`
	Threats []ThreatRow `json:"threats"`
}

// ThreatRow is one threat and what treats it.
type ThreatRow struct {
	ID       string        `json:"id"`
	Title    string        `json:"title"`
	STRIDE   threat.STRIDE `json:"stride"`
	Score    float64       `json:"score"`
	Severity string        `json:"severity"`
	Status   threat.Status `json:"treatment"`
	Assets   []string      `json:"assets"`
	// Countermeasures are those the treatment names, in its order.
	Countermeasures []CMRow `json:"countermeasures"`
	// Proven says every countermeasure is implemented, has tests, and
	// every test passed for the commit under check.
	Proven bool       `json:"proven"`
	Pos    threat.Pos `json:"-"`
}

// CMRow is one countermeasure and its tests.
type CMRow struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Known bool      `json:"-"`
	Tests []TestRow `json:"tests"`
	// Proven says the countermeasure has tests and all of them passed.
	Proven bool       `json:"proven"`
	Pos    threat.Pos `json:"-"`
}

// TestRow is one test of a countermeasure and its result.
type TestRow struct {
	// Ref is how the model names the test: kind:[package.]name.
	Ref   string `json:"test"`
	State State  `json:"result"`
	// Results are file:line of every result found for the test.
	Results []string `json:"results,omitempty"`
	// Commit is the commit the results belong to, when known.
	Commit string `json:"commit,omitempty"`
	// Detail says why a test is not proof: the failure message, the
	// skip reason, why the results are stale, or a package that did not
	// build.
	Detail string     `json:"detail,omitempty"`
	Pos    threat.Pos `json:"-"`
}

// Build joins the analysis with the evidence. Every threat appears, in id
// order; countermeasures in the order the treatment names them.
func Build(a *threat.Analysis, ev *Evidence) *Matrix {
	mx := &Matrix{Commit: ev.Head, Files: ev.Files}
	cache := map[string]TestRow{}
	for _, t := range a.Threats {
		row := ThreatRow{ID: t.ID, Title: t.Title, STRIDE: t.STRIDE, Score: t.CVSS.Score, Severity: t.CVSS.Severity,
			Status: t.Treatment.Status, Assets: append([]string{}, t.Assets...), Pos: t.Pos}
		sort.Strings(row.Assets)
		row.Proven = len(t.Treatment.Countermeasures) > 0
		for _, id := range t.Treatment.Countermeasures {
			cm := CMRow{ID: id, Tests: []TestRow{}}
			if c, ok := a.Model.Countermeasure(id); ok {
				cm.Title, cm.Known, cm.Pos = c.Label(), true, c.Pos
				cm.Proven = c.Implemented() && len(c.Tests) > 0
				for _, ref := range c.Tests {
					key := ref.String()
					tr, ok := cache[key]
					if !ok {
						tr = ev.judge(ref)
						cache[key] = tr
					}
					tr.Pos = ref.Pos
					cm.Tests = append(cm.Tests, tr)
					cm.Proven = cm.Proven && tr.State.Proves()
				}
			}
			row.Proven = row.Proven && cm.Proven
			row.Countermeasures = append(row.Countermeasures, cm)
		}
		if row.Countermeasures == nil {
			row.Countermeasures = []CMRow{}
		}
		mx.Threats = append(mx.Threats, row)
	}
	sort.SliceStable(mx.Threats, func(i, j int) bool { return mx.Threats[i].ID < mx.Threats[j].ID })
	if mx.Files == nil {
		mx.Files = []File{}
	}
	if mx.Threats == nil {
		mx.Threats = []ThreatRow{}
	}
	return mx
}

// Lookup is the name a test reference is looked up by, and the result
// formats it may come from.
func Lookup(ref threat.TestRef) (string, []testresult.Format) {
	name := ref.Name()
	if ref.Package != "" {
		name = ref.Package + "." + name
	}
	switch ref.Kind() {
	case "go":
		return name, []testresult.Format{testresult.GoTestJSON}
	case "junit":
		return name, []testresult.Format{testresult.JUnit}
	}
	// A Go fuzz target runs its seed corpus under go test; other fuzzers
	// report through JUnit.
	return name, []testresult.Format{testresult.GoTestJSON, testresult.JUnit}
}

func only(rs []testresult.Result, formats []testresult.Format) []testresult.Result {
	var out []testresult.Result
	for _, r := range rs {
		for _, f := range formats {
			if r.Format == f && !r.Package {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// judge finds the results of one test.
func (ev *Evidence) judge(ref threat.TestRef) TestRow {
	name, formats := Lookup(ref)
	tr := TestRow{Ref: ref.String()}
	if rs := only(ev.Fresh.Find(name), formats); len(rs) > 0 {
		tr.State = State(testresult.Worst(rs))
		tr.Commit = ev.Head
		for _, r := range rs {
			tr.Results = append(tr.Results, r.Where())
			if State(r.Status) == tr.State && tr.Detail == "" && r.Status != testresult.Pass {
				tr.Detail = r.Message
				if tr.Detail == "" {
					tr.Detail = firstLine(r.Output)
				}
			}
		}
		return tr
	}
	if rs := only(ev.Stale.Find(name), formats); len(rs) > 0 {
		tr.State = Stale
		for _, r := range rs {
			tr.Results = append(tr.Results, r.Where())
		}
		tr.Detail = ev.StaleReason(rs[0].File)
		for _, f := range ev.Files {
			if f.Path == rs[0].File {
				tr.Commit = f.Commit
			}
		}
		return tr
	}
	tr.State = Missing
	if p, ok := ev.Fresh.Package(name); ok && p.Status == testresult.Fail {
		tr.Detail = "package " + p.Suite + " failed"
		if p.Message != "" {
			tr.Detail = "package " + p.Suite + ": " + p.Message
		}
		tr.Results = []string{p.Where()}
	}
	return tr
}

func firstLine(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "…\n"))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
