// Package render turns a threat model and its analysis into what people
// read: data flow and data-asset diagrams (Graphviz DOT, SVG laid out
// inside the binary by Graphviz compiled to WebAssembly, Mermaid for
// Markdown), and the threat report with its traceability matrix in
// Markdown, self-contained HTML and JSON. Every output is a pure function
// of its input: the same model gives the same bytes.
package render

import (
	"fmt"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/threat"
)

// Options narrows and labels a diagram.
type Options struct {
	// Title is the diagram's caption.
	Title string
	// Module shows only that module's elements and flows, with the
	// elements at the other end of its flows as grey context.
	Module string
	// Analysis, when set, marks elements and flows with open threats.
	Analysis *threat.Analysis
}

// Diagram kinds.
const (
	KindDFD    = "dfd"
	KindAssets = "assets"
)

// Colours of the diagrams: boundaries and unprotected crossings red, open
// threats a light red fill, context elements grey.
const (
	colBoundary = "#c0392b"
	colDanger   = "#c0392b"
	colOpenFill = "#fdecea"
	colContext  = "#7f8c8d"
)

// view is the part of the model a diagram shows.
type view struct {
	m        *threat.Model
	elements []*threat.Element
	context  map[string]bool // shown grey: outside the module
	flows    []*threat.Flow
	open     map[string]int // element or flow id -> open threats
}

func newView(m *threat.Model, o Options) *view {
	v := &view{m: m, context: map[string]bool{}, open: map[string]int{}}
	in := map[string]bool{}
	for i := range m.Elements {
		e := &m.Elements[i]
		if o.Module == "" || e.Module == o.Module {
			in[e.ID] = true
		}
	}
	for i := range m.Flows {
		f := &m.Flows[i]
		if o.Module == "" || f.Module == o.Module || in[f.From] || in[f.To] {
			v.flows = append(v.flows, f)
			for _, end := range []string{f.From, f.To} {
				if !in[end] {
					v.context[end] = true
				}
			}
		}
	}
	for i := range m.Elements {
		e := &m.Elements[i]
		if in[e.ID] || v.context[e.ID] {
			v.elements = append(v.elements, e)
		}
	}
	if o.Analysis != nil {
		for _, t := range o.Analysis.Threats {
			if t.Treatment.Status == threat.Open {
				v.open[t.Subject()]++
			}
		}
	}
	return v
}

// boundaryTree lists, for each boundary id ("" = outside all), the
// boundaries directly inside it and the elements directly in it, both by
// id, for the boundaries that hold a shown element.
type boundaryTree struct {
	children map[string][]string
	members  map[string][]*threat.Element
}

func (v *view) tree() boundaryTree {
	bt := boundaryTree{children: map[string][]string{}, members: map[string][]*threat.Element{}}
	used := map[string]bool{}
	for _, e := range v.elements {
		bt.members[e.Boundary] = append(bt.members[e.Boundary], e)
		for _, b := range v.m.BoundaryPath(e.ID) {
			used[b] = true
		}
	}
	for i := range v.m.Boundaries {
		b := &v.m.Boundaries[i]
		if used[b.ID] {
			bt.children[b.Parent] = append(bt.children[b.Parent], b.ID)
		}
	}
	for k := range bt.children {
		sort.Strings(bt.children[k])
	}
	return bt
}

// DOT is a Graphviz graph being written.
type dotWriter struct {
	b strings.Builder
}

func (w *dotWriter) line(depth int, format string, a ...any) {
	w.b.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(&w.b, format, a...)
	w.b.WriteByte('\n')
}

// q quotes s as a DOT string. Backslashes are doubled so a name cannot
// smuggle in Graphviz escapes (\N, \G, \l); newlines become \n.
func q(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func header(w *dotWriter, name, title string) {
	w.line(0, "digraph %s {", q(name))
	w.line(1, `graph [rankdir=LR, fontname="Helvetica", fontsize=12, labelloc=t, label=%s, nodesep=0.4, ranksep=0.8];`, q(title))
	w.line(1, `node [fontname="Helvetica", fontsize=11];`)
	w.line(1, `edge [fontname="Helvetica", fontsize=9];`)
}

// DFD writes the data flow diagram as DOT: trust boundaries as nested
// dashed red clusters, external entities as boxes, processes as ellipses,
// data stores as cylinders, flows as edges labelled with name, protocol
// and what protects them. A flow that crosses a boundary without
// authentication, encryption and integrity is drawn red.
func DFD(m *threat.Model, o Options) string {
	v := newView(m, o)
	w := &dotWriter{}
	title := o.Title
	if title == "" {
		title = "Data flow diagram"
	}
	header(w, "dfd", title)
	v.writeBoundaries(w, v.tree(), "", 1, v.elementNode)
	for _, f := range v.flows {
		attrs := []string{"label=" + q(flowLabel(m, f))}
		if m.Crosses(f) {
			attrs = append(attrs, "penwidth=2")
			if !(f.Authenticates && f.Encrypts && f.Integrity) {
				attrs = append(attrs, "color="+q(colDanger), "fontcolor="+q(colDanger))
			}
		}
		if v.open[f.ID] > 0 {
			attrs = append(attrs, "style=bold")
		}
		w.line(1, "%s -> %s [%s];", q(f.From), q(f.To), strings.Join(attrs, ", "))
	}
	w.line(0, "}")
	return w.b.String()
}

func (v *view) writeBoundaries(w *dotWriter, bt boundaryTree, parent string, depth int, node func(*dotWriter, int, *threat.Element)) {
	for _, e := range bt.members[parent] {
		node(w, depth, e)
	}
	for _, id := range bt.children[parent] {
		label := id
		if b, ok := v.m.Boundary(id); ok {
			label = b.Label()
		}
		w.line(depth, "subgraph %s {", q("cluster_"+id))
		w.line(depth+1, `label=%s; style=dashed; color=%s; fontcolor=%s;`, q(label), q(colBoundary), q(colBoundary))
		v.writeBoundaries(w, bt, id, depth+1, node)
		w.line(depth, "}")
	}
}

func (v *view) elementNode(w *dotWriter, depth int, e *threat.Element) {
	label := e.Label()
	if e.Logs {
		label += "\n(logs)"
	}
	if n := v.open[e.ID]; n > 0 {
		label += fmt.Sprintf("\n%d open threat%s", n, plural(n))
	}
	attrs := []string{"label=" + q(label), "shape=" + shape(e.Kind)}
	switch {
	case v.context[e.ID]:
		attrs = append(attrs, "color="+q(colContext), "fontcolor="+q(colContext), "style=dashed")
	case v.open[e.ID] > 0:
		attrs = append(attrs, "style=filled", "fillcolor="+q(colOpenFill))
	}
	w.line(depth, "%s [%s];", q(e.ID), strings.Join(attrs, ", "))
}

func shape(k threat.Kind) string {
	switch k {
	case threat.ExternalEntity:
		return "box"
	case threat.DataStore:
		return "cylinder"
	}
	return "ellipse"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// flowLabel is the flow's name, its protocol and its protections.
func flowLabel(m *threat.Model, f *threat.Flow) string {
	parts := []string{f.Label()}
	if f.Protocol != "" {
		parts = append(parts, f.Protocol)
	}
	parts = append(parts, protection(f))
	return strings.Join(parts, "\n")
}

// protection says what protects a flow, e.g. "auth+enc+int" or "none".
func protection(f *threat.Flow) string {
	var p []string
	if f.Authenticates {
		p = append(p, "auth")
	}
	if f.Encrypts {
		p = append(p, "enc")
	}
	if f.Integrity {
		p = append(p, "int")
	}
	if len(p) == 0 {
		return "unprotected"
	}
	return strings.Join(p, "+")
}

// AssetDiagram writes the data-asset diagram as DOT: every asset as a note
// coloured by its highest confidentiality, integrity or availability need,
// linked to the elements that store, process, send or receive it (in
// their trust boundaries).
func AssetDiagram(m *threat.Model, o Options) string {
	v := newView(m, o)
	w := &dotWriter{}
	title := o.Title
	if title == "" {
		title = "Data assets"
	}
	header(w, "assets", title)
	roles := assetRoles(m, v)
	holders := map[string]bool{}
	for k := range roles {
		holders[k.element] = true
	}
	// Only elements that touch an asset take part.
	kept := v.elements[:0:0]
	for _, e := range v.elements {
		if holders[e.ID] {
			kept = append(kept, e)
		}
	}
	v.elements = kept
	v.writeBoundaries(w, v.tree(), "", 1, v.elementNode)
	shown := map[string]bool{}
	for k := range roles {
		shown[k.asset] = true
	}
	for i := range m.Assets {
		a := &m.Assets[i]
		if o.Module != "" && a.Module != o.Module && !shown[a.ID] {
			continue
		}
		label := fmt.Sprintf("%s\nC:%s I:%s A:%s", a.Label(), lvl(a.Confidentiality), lvl(a.Integrity), lvl(a.Availability))
		if a.Kind == "technical" {
			label += "\n(technical)"
		}
		w.line(1, "%s [label=%s, shape=note, style=filled, fillcolor=%s];", q("asset:"+a.ID), q(label), q(needColour(a)))
	}
	keys := make([]roleKey, 0, len(roles))
	for k := range roles {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].element != keys[j].element {
			return keys[i].element < keys[j].element
		}
		return keys[i].asset < keys[j].asset
	})
	for _, k := range keys {
		w.line(1, "%s -> %s [label=%s, arrowhead=none, style=dashed];", q(k.element), q("asset:"+k.asset), q(strings.Join(roles[k], ", ")))
	}
	w.line(0, "}")
	return w.b.String()
}

type roleKey struct{ element, asset string }

// assetRoles says what each shown element does with each asset, in a
// fixed order of roles.
func assetRoles(m *threat.Model, v *view) map[roleKey][]string {
	set := map[roleKey]map[string]bool{}
	add := func(e, a, role string) {
		if _, ok := m.Asset(a); !ok {
			return
		}
		k := roleKey{e, a}
		if set[k] == nil {
			set[k] = map[string]bool{}
		}
		set[k][role] = true
	}
	for _, e := range v.elements {
		role := "processes"
		if e.Kind == threat.DataStore {
			role = "stores"
		}
		for _, a := range e.Assets {
			add(e.ID, a, role)
		}
	}
	shown := map[string]bool{}
	for _, e := range v.elements {
		shown[e.ID] = true
	}
	for _, f := range v.flows {
		for _, a := range f.Assets {
			if shown[f.From] {
				add(f.From, a, "sends")
			}
			if shown[f.To] {
				add(f.To, a, "receives")
			}
		}
	}
	out := map[roleKey][]string{}
	for k, rs := range set {
		for _, r := range []string{"stores", "processes", "sends", "receives"} {
			if rs[r] {
				out[k] = append(out[k], r)
			}
		}
	}
	return out
}

func lvl(l threat.Level) string {
	if l == "" {
		return "-"
	}
	return string(l)
}

func needColour(a *threat.Asset) string {
	top := max(a.Confidentiality.Rank(), a.Integrity.Rank(), a.Availability.Rank())
	switch top {
	case 3:
		return "#f5b7b1"
	case 2:
		return "#fad7a0"
	case 1:
		return "#fcf3cf"
	}
	return "#ffffff"
}
