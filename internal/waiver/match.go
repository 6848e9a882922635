package waiver

import (
	"strings"

	"github.com/assure-dev/assure/internal/analysis"
)

// matchKey is what a waiver matches: tool (case-folded, as tools spell
// their names inconsistently), rule, file and our fingerprint.
type matchKey struct{ tool, rule, file, fp string }

// Index finds the waiver of a result in constant time, so matching many
// results against many waivers costs one map lookup per result and memory
// for the waivers only.
type Index struct {
	reg   *Registry
	today string
	by    map[matchKey][]int32
	// byID finds the first waiver with an id, for comments naming it.
	byID map[string]int
	// unsound are waivers whose record fails validation: they waive
	// nothing until it is complete (fail-safe).
	unsound map[string]bool
}

// NewIndex indexes the waivers of reg; today (YYYY-MM-DD) decides expiry.
func NewIndex(reg *Registry, today string) *Index {
	ix := &Index{reg: reg, today: today, by: make(map[matchKey][]int32, len(reg.Waivers)), byID: make(map[string]int, len(reg.Waivers))}
	for i, w := range reg.Waivers {
		k := matchKey{strings.ToLower(w.Tool), w.Rule, w.File, w.Fingerprint}
		ix.by[k] = append(ix.by[k], int32(i))
		if _, dup := ix.byID[w.ID]; !dup {
			ix.byID[w.ID] = i
		}
	}
	return ix
}

// Match returns the index in the registry of the waiver that covers r, or
// -1. When several do (a duplicate the validation reports), the one that
// waives wins, then one under review, then the first.
func (ix *Index) Match(r *analysis.Result) int {
	is := ix.by[matchKey{strings.ToLower(r.Tool), r.Rule, r.File, r.Fingerprint}]
	best, bestRank := -1, 99
	for _, i := range is {
		if rk := ix.rank(&ix.reg.Waivers[i]); rk < bestRank {
			best, bestRank = int(i), rk
		}
	}
	return best
}

func (ix *Index) rank(w *Waiver) int {
	switch {
	case ix.Waives(w):
		return 0
	case w.Status == UnderReview:
		return 1
	case w.Status == Accepted:
		return 2 // expired
	default:
		return 3
	}
}

// Distrust makes the waivers named by problems waive nothing: a waiver
// with a missing field or an approval that does not count is not a waiver
// yet.
func (ix *Index) Distrust(ps []Problem) {
	for _, p := range ps {
		if p.Waiver == "" || p.Kind == KindExpired {
			continue
		}
		if ix.unsound == nil {
			ix.unsound = map[string]bool{}
		}
		ix.unsound[p.Waiver] = true
	}
}

// Waives reports whether w waives its result today: accepted, not expired,
// and its record sound.
func (ix *Index) Waives(w *Waiver) bool {
	return w.Status == Accepted && !ix.Expired(w) && !ix.unsound[w.ID]
}

// Sound reports whether w's record passed validation.
func (ix *Index) Sound(w *Waiver) bool { return !ix.unsound[w.ID] }

// Expired reports whether w's expiry date lies before today.
func (ix *Index) Expired(w *Waiver) bool {
	return w.Expires != "" && ix.today != "" && validDate(w.Expires) && w.Expires < ix.today
}
