package testresult

import (
	"cmp"
	"slices"
	"strings"
)

// Set is every result of one run, indexed by the names a model may use for
// a test.
type Set struct {
	Results []Result
	index   map[string][]int
}

// NewSet indexes rs. Results are sorted by ID, file and line so that
// everything derived from a set is independent of the order files were read.
func NewSet(rs []Result) *Set {
	s := &Set{Results: slices.Clone(rs), index: map[string][]int{}}
	slices.SortStableFunc(s.Results, func(a, b Result) int {
		return cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	for i, r := range s.Results {
		for _, k := range Keys(r) {
			s.index[k] = append(s.index[k], i)
		}
	}
	return s
}

// Keys lists the names that refer to r, most specific first:
//
//   - Go: the full ID "example.com/fw/ota.TestRollback/older", every
//     shorter package path ending in it ("fw/ota.TestRollback/older",
//     "ota.TestRollback/older"), and the bare test name
//     "TestRollback/older". A package's own result answers to its path.
//   - JUnit: the ID "tests.test_ota.test_signed", every shorter dotted
//     suffix that still holds the test name ("test_ota.test_signed"), and
//     the bare name "test_signed"; "classname::name" as pytest node ids
//     are written is accepted too.
//
// A short name that fits several results refers to all of them, and all of
// them must pass: a test the model names is never chosen by luck.
func Keys(r Result) []string {
	keys := []string{r.ID}
	switch {
	case r.Format == GoTestJSON && r.Package:
		for p := r.Suite; ; {
			i := strings.IndexByte(p, '/')
			if i < 0 {
				break
			}
			p = p[i+1:]
			keys = append(keys, p)
		}
	case r.Format == GoTestJSON:
		for p := r.Suite; ; {
			i := strings.IndexByte(p, '/')
			if i < 0 {
				break
			}
			p = p[i+1:]
			keys = append(keys, p+"."+r.Name)
		}
		keys = append(keys, r.Name)
	default:
		if r.Suite != "" && r.ID != r.Name {
			keys = append(keys, r.Suite+"::"+r.Name)
		}
		for c := r.Suite; c != ""; {
			i := strings.IndexByte(c, '.')
			if i < 0 {
				break
			}
			c = c[i+1:]
			keys = append(keys, c+"."+r.Name)
		}
		if r.ID != r.Name {
			keys = append(keys, r.Name)
		}
	}
	return dedup(keys)
}

func dedup(ss []string) []string {
	out := ss[:0]
	seen := map[string]bool{}
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Find returns the results a test reference names, in the set's order; nil
// when the test did not run at all.
func (s *Set) Find(ref string) []Result {
	ref = strings.TrimSpace(ref)
	var out []Result
	for _, i := range s.index[ref] {
		out = append(out, s.Results[i])
	}
	return out
}

// Package returns the result of the Go package a Go test reference lives
// in, when the set has one: a test that is missing because its package did
// not build is reported as such.
func (s *Set) Package(ref string) (Result, bool) {
	for i := len(ref) - 1; i > 0; i-- {
		if ref[i] != '.' {
			continue
		}
		for _, j := range s.index[ref[:i]] {
			if r := s.Results[j]; r.Package {
				return r, true
			}
		}
	}
	return Result{}, false
}

// Worst is the worst status among rs: a test that ran twice and failed once
// failed.
func Worst(rs []Result) Status {
	st := Pass
	for _, r := range rs {
		if r.Status.Worse(st) {
			st = r.Status
		}
	}
	return st
}
