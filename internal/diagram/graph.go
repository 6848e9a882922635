package diagram

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Direction is the way edges flow: the axis along which layers follow one
// another.
type Direction int

// Directions.
const (
	TopToBottom Direction = iota // layers are rows, edges point down (DOT rankdir=TB)
	LeftToRight                  // layers are columns, edges point right (DOT rankdir=LR)
)

// Shape is how a node is drawn.
type Shape int

// Shapes. DFD elements map to them as external entity → Box, process →
// Ellipse or Circle, data store → Cylinder or Store.
const (
	Box        Shape = iota
	RoundedBox       // box with rounded corners
	Ellipse
	Circle
	Cylinder // a drum: data store
	Store    // two horizontal lines, open sides: the DeMarco data store
	Note     // box with a folded corner
)

var shapeNames = [...]string{"box", "rounded", "ellipse", "circle", "cylinder", "store", "note"}

func (s Shape) String() string {
	if s >= 0 && int(s) < len(shapeNames) {
		return shapeNames[s]
	}
	return fmt.Sprintf("Shape(%d)", int(s))
}

// Arrows says which ends of an edge carry an arrowhead.
type Arrows int

// Arrows.
const (
	Forward Arrows = iota // arrowhead at To
	Both                  // arrowheads at both ends: a bidirectional flow
	NoArrow               // a plain line (associations, e.g. asset links)
)

// Style is the optional look of a node, edge or cluster. Empty fields take
// the stylesheet's defaults, so a CSS class alone can restyle a diagram.
// Colours are "#rgb", "#rrggbb" (with optional alpha) or a CSS colour
// name; anything else is rejected by Validate, so no style can carry CSS or
// markup into the SVG.
type Style struct {
	Class  string // extra CSS classes, space-separated: [A-Za-z0-9_-]
	Stroke string // outline or line colour
	Fill   string // fill colour (nodes only)
	Text   string // label colour
	Dashed bool   // dashed outline or line (clusters are always dashed)
	Bold   bool   // thicker outline or line
}

// Node is one box of the diagram.
type Node struct {
	ID      string
	Label   string // lines separated by "\n"; empty: the ID
	Shape   Shape
	Cluster string // id of the innermost cluster holding the node; "" = none
	Style   Style
}

// Edge is a directed connection between two nodes. From == To is allowed
// (a loop beside the node).
type Edge struct {
	From, To string
	Label    string // lines separated by "\n"; may be empty
	Arrows   Arrows
	Style    Style
}

// Cluster is a labelled rectangle around nodes and other clusters: a trust
// boundary. Clusters nest through Parent; a cluster whose subtree holds no
// node is not drawn.
type Cluster struct {
	ID     string
	Label  string // lines separated by "\n"; empty: the ID
	Parent string // id of the enclosing cluster; "" = top level
	Style  Style
}

// Graph is a diagram to lay out and render.
type Graph struct {
	Title     string // caption above the diagram; also the SVG's <title>
	Direction Direction
	Nodes     []Node
	Edges     []Edge
	Clusters  []Cluster
	// InputOrder makes the order of Nodes, Edges and Clusters break ties
	// (cycle breaking, initial order within layers), as Graphviz does. By
	// default the graph is first sorted (nodes and clusters by id, edges by
	// all their fields), so every permutation of the same graph gives the
	// same bytes.
	InputOrder bool
	// IDPrefix prefixes the few element ids of the SVG (arrowhead markers),
	// so that several diagrams can be inlined in one HTML page. Default
	// "diagram"; letters, digits, '-' and '_', starting with a letter.
	IDPrefix string
}

// validColour accepts "#rgb", "#rgba", "#rrggbb", "#rrggbbaa" and CSS
// colour names (letters only).
func validColour(c string) bool {
	if hex, ok := strings.CutPrefix(c, "#"); ok {
		switch len(hex) {
		case 3, 4, 6, 8:
			return strings.Trim(hex, "0123456789abcdefABCDEF") == ""
		}
		return false
	}
	return len(c) >= 1 && len(c) <= 30 && strings.Trim(c, letters) == ""
}

const (
	letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digits  = "0123456789"
)

// validClass accepts CSS class names made of letters, digits, '-' and '_',
// separated by spaces.
func validClass(c string) bool { return strings.Trim(c, letters+digits+"-_ ") == "" }

// validPrefix accepts ids that start with a letter, then letters, digits,
// '-' and '_', at most 64 characters.
func validPrefix(p string) bool {
	return len(p) >= 1 && len(p) <= 64 && strings.ContainsAny(p[:1], letters) &&
		strings.Trim(p, letters+digits+"-_") == ""
}

// Validate reports the first reason the graph cannot be drawn: an empty or
// duplicate id, an edge or node naming what does not exist, clusters that
// nest in a cycle, a style value outside what Style allows.
func (g *Graph) Validate() error {
	if g.Direction != TopToBottom && g.Direction != LeftToRight {
		return fmt.Errorf("diagram: unknown direction %d", g.Direction)
	}
	if g.IDPrefix != "" && !validPrefix(g.IDPrefix) {
		return fmt.Errorf("diagram: id prefix %q: use letters, digits, '-' and '_', starting with a letter", g.IDPrefix)
	}
	clusters := make(map[string]*Cluster, len(g.Clusters))
	for i := range g.Clusters {
		c := &g.Clusters[i]
		if c.ID == "" {
			return fmt.Errorf("diagram: cluster %d has no id", i)
		}
		if clusters[c.ID] != nil {
			return fmt.Errorf("diagram: cluster %q is defined twice", c.ID)
		}
		clusters[c.ID] = c
		if err := c.Style.check("cluster " + quote(c.ID)); err != nil {
			return err
		}
	}
	for i := range g.Clusters {
		c := &g.Clusters[i]
		if c.Parent != "" && clusters[c.Parent] == nil {
			return fmt.Errorf("diagram: cluster %q: parent %q is not a cluster", c.ID, c.Parent)
		}
		// Walk up at most len(clusters) steps: a longer walk is a cycle.
		p := c.Parent
		for range len(g.Clusters) {
			if p == "" {
				break
			}
			p = clusters[p].Parent
		}
		if p != "" {
			return fmt.Errorf("diagram: cluster %q is inside itself (its parents form a cycle)", c.ID)
		}
	}
	nodes := make(map[string]bool, len(g.Nodes))
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if n.ID == "" {
			return fmt.Errorf("diagram: node %d has no id", i)
		}
		if nodes[n.ID] {
			return fmt.Errorf("diagram: node %q is defined twice", n.ID)
		}
		nodes[n.ID] = true
		if n.Shape < Box || n.Shape > Note {
			return fmt.Errorf("diagram: node %q: unknown shape %d", n.ID, n.Shape)
		}
		if n.Cluster != "" && clusters[n.Cluster] == nil {
			return fmt.Errorf("diagram: node %q: cluster %q is not defined", n.ID, n.Cluster)
		}
		if err := n.Style.check("node " + quote(n.ID)); err != nil {
			return err
		}
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		what := fmt.Sprintf("edge %d (%s -> %s)", i, quote(e.From), quote(e.To))
		for _, end := range []string{e.From, e.To} {
			if !nodes[end] {
				return fmt.Errorf("diagram: %s: node %q is not defined", what, end)
			}
		}
		if e.Arrows < Forward || e.Arrows > NoArrow {
			return fmt.Errorf("diagram: %s: unknown arrows %d", what, e.Arrows)
		}
		if err := e.Style.check(what); err != nil {
			return err
		}
	}
	return nil
}

func (s Style) check(what string) error {
	for _, c := range []struct{ field, v string }{{"stroke", s.Stroke}, {"fill", s.Fill}, {"text", s.Text}} {
		if c.v != "" && !validColour(c.v) {
			return fmt.Errorf("diagram: %s: %s colour %q: use #rgb, #rrggbb or a colour name", what, c.field, c.v)
		}
	}
	if !validClass(s.Class) {
		return fmt.Errorf("diagram: %s: class %q: use letters, digits, '-' and '_'", what, s.Class)
	}
	return nil
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// canonical returns the graph the layout works on: a copy, sorted unless
// InputOrder is set, so that the layout is a function of the graph's
// content and not of how a caller happened to list it.
func (g *Graph) canonical() *Graph {
	c := *g
	c.Nodes = slices.Clone(g.Nodes)
	c.Edges = slices.Clone(g.Edges)
	c.Clusters = slices.Clone(g.Clusters)
	if c.IDPrefix == "" {
		c.IDPrefix = "diagram"
	}
	if g.InputOrder {
		return &c
	}
	slices.SortFunc(c.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Clusters, func(a, b Cluster) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Edges, compareEdges)
	return &c
}

// compareEdges orders edges by every field, so edges that compare equal
// are interchangeable.
func compareEdges(a, b Edge) int {
	return cmp.Or(
		strings.Compare(a.From, b.From),
		strings.Compare(a.To, b.To),
		strings.Compare(a.Label, b.Label),
		cmp.Compare(a.Arrows, b.Arrows),
		compareStyles(a.Style, b.Style),
	)
}

func compareStyles(a, b Style) int {
	return cmp.Or(
		strings.Compare(a.Class, b.Class),
		strings.Compare(a.Stroke, b.Stroke),
		strings.Compare(a.Fill, b.Fill),
		strings.Compare(a.Text, b.Text),
		compareBool(a.Dashed, b.Dashed),
		compareBool(a.Bold, b.Bold),
	)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}
