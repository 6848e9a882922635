// Package diagram lays out directed graphs with nested clusters and draws
// them as SVG, in pure Go: the data flow and data-asset diagrams of threat
// models, with trust boundaries as clusters. It replaces Graphviz inside
// the binary (nothing is compiled, cached or written at run time) and can
// still write DOT for users who want Graphviz's own layout.
//
// # API
//
// Build a Graph and ask for SVG or DOT:
//
//	g := &diagram.Graph{
//		Title:     "Data flow diagram",
//		Direction: diagram.LeftToRight,
//		Clusters:  []diagram.Cluster{{ID: "device", Label: "Sensor node"}},
//		Nodes: []diagram.Node{
//			{ID: "gw", Label: "LoRa gateway", Shape: diagram.Box},
//			{ID: "radio", Label: "Radio stack", Shape: diagram.Ellipse, Cluster: "device",
//				Style: diagram.Style{Fill: "#fdecea"}},
//		},
//		Edges: []diagram.Edge{{From: "gw", To: "radio", Label: "Downlink\nLoRaWAN",
//			Style: diagram.Style{Stroke: "#c0392b", Bold: true}}},
//	}
//	svg, err := g.SVG() // []byte, no XML declaration: a file or inline in HTML
//	dot, err := g.DOT() // []byte for `dot -Tpdf`
//	l, err := g.Layout() // positions only: Layout.Nodes[i].Box, Edges[i].Curve, Clusters[i].Box
//
// Shapes: Box (external entity), RoundedBox, Ellipse and Circle (process),
// Cylinder and Store (data store: a drum or two lines), Note (an asset).
// Edges have Arrows (Forward, Both, NoArrow); Style on nodes, edges and
// clusters sets colours, dashes, a bold line and extra CSS classes (colours
// are validated: "#rgb", "#rrggbb" or a name). Clusters nest through Parent;
// a node names its innermost cluster. Labels are plain text, "\n" breaks
// lines. Graph.IDPrefix scopes the SVG's ids and stylesheet so that several
// diagrams can share an HTML page. Invalid graphs (unknown or duplicate
// ids, cluster cycles, bad colours) return an error from every entry point;
// nothing panics.
//
// # Guarantees
//
// The output is a function of the graph: the same graph gives the same
// bytes on every run and platform (integer geometry, no maps in output
// order, no time, no random ids). By default the graph is sorted first
// (nodes and clusters by id, edges by all their fields), so any order of
// the same nodes, edges and clusters gives the same bytes; with
// Graph.InputOrder the given order breaks ties instead, as in Graphviz.
// Every layout keeps, and the tests check on fixed and fuzzed graphs:
// nodes do not overlap; every node lies inside each of its clusters, every
// cluster inside its parent; clusters that are not nested do not overlap,
// and no node or edge label overlaps a cluster it is not in; edges start
// and end on their nodes' borders; labels do not overlap nodes or each
// other.
//
// # Layout
//
// The layout is the layered method of Sugiyama et al. as Graphviz's dot
// does it: a depth-first search turns edges that close cycles around;
// network simplex puts nodes in layers (edges as short as possible; edges
// with labels span two layers so the label gets the middle one); long
// edges get a dummy node per layer; barycenter sweeps and a transpose step
// order each layer, counting an edge through a trust boundary it does not
// touch as two crossings; network simplex on dot's auxiliary graph places
// nodes within layers. Clusters stay contiguous blocks in every layer they
// span, in one sibling order across layers, and their borders are
// variables of the placement, so their rectangles cannot overlap. Text is
// measured with Helvetica's advance widths, not a font file.
package diagram
