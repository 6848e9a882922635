package diagram

// Point is a position in the drawing, in pixels; Y grows downwards.
type Point struct{ X, Y int }

// Rect is an axis-aligned rectangle: top-left corner and size.
type Rect struct{ X, Y, W, H int }

// Overlaps says whether two rectangles share interior area.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// Contains says whether o lies inside r (borders may touch).
func (r Rect) Contains(o Rect) bool {
	return r.X <= o.X && r.Y <= o.Y && o.X+o.W <= r.X+r.W && o.Y+o.H <= r.Y+r.H
}

// Layout is a graph with every element placed. Slices follow the order of
// the canonical graph (sorted by id unless Graph.InputOrder).
type Layout struct {
	Width, Height int
	Title         string
	TitleAt       Point // centre of the title's first line box; zero without a title
	Direction     Direction
	IDPrefix      string
	Nodes         []PlacedNode
	Edges         []PlacedEdge
	Clusters      []PlacedCluster // outer clusters before the clusters they hold
}

// PlacedNode is a node and the bounding box of its shape.
type PlacedNode struct {
	Node
	Box Rect
}

// PlacedEdge is an edge and its route from the border of From to the
// border of To (arrowheads go at the ends, as Arrows says).
type PlacedEdge struct {
	Edge
	// Curve is a cubic Bézier spline: Curve[0] is the start, then three
	// points (two control points and an end) per segment.
	Curve []Point
	// LabelBox is where the label's text goes (zero size without a label).
	LabelBox Rect
	// Reversed is set when cycle breaking laid the edge out backwards: it
	// points against the direction of the diagram.
	Reversed bool
}

// PlacedCluster is a cluster and its rectangle; the label sits inside its
// top-left corner.
type PlacedCluster struct {
	Cluster
	Box   Rect
	Depth int // 0 for a top-level cluster
}

// Spacing, in pixels.
const (
	margin      = 12 // around the drawing
	nodeSep     = 28 // between neighbours in a layer
	edgeSep     = 12 // between two edges passing through a layer
	rankSep     = 44 // between layers
	clusterPad  = 10 // between a cluster's border and what it holds
	clusterSep  = 14 // between a cluster and its neighbours
	labelPad    = 3  // around an edge label's text
	loopSize    = 18 // how far a self-loop reaches out of its node
	loopStep    = 12 // further reach of each further loop on a node
	orderPasses = 16
)

// simplexLimit bounds the pivots of a network simplex run on n nodes.
// Real diagrams need far fewer (about n/2); the bound only guarantees
// that a degenerate problem cannot make a layout hang, and a stopped run
// still gives a valid layout.
func simplexLimit(n int) int { return 1000 + 20*n }

// Layout validates the graph and places its elements. The same graph gives
// the same Layout; unless InputOrder is set, so does any permutation of its
// nodes, edges and clusters.
func (g *Graph) Layout() (*Layout, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	c := g.canonical()
	lg := newLayered(c)
	lg.breakCycles()
	if err := lg.assignRanks(); err != nil {
		return nil, err
	}
	lg.buildItems()
	lg.order()
	lg.rankPositions()
	if err := lg.orderPositions(); err != nil {
		return nil, err
	}
	return lg.place(), nil
}
