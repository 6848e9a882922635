package harden

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

// Status is the outcome of one rule.
type Status string

// Outcomes. Waived is a FAIL that an exception accepts.
const (
	Pass   Status = "PASS"
	Fail   Status = "FAIL"
	NA     Status = "NA"
	Waived Status = "WAIVED"
)

// DefaultMarkers are the symbols whose selection marks an option as not fit
// for a hardened build.
var DefaultMarkers = []string{"DEPRECATED", "EXPERIMENTAL", "NOT_SECURE"}

// Result is one row of the hardening table.
type Result struct {
	Symbol string `json:"symbol"`
	// Kind is "rule" for a rule of the profile, "marker" for an enabled
	// option that selects or depends on a marker.
	Kind        string `json:"kind"`
	Status      Status `json:"status"`
	Current     string `json:"current"`
	Recommended string `json:"recommended"`
	// Reason says why a rule is NA, what a marker row found, or why an
	// exception did not hold.
	Reason string `json:"reason,omitempty"`
	// Marker is the marker a marker row is about.
	Marker    string     `json:"marker,omitempty"`
	Rule      *Rule      `json:"rule,omitempty"`
	Exception *Exception `json:"exception,omitempty"`
	// Defined is where the symbol is defined in the tree.
	Defined symtab.Pos `json:"defined,omitzero"`
}

// Failed reports whether the row fails the profile (an accepted deviation
// does not).
func (r Result) Failed() bool { return r.Status == Fail }

// Options of one check.
type Options struct {
	Profile    string
	Markers    []string // nil means DefaultMarkers
	Exceptions []Exception
	// Today (YYYY-MM-DD) decides which exceptions have expired.
	Today string
}

// Report is the outcome of checking one configuration against a profile.
type Report struct {
	Profile string   `json:"profile"`
	Chain   []string `json:"chain"`
	Results []Result `json:"results"`
	// Stale are exceptions that accept nothing: their symbol passes, is NA,
	// or has no rule. They should be removed so they cannot hide a future
	// regression silently.
	Stale []Exception `json:"stale_exceptions,omitempty"`
}

// Count returns how many rows have status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, x := range r.Results {
		if x.Status == s {
			n++
		}
	}
	return n
}

// Check evaluates the profile's rules and the markers against t.
func Check(db *Database, t *symtab.Table, o Options) (*Report, error) {
	chain, err := db.Closure(o.Profile)
	if err != nil {
		return nil, err
	}
	rules, err := db.RulesFor(o.Profile)
	if err != nil {
		return nil, err
	}
	rep := &Report{Profile: o.Profile, Chain: chain}
	for _, r := range rules {
		rep.Results = append(rep.Results, evaluate(r, t.Lookup(r.Symbol)))
	}
	markers := o.Markers
	if markers == nil {
		markers = DefaultMarkers
	}
	rep.Results = append(rep.Results, markerRows(t, markers)...)
	rep.applyExceptions(o.Exceptions, o.Today)
	return rep, nil
}

// Evaluate gives the status of one rule for symbol s (nil when the tree
// does not define it), with hardenconfig's semantics: int and hex values
// compare as numbers, min/max fail on a symbol that is not a number.
func Evaluate(r *Rule, s *symtab.Symbol) Result { return evaluate(r, s) }

func evaluate(r *Rule, s *symtab.Symbol) Result {
	res := Result{Symbol: r.Symbol, Kind: "rule", Recommended: r.Recommended(), Rule: r}
	if s == nil || !s.Defined() {
		res.Status, res.Reason = NA, "not defined in this Kconfig tree"
		return res
	}
	res.Defined = s.Where()
	if !s.Active {
		res.Status, res.Reason = NA, "not in this configuration: its dependencies are not met"
		if s.DependsOn != nil {
			res.Reason += " (depends on " + s.DependsOn.String() + ")"
		}
		return res
	}
	res.Current = s.Value
	cur, isNum := number(s)
	res.Status = Fail
	switch {
	case r.HasValue && isNum:
		if want, err := strconv.ParseInt(r.Value, 0, 64); err == nil && want == cur {
			res.Status = Pass
		}
	case r.HasValue:
		if s.Value == r.Value {
			res.Status = Pass
		}
	case !isNum:
		res.Reason = fmt.Sprintf("min/max apply to int and hex symbols; %s is %s", s.Name, s.Type)
	case (r.Min == nil || cur >= *r.Min) && (r.Max == nil || cur <= *r.Max):
		res.Status = Pass
	}
	return res
}

// number reads the value of an int or hex symbol in the base of its type:
// a hex value need not have its 0x.
func number(s *symtab.Symbol) (int64, bool) {
	var v int64
	var err error
	switch s.Type {
	case symtab.Int:
		v, err = strconv.ParseInt(s.Value, 10, 64)
	case symtab.Hex:
		v, err = strconv.ParseInt(strings.TrimPrefix(strings.TrimPrefix(s.Value, "0x"), "0X"), 16, 64)
	default:
		return 0, false
	}
	return v, err == nil
}

// markerRows finds every enabled option that selects a marker (with the
// select's condition holding) or cannot be enabled without it.
func markerRows(t *symtab.Table, markers []string) []Result {
	var defined []string
	for _, m := range markers {
		if s := t.Lookup(m); s != nil && s.Defined() {
			defined = append(defined, m)
		}
	}
	sort.Strings(defined)
	var out []Result
	for _, name := range t.Names() {
		s := t.Symbols[name]
		if !s.Active || !s.Enabled() || isMarker(name, defined) {
			continue
		}
		for _, m := range defined {
			how := ""
			for _, sel := range s.Selects {
				if sel.Target == m && t.Eval(sel.Cond) != "n" {
					how = "selects " + m
					break
				}
			}
			if how == "" && s.DependsOn.Requires(m) {
				how = "depends on " + m
			}
			if how == "" {
				continue
			}
			out = append(out, Result{Symbol: name, Kind: "marker", Status: Fail, Current: s.Value,
				Recommended: "n", Marker: m, Reason: how, Defined: s.Where()})
		}
	}
	return out
}

func isMarker(name string, markers []string) bool {
	for _, m := range markers {
		if m == name {
			return true
		}
	}
	return false
}

func (rep *Report) applyExceptions(exs []Exception, today string) {
	used := make([]bool, len(exs))
	for i := range rep.Results {
		r := &rep.Results[i]
		if r.Status != Fail {
			continue
		}
		for j := range exs {
			e := &exs[j]
			if e.Symbol != r.Symbol {
				continue
			}
			used[j] = true
			if e.expired(today) {
				r.Reason = strings.TrimPrefix(r.Reason+"; exception expired on "+e.Expires, "; ")
				continue
			}
			r.Status, r.Exception = Waived, e
			break
		}
	}
	for j, e := range exs {
		if !used[j] {
			rep.Stale = append(rep.Stale, e)
		}
	}
}
