package diagram

import (
	"fmt"
	"strings"
)

// DOT writes the graph in Graphviz's DOT language, so that users can lay it
// out with their own Graphviz (dot -Tpdf). It carries the same nodes,
// shapes, clusters, labels and styles as the SVG; Graphviz makes its own
// layout. Clusters with no node are left out, as in the SVG.
func (g *Graph) DOT() ([]byte, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	c := g.canonical()
	lg := newLayered(c)
	w := &dotWriter{}
	w.line(0, "digraph %s {", dotQuote(c.IDPrefix))
	rankdir := "TB"
	if c.Direction == LeftToRight {
		rankdir = "LR"
	}
	graphAttrs := "rankdir=" + rankdir + `, fontname="Helvetica", fontsize=16, nodesep=0.4, ranksep=0.6`
	if c.Title != "" {
		graphAttrs += ", labelloc=t, label=" + dotQuote(c.Title)
	}
	w.line(1, "graph [%s];", graphAttrs)
	w.line(1, `node [fontname="Helvetica", fontsize=14];`)
	w.line(1, `edge [fontname="Helvetica", fontsize=11];`)
	byCluster := map[int][]int{}
	for i := range c.Nodes {
		byCluster[lg.nodeCl[i]] = append(byCluster[lg.nodeCl[i]], i)
	}
	var writeCluster func(cl, depth int)
	writeCluster = func(cl, depth int) {
		for _, v := range byCluster[cl] {
			w.line(depth, "%s [%s];", dotQuote(c.Nodes[v].ID), dotNodeAttrs(&c.Nodes[v]))
		}
		kids := lg.children[len(c.Clusters)]
		if cl >= 0 {
			kids = lg.children[cl]
		}
		for _, k := range kids {
			cc := &c.Clusters[k]
			w.line(depth, "subgraph %s {", dotQuote("cluster_"+cc.ID))
			w.line(depth+1, "%s;", strings.Join(dotClusterAttrs(cc), "; "))
			writeCluster(k, depth+1)
			w.line(depth, "}")
		}
	}
	writeCluster(-1, 1)
	for i := range c.Edges {
		e := &c.Edges[i]
		attrs := dotEdgeAttrs(e)
		if attrs != "" {
			attrs = " [" + attrs + "]"
		}
		w.line(1, "%s -> %s%s;", dotQuote(e.From), dotQuote(e.To), attrs)
	}
	w.line(0, "}")
	return []byte(w.b.String()), nil
}

type dotWriter struct{ b strings.Builder }

func (w *dotWriter) line(depth int, format string, a ...any) {
	w.b.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(&w.b, format, a...)
	w.b.WriteByte('\n')
}

// dotQuote quotes s as a DOT string. Backslashes are doubled so a label
// cannot smuggle in Graphviz escapes (\N, \G, \l); newlines become \n;
// other control characters become U+FFFD.
func dotQuote(s string) string {
	s = strings.Join(lines(s), "\n")
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < ' ' || r == 0x7f:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotHTML escapes s for a Graphviz HTML-like label: XML escaping, lines
// joined with <BR/>.
func dotHTML(s string) string {
	ls := lines(s)
	for i, l := range ls {
		var b strings.Builder
		for _, r := range l {
			if r < ' ' || r == 0x7f {
				r = '\uFFFD'
			}
			b.WriteRune(r)
		}
		ls[i] = esc(b.String())
	}
	return strings.Join(ls, "<BR/>")
}

func dotStyle(s Style, extra ...string) []string {
	var attrs, styles []string
	styles = append(styles, extra...)
	if s.Fill != "" {
		styles = append(styles, "filled")
		attrs = append(attrs, "fillcolor="+dotQuote(s.Fill))
	}
	if s.Dashed {
		styles = append(styles, "dashed")
	}
	if s.Bold {
		styles = append(styles, "bold")
	}
	if len(styles) > 0 {
		attrs = append([]string{"style=" + dotQuote(strings.Join(styles, ","))}, attrs...)
	}
	if s.Stroke != "" {
		attrs = append(attrs, "color="+dotQuote(s.Stroke))
	}
	if s.Text != "" {
		attrs = append(attrs, "fontcolor="+dotQuote(s.Text))
	}
	if cls := strings.Join(strings.Fields(s.Class), " "); cls != "" {
		attrs = append(attrs, "class="+dotQuote(cls))
	}
	return attrs
}

func dotNodeAttrs(n *Node) string {
	label := n.Label
	if label == "" {
		label = n.ID
	}
	var attrs []string
	switch n.Shape {
	case Store:
		// Graphviz has no open-sided store: a table with only its top
		// and bottom borders draws one.
		table := `<TABLE BORDER="1" SIDES="TB" CELLBORDER="0" CELLPADDING="6"`
		if n.Style.Fill != "" {
			table += ` BGCOLOR=` + dotQuote(n.Style.Fill)
		}
		if n.Style.Stroke != "" {
			table += ` COLOR=` + dotQuote(n.Style.Stroke)
		}
		attrs = append(attrs, "shape=plain", "label=<"+table+"><TR><TD>"+dotHTML(label)+"</TD></TR></TABLE>>")
		s := n.Style
		s.Fill, s.Stroke, s.Dashed = "", "", false
		return strings.Join(append(attrs, dotStyle(s)...), ", ")
	case RoundedBox:
		attrs = append(attrs, "label="+dotQuote(label), "shape=box")
		return strings.Join(append(attrs, dotStyle(n.Style, "rounded")...), ", ")
	}
	attrs = append(attrs, "label="+dotQuote(label), "shape="+n.Shape.String())
	return strings.Join(append(attrs, dotStyle(n.Style)...), ", ")
}

func dotClusterAttrs(c *Cluster) []string {
	label := c.Label
	if label == "" {
		label = c.ID
	}
	s := c.Style
	if s.Stroke == "" {
		s.Stroke = boundaryColour
	}
	if s.Text == "" {
		s.Text = s.Stroke
	}
	s.Dashed, s.Fill = true, ""
	return append([]string{"label=" + dotQuote(label), `labeljust=l`}, dotStyle(s)...)
}

func dotEdgeAttrs(e *Edge) string {
	var attrs []string
	if e.Label != "" {
		attrs = append(attrs, "label="+dotQuote(e.Label))
	}
	switch e.Arrows {
	case Both:
		attrs = append(attrs, "dir=both")
	case NoArrow:
		attrs = append(attrs, "dir=none")
	}
	s := e.Style
	s.Fill = ""
	return strings.Join(append(attrs, dotStyle(s)...), ", ")
}
