package diagram

import (
	"math/rand/v2"
	"testing"
)

// orderedGraph runs the layout up to the ordering of layers.
func orderedGraph(t *testing.T, g *Graph) *layered {
	t.Helper()
	lg := newLayered(g.canonical())
	lg.breakCycles()
	if err := lg.assignRanks(); err != nil {
		t.Fatal(err)
	}
	lg.buildItems()
	lg.order()
	return lg
}

// TestMoveDelta: the change transpose predicts for a move is the change
// in the counted crossings of the two layer pairs around it.
func TestMoveDelta(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	checked := 0
	for trial := range 300 {
		data := make([]byte, 40+r.IntN(200))
		for i := range data {
			data[i] = byte(r.UintN(256))
		}
		g := fuzzGraph(data)
		if g.Validate() != nil {
			continue
		}
		lg := orderedGraph(t, g)
		o := lg.orderer
		for k := range lg.layers {
			o.ranges(k-1, 0)
			o.ranges(k+1, 1)
			for _, i := range append([]int(nil), lg.layers[k]...) {
				for _, dir := range []int{1, -1} {
					q, end, unit, ok := o.nextUnit(k, i, dir)
					if !ok {
						continue
					}
					before := o.pairCost(k-1) + o.pairCost(k)
					want := o.moveDelta(k, i, q, end, unit, dir)
					o.move(k, i, end, dir)
					got := o.pairCost(k-1) + o.pairCost(k) - before
					checked++
					if got != want {
						t.Fatalf("trial %d layer %d item %d dir %d: moveDelta %d, counted %d", trial, k, i, dir, want, got)
					}
					// Moving back restores the arrangement.
					_, end, _, ok = o.nextUnit(k, i, -dir)
					if !ok {
						t.Fatalf("trial %d: cannot move item %d back", trial, i)
					}
					o.move(k, i, end, -dir)
					if c := o.pairCost(k-1) + o.pairCost(k); c != before {
						t.Fatalf("trial %d: moving back gives cost %d, was %d", trial, c, before)
					}
				}
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d moves checked", checked)
	}
}
