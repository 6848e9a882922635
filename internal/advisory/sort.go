package advisory

import (
	"cmp"
	"slices"

	"github.com/assure-dev/assure/internal/vuln"
)

// sortedFixes orders fixes by branch, kind and ref, so exports do not depend
// on the order they were linked in.
func sortedFixes(in []vuln.Fix) []vuln.Fix {
	out := slices.Clone(in)
	slices.SortFunc(out, func(a, b vuln.Fix) int {
		return cmp.Or(cmp.Compare(a.Branch, b.Branch), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Ref, b.Ref))
	})
	return out
}
