package diagram

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// SVG lays out the graph and renders it as a standalone SVG document
// (without an XML declaration, so it can also be inlined in HTML).
func (g *Graph) SVG() ([]byte, error) {
	l, err := g.Layout()
	if err != nil {
		return nil, err
	}
	return l.SVG(), nil
}

// SVG renders the layout. Every label is escaped; the only ids are the
// prefix's (the title, one arrowhead per colour); nothing depends on time
// or chance.
func (l *Layout) SVG() []byte {
	w := &svgWriter{p: l.IDPrefix}
	if !validPrefix(w.p) { // a Layout's fields can be changed after Layout()
		w.p = "diagram"
	}
	title := l.Title
	if title == "" {
		title = "Diagram"
	}
	class := "diagram"
	if w.p != class {
		class += " " + w.p
	}
	w.printf(`<svg xmlns="http://www.w3.org/2000/svg" class="%s" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title">`+"\n",
		class, l.Width, l.Height, l.Width, l.Height, w.p)
	w.printf(`<title id="%s-title">%s</title>`+"\n", w.p, esc(title))
	w.style()
	w.markers(l.Edges)
	w.printf(`<rect class="background" width="%d" height="%d"/>`+"\n", l.Width, l.Height)
	if l.Title != "" {
		w.text("title", "", lines(l.Title), l.TitleAt.X, l.TitleAt.Y-lineHeight(titleFont)/2, titleFont)
	}
	for _, c := range l.Clusters {
		w.cluster(&c)
	}
	for i := range l.Edges {
		w.edge(&l.Edges[i])
	}
	// Cluster labels go over the edges, on a light background, so that
	// a flow entering a boundary never hides the boundary's name.
	for _, c := range l.Clusters {
		w.clusterLabel(&c)
	}
	for i := range l.Nodes {
		w.node(&l.Nodes[i])
	}
	w.b.WriteString("</svg>\n")
	return w.b.Bytes()
}

type svgWriter struct {
	b bytes.Buffer
	p string // id prefix, also the class scoping the stylesheet
}

func (w *svgWriter) printf(format string, a ...any) {
	fmt.Fprintf(&w.b, format, a...)
}

// esc escapes text for XML character data and attribute values; invalid
// characters become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

const (
	defaultStroke  = "#333333"
	boundaryColour = "#c0392b"
)

func (w *svgWriter) style() {
	p := "." + w.p
	rules := []string{
		p + ` text{font-family:Helvetica,Arial,sans-serif;text-anchor:middle;fill:#1a1a1a}`,
		p + ` .background{fill:#fff}`,
		p + ` .title{font-size:16px;font-weight:bold}`,
		p + ` .node .shape{fill:#fff;stroke:` + defaultStroke + `;stroke-width:1.2}`,
		p + ` .node .fill{fill:#fff;stroke:none}`,
		p + ` .node .line{fill:none;stroke:` + defaultStroke + `;stroke-width:1.2}`,
		p + ` .node text{font-size:14px}`,
		p + ` .cluster rect{fill:none;stroke:` + boundaryColour + `;stroke-width:1.2;stroke-dasharray:6 4}`,
		p + ` .cluster-label rect{fill:#fff;fill-opacity:.85;stroke:none}`,
		p + ` .cluster-label text{font-size:12px;text-anchor:start;fill:` + boundaryColour + `}`,
		p + ` .edge path{fill:none;stroke:` + defaultStroke + `;stroke-width:1.2}`,
		p + ` .edge rect{fill:#fff;stroke:none}`,
		p + ` .edge text{font-size:11px}`,
		p + ` .dashed .shape,` + p + ` .dashed .line,` + p + ` .edge.dashed path{stroke-dasharray:5 3}`,
		p + ` .bold .shape,` + p + ` .bold .line,` + p + ` .bold path,` + p + ` .cluster.bold rect{stroke-width:2.4}`,
	}
	w.b.WriteString("<style>\n")
	for _, r := range rules {
		w.b.WriteString(r)
		w.b.WriteByte('\n')
	}
	w.b.WriteString("</style>\n")
}

// markers defines one arrowhead per edge colour: in SVG 1.1 a marker
// cannot take the colour of the line that uses it.
func (w *svgWriter) markers(edges []PlacedEdge) {
	var colours []string
	for _, e := range edges {
		if e.Arrows != NoArrow {
			colours = append(colours, strokeOr(e.Style.Stroke))
		}
	}
	slices.Sort(colours)
	colours = slices.Compact(colours)
	if len(colours) == 0 {
		return
	}
	w.b.WriteString("<defs>\n")
	for _, c := range colours {
		w.printf(`<marker id="%s" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>`+"\n",
			w.arrowID(c), esc(c))
	}
	w.b.WriteString("</defs>\n")
}

// arrowID names the marker of a colour after the colour, so that two
// diagrams inlined in one page with the same prefix can only share an id
// for the same arrowhead. Hex colours and names (letters only) cannot meet:
// "arrow_add" is #add, "arrow-add" a colour named add.
func (w *svgWriter) arrowID(colour string) string {
	if hex, ok := strings.CutPrefix(colour, "#"); ok {
		return w.p + "-arrow_" + hex
	}
	return w.p + "-arrow-" + colour
}

func strokeOr(c string) string {
	if !validColour(c) {
		return defaultStroke
	}
	return c
}

// classes is the class attribute of an element's group.
func classes(kind string, s Style, extra ...string) string {
	cs := append([]string{kind}, extra...)
	if s.Dashed {
		cs = append(cs, "dashed")
	}
	if s.Bold {
		cs = append(cs, "bold")
	}
	if validClass(s.Class) {
		cs = append(cs, strings.Fields(s.Class)...)
	}
	return esc(strings.Join(cs, " "))
}

// paint is the inline style of a shape or line: colours given override the
// stylesheet. Values Validate would refuse are dropped, in case a Layout
// was changed after it was made.
func paint(stroke, fill string) string {
	var parts []string
	if validColour(stroke) {
		parts = append(parts, "stroke:"+stroke)
	}
	if validColour(fill) {
		parts = append(parts, "fill:"+fill)
	}
	if len(parts) == 0 {
		return ""
	}
	return ` style="` + esc(strings.Join(parts, ";")) + `"`
}

// text writes lines centred on x (left-aligned at x for class
// "cluster-label"), the first line box starting at top.
func (w *svgWriter) text(class, colour string, ls []string, x, top, size int) {
	lh := lineHeight(size)
	for i, s := range ls {
		if s == "" {
			continue
		}
		y := top + i*lh + (lh-size)/2 + size*4/5
		attrs := ""
		if class != "" {
			attrs = ` class="` + class + `"`
		}
		if validColour(colour) {
			attrs += ` style="fill:` + esc(colour) + `"`
		}
		w.printf(`<text%s x="%d" y="%d">%s</text>`+"\n", attrs, x, y, esc(s))
	}
}

func (w *svgWriter) cluster(c *PlacedCluster) {
	b := c.Box
	w.printf(`<g class="%s" data-id="%s">`+"\n", classes("cluster", c.Style, "depth-"+strconv.Itoa(c.Depth)), esc(c.ID))
	ls := clusterLabel(&c.Cluster)
	w.printf(`<title>%s</title>`+"\n", esc(strings.Join(ls, "\n")))
	w.printf(`<rect x="%d" y="%d" width="%d" height="%d"%s/>`+"\n", b.X, b.Y, b.W, b.H, paint(c.Style.Stroke, ""))
	w.b.WriteString("</g>\n")
}

func (w *svgWriter) clusterLabel(c *PlacedCluster) {
	b := c.Box
	ls := clusterLabel(&c.Cluster)
	tw, th := textBox(ls, clusterFont)
	w.printf(`<g class="cluster-label" data-id="%s">`+"\n", esc(c.ID))
	w.printf(`<rect x="%d" y="%d" width="%d" height="%d"/>`+"\n", b.X+clusterPad-2, b.Y+3, tw+4, th+2)
	colour := c.Style.Text
	if colour == "" {
		colour = c.Style.Stroke
	}
	w.text("", colour, ls, b.X+clusterPad, b.Y+4, clusterFont)
	w.b.WriteString("</g>\n")
}

func (w *svgWriter) edge(e *PlacedEdge) {
	w.printf(`<g class="%s" data-from="%s" data-to="%s">`+"\n", classes("edge", e.Style), esc(e.From), esc(e.To))
	t := e.From + " → " + e.To
	if e.Label != "" {
		t = strings.Join(lines(e.Label), " ") + " (" + t + ")"
	}
	w.printf(`<title>%s</title>`+"\n", esc(t))
	var d strings.Builder
	for i, p := range e.Curve {
		switch {
		case i == 0:
			d.WriteString("M")
		case i == 1:
			d.WriteString(" C")
		default:
			d.WriteString(" ")
		}
		d.WriteString(strconv.Itoa(p.X) + "," + strconv.Itoa(p.Y))
	}
	arrows := ""
	if e.Arrows != NoArrow {
		m := ` url(#` + w.arrowID(strokeOr(e.Style.Stroke)) + `)`
		arrows = ` marker-end="` + m[1:] + `"`
		if e.Arrows == Both {
			arrows += ` marker-start="` + m[1:] + `"`
		}
	}
	w.printf(`<path d="%s"%s%s/>`+"\n", d.String(), paint(e.Style.Stroke, ""), arrows)
	if b := e.LabelBox; b.W > 0 {
		w.printf(`<rect x="%d" y="%d" width="%d" height="%d"/>`+"\n", b.X, b.Y, b.W, b.H)
		w.text("", e.Style.Text, lines(e.Label), b.X+b.W/2, b.Y+labelPad, edgeFont)
	}
	w.b.WriteString("</g>\n")
}

func (w *svgWriter) node(n *PlacedNode) {
	b := n.Box
	w.printf(`<g class="%s" data-id="%s">`+"\n", classes("node", n.Style, n.Shape.String()), esc(n.ID))
	ls := nodeLabel(&n.Node)
	w.printf(`<title>%s</title>`+"\n", esc(strings.Join(ls, "\n")))
	st := paint(n.Style.Stroke, n.Style.Fill)
	cx, cy := b.X+b.W/2, b.Y+b.H/2
	x1, y1 := b.X+b.W, b.Y+b.H
	switch n.Shape {
	case RoundedBox:
		w.printf(`<rect class="shape" x="%d" y="%d" width="%d" height="%d" rx="8"%s/>`+"\n", b.X, b.Y, b.W, b.H, st)
	case Ellipse:
		w.printf(`<ellipse class="shape" cx="%d" cy="%d" rx="%d" ry="%d"%s/>`+"\n", cx, cy, b.W/2, b.H/2, st)
	case Circle:
		w.printf(`<circle class="shape" cx="%d" cy="%d" r="%d"%s/>`+"\n", cx, cy, b.W/2, st)
	case Cylinder:
		rx, ry := b.W/2, capRY
		w.printf(`<path class="shape" d="M%d,%d a%d,%d 0 0 1 %d,0 a%d,%d 0 0 1 %d,0 v%d a%d,%d 0 0 0 %d,0 v%d"%s/>`+"\n",
			b.X, b.Y+ry, rx, ry, b.W, rx, ry, -b.W, b.H-2*ry, rx, ry, b.W, -(b.H - 2*ry), st)
		cy += ry / 2 // below the top cap
	case Store:
		w.printf(`<rect class="fill" x="%d" y="%d" width="%d" height="%d"%s/>`+"\n", b.X, b.Y, b.W, b.H, paint("", n.Style.Fill))
		w.printf(`<path class="line" d="M%d,%d H%d M%d,%d H%d"%s/>`+"\n", b.X, b.Y, x1, b.X, y1, x1, paint(n.Style.Stroke, ""))
	case Note:
		f := noteFold
		w.printf(`<path class="shape" d="M%d,%d H%d L%d,%d V%d H%d Z"%s/>`+"\n", b.X, b.Y, x1-f, x1, b.Y+f, y1, b.X, st)
		w.printf(`<path class="line" d="M%d,%d V%d H%d"%s/>`+"\n", x1-f, b.Y, b.Y+f, x1, paint(n.Style.Stroke, ""))
	default:
		w.printf(`<rect class="shape" x="%d" y="%d" width="%d" height="%d"%s/>`+"\n", b.X, b.Y, b.W, b.H, st)
	}
	lh := lineHeight(nodeFont)
	w.text("", n.Style.Text, ls, cx, cy-len(ls)*lh/2, nodeFont)
	w.b.WriteString("</g>\n")
}
