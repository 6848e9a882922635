// Package render turns a threat model and its analysis into what people
// read: data flow and data-asset diagrams (SVG laid out in process by
// package diagram, DOT for users of Graphviz, Mermaid for Markdown), and
// the threat report with its traceability matrix in
// Markdown, self-contained HTML and JSON. Every output is a pure function
// of its input: the same model gives the same bytes.
package render

import (
	"cmp"
	"fmt"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/diagram"
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

// DFD builds the data flow diagram: trust boundaries as nested dashed red
// clusters, external entities as boxes, processes as ellipses, data
// stores as cylinders, flows as edges labelled with name, protocol and
// what protects them. A flow that crosses a boundary without
// authentication, encryption and integrity is drawn red. Ask the graph for
// SVG (laid out in process by package diagram) or DOT (for Graphviz).
func DFD(m *threat.Model, o Options) *diagram.Graph {
	v := newView(m, o)
	g := v.graph(cmp.Or(o.Title, "Data flow diagram"), "dfd")
	for _, f := range v.flows {
		ed := diagram.Edge{From: f.From, To: f.To, Label: flowLabel(m, f)}
		if m.Crosses(f) {
			ed.Style.Bold = true
			ed.Style.Class = "crossing"
			if !(f.Authenticates && f.Encrypts && f.Integrity) {
				ed.Style.Stroke, ed.Style.Text = colDanger, colDanger
				ed.Style.Class = "crossing unprotected"
			}
		}
		if v.open[f.ID] > 0 {
			ed.Style.Bold = true
			ed.Style.Class = strings.TrimSpace(ed.Style.Class + " open")
		}
		g.Edges = append(g.Edges, ed)
	}
	return g
}

// graph starts a diagram of the view: its boundaries as clusters and its
// elements as nodes, flowing left to right.
func (v *view) graph(title, idPrefix string) *diagram.Graph {
	g := &diagram.Graph{Title: title, Direction: diagram.LeftToRight, IDPrefix: idPrefix}
	v.addBoundaries(g, v.tree())
	for _, e := range v.elements {
		g.Nodes = append(g.Nodes, v.elementNode(e))
	}
	return g
}

// addBoundaries adds a cluster for every boundary that holds a shown
// element, nested as in the model.
func (v *view) addBoundaries(g *diagram.Graph, bt boundaryTree) {
	var add func(parent string)
	add = func(parent string) {
		for _, id := range bt.children[parent] {
			label := id
			if b, ok := v.m.Boundary(id); ok {
				label = b.Label()
			}
			g.Clusters = append(g.Clusters, diagram.Cluster{ID: id, Label: label, Parent: parent,
				Style: diagram.Style{Stroke: colBoundary, Text: colBoundary, Dashed: true, Class: "boundary"}})
			add(id)
		}
	}
	add("")
}

func (v *view) elementNode(e *threat.Element) diagram.Node {
	label := e.Label()
	if e.Logs {
		label += "\n(logs)"
	}
	if n := v.open[e.ID]; n > 0 {
		label += fmt.Sprintf("\n%d open threat%s", n, plural(n))
	}
	n := diagram.Node{ID: e.ID, Label: label, Shape: shape(e.Kind), Cluster: e.Boundary}
	switch {
	case v.context[e.ID]:
		n.Style = diagram.Style{Stroke: colContext, Text: colContext, Dashed: true, Class: "context"}
	case v.open[e.ID] > 0:
		n.Style = diagram.Style{Fill: colOpenFill, Class: "open"}
	}
	return n
}

func shape(k threat.Kind) diagram.Shape {
	switch k {
	case threat.ExternalEntity:
		return diagram.Box
	case threat.DataStore:
		return diagram.Cylinder
	}
	return diagram.Ellipse
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

// AssetDiagram builds the data-asset diagram: every asset as a note
// coloured by its highest confidentiality, integrity or availability need,
// linked to the elements that store, process, send or receive it (in
// their trust boundaries).
func AssetDiagram(m *threat.Model, o Options) *diagram.Graph {
	v, assets, links := assetView(m, o)
	g := v.graph(cmp.Or(o.Title, "Data assets"), "assets")
	for _, a := range assets {
		g.Nodes = append(g.Nodes, diagram.Node{ID: "asset:" + a.ID, Label: assetLabel(a), Shape: diagram.Note,
			Style: diagram.Style{Fill: needColour(a), Class: "asset"}})
	}
	for _, l := range links {
		g.Edges = append(g.Edges, diagram.Edge{From: l.element, To: "asset:" + l.asset, Label: strings.Join(l.roles, ", "),
			Arrows: diagram.NoArrow, Style: diagram.Style{Dashed: true, Class: "asset-link"}})
	}
	return g
}

func assetLabel(a *threat.Asset) string {
	label := fmt.Sprintf("%s\nC:%s I:%s A:%s", a.Label(), lvl(a.Confidentiality), lvl(a.Integrity), lvl(a.Availability))
	if a.Kind == "technical" {
		label += "\n(technical)"
	}
	return label
}

// assetLink is what one element does with one asset.
type assetLink struct {
	element, asset string
	roles          []string
}

// assetView narrows the view to the elements that touch an asset and
// lists the assets shown and the links, sorted by element then asset, so
// that the SVG, DOT and Mermaid forms show the same diagram.
func assetView(m *threat.Model, o Options) (*view, []*threat.Asset, []assetLink) {
	v := newView(m, o)
	roles := assetRoles(m, v)
	holders := map[string]bool{}
	shown := map[string]bool{}
	links := make([]assetLink, 0, len(roles))
	for k, rs := range roles {
		holders[k.element] = true
		shown[k.asset] = true
		links = append(links, assetLink{k.element, k.asset, rs})
	}
	sort.Slice(links, func(i, j int) bool {
		if links[i].element != links[j].element {
			return links[i].element < links[j].element
		}
		return links[i].asset < links[j].asset
	})
	// Only elements that touch an asset take part.
	kept := v.elements[:0:0]
	for _, e := range v.elements {
		if holders[e.ID] {
			kept = append(kept, e)
		}
	}
	v.elements = kept
	var assets []*threat.Asset
	for i := range m.Assets {
		a := &m.Assets[i]
		if o.Module != "" && a.Module != o.Module && !shown[a.ID] {
			continue
		}
		assets = append(assets, a)
	}
	return v, assets, links
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

// needColours fills an asset by its highest need: high, medium, low, none.
var needColours = [...]string{"#f5b7b1", "#fad7a0", "#fcf3cf", "#ffffff"}

func needColour(a *threat.Asset) string {
	top := max(a.Confidentiality.Rank(), a.Integrity.Rank(), a.Availability.Rank())
	return needColours[3-min(max(top, 0), 3)]
}
