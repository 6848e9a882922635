package gitlog

// Graph answers ancestry questions within a set of commits already read, so
// that review evidence given on one commit can cover the commits below it
// without asking git once per pair.
type Graph struct {
	parents map[string][]string
	memo    map[string]map[string]struct{}
}

// NewGraph indexes the parent links of cs.
func NewGraph(cs []Commit) *Graph {
	g := &Graph{parents: make(map[string][]string, len(cs)), memo: map[string]map[string]struct{}{}}
	for i := range cs {
		g.parents[cs[i].Hash] = cs[i].Parents
	}
	return g
}

// Has reports whether c is among the indexed commits.
func (g *Graph) Has(c string) bool { _, ok := g.parents[c]; return ok }

// IsAncestor reports whether anc is desc or reachable from desc through
// parent links inside the indexed set.
func (g *Graph) IsAncestor(anc, desc string) bool {
	if anc == desc {
		return true
	}
	set, ok := g.memo[desc]
	if !ok {
		set = map[string]struct{}{}
		stack := []string{desc}
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if _, seen := set[c]; seen {
				continue
			}
			ps, known := g.parents[c]
			if !known {
				continue
			}
			set[c] = struct{}{}
			stack = append(stack, ps...)
		}
		g.memo[desc] = set
	}
	_, ok = set[anc]
	return ok
}
