package diagram

// breakCycles makes the graph acyclic for layering: a depth-first search
// from every node in (canonical) order, following edges in order, turns
// around each edge that leads back to a node still on the search path.
// Turned edges are laid out forwards and drawn with their arrow at the
// original head.
func (lg *layered) breakCycles() {
	n := len(lg.g.Nodes)
	out := make([][]int, n) // routes leaving each node
	for i, r := range lg.routes {
		out[r.t] = append(out[r.t], i)
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]int, n)
	type frame struct{ v, i int }
	for root := range n {
		if state[root] != unseen {
			continue
		}
		state[root] = onPath
		stack := []frame{{root, 0}}
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.i == len(out[f.v]) {
				state[f.v] = done
				stack = stack[:len(stack)-1]
				continue
			}
			r := &lg.routes[out[f.v][f.i]]
			f.i++
			switch state[r.h] {
			case onPath:
				r.reversed = true
			case unseen:
				state[r.h] = onPath
				stack = append(stack, frame{r.h, 0})
			}
		}
	}
	for i := range lg.routes {
		if r := &lg.routes[i]; r.reversed {
			r.t, r.h = r.h, r.t
		}
	}
}
