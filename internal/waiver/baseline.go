package waiver

import (
	"strings"

	"github.com/assure-dev/assure/internal/analysis"
)

// Baseline is the results of the base revision of a change, so the pr gate
// asks only about what the change brings: a project adopts assure with the
// findings it has, and no change may add one. It keeps a count per result
// key (tool, rule, file, fingerprint): two identical results at the base
// excuse two at the head, not three.
type Baseline struct {
	n map[matchKey]int
}

// NewBaseline counts results.
func NewBaseline(results []analysis.Result) *Baseline {
	b := &Baseline{n: make(map[matchKey]int, len(results))}
	for i := range results {
		b.n[key(&results[i])]++
	}
	return b
}

func key(r *analysis.Result) matchKey {
	return matchKey{strings.ToLower(r.Tool), r.Rule, r.File, r.Fingerprint}
}

// Len is the number of results counted.
func (b *Baseline) Len() int {
	n := 0
	for _, c := range b.n {
		n += c
	}
	return n
}

// Take reports whether r was already there at the base, using up one
// occurrence.
func (b *Baseline) Take(r *analysis.Result) bool {
	if b == nil {
		return false
	}
	k := key(r)
	if b.n[k] == 0 {
		return false
	}
	b.n[k]--
	return true
}
