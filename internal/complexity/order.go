package complexity

import (
	"cmp"
	"slices"
	"strings"
)

// SortWorstFirst orders functions by CCN, highest first, then by NLOC,
// file, start line and name, so the order never depends on how the files
// were read.
func SortWorstFirst(fs []Function) {
	slices.SortStableFunc(fs, func(a, b Function) int {
		return cmp.Or(
			cmp.Compare(b.CCN, a.CCN),
			cmp.Compare(b.NLOC, a.NLOC),
			strings.Compare(a.File, b.File),
			cmp.Compare(a.StartLine, b.StartLine),
			strings.Compare(a.Name, b.Name),
		)
	})
}

// Over returns the functions whose CCN is above n.
func Over(fs []Function, n int) []Function {
	var out []Function
	for _, f := range fs {
		if f.CCN > n {
			out = append(out, f)
		}
	}
	return out
}
