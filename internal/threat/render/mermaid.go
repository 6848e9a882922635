package render

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/threat"
)

// mermaidIDs gives every model id a Mermaid-safe node id: Mermaid ids are
// letters, digits and underscores, and words like "end" are reserved, so
// each id is prefixed and sanitised; a collision gets a numeric suffix in
// id order, which keeps the ids stable as long as the model is.
type mermaidIDs struct {
	byID map[string]string
	used map[string]bool
}

var unsafeMermaid = regexp.MustCompile(`[^A-Za-z0-9_]`)

func (ids *mermaidIDs) get(prefix, id string) string {
	key := prefix + "\x00" + id
	if s, ok := ids.byID[key]; ok {
		return s
	}
	base := prefix + "_" + unsafeMermaid.ReplaceAllString(id, "_")
	s := base
	for n := 2; ids.used[s]; n++ {
		s = base + "_" + strconv.Itoa(n)
	}
	ids.used[s], ids.byID[key] = true, s
	return s
}

// mq quotes a Mermaid label: quotes become #quot;, newlines <br/>, and
// angle brackets entities so a label cannot inject markup.
func mq(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\r", "", "\n", "<br/>")
	return `"` + r.Replace(s) + `"`
}

// MermaidDFD writes the data flow diagram as a Mermaid flowchart, for
// Markdown that GitHub, GitLab and most documentation tools render:
// boundaries as nested subgraphs, external entities as rectangles,
// processes as rounded stadiums, data stores as cylinders, and unprotected
// boundary crossings red.
func MermaidDFD(m *threat.Model, o Options) string {
	v := newView(m, o)
	var b strings.Builder
	ids := v.mermaidStart(&b)
	var red []string
	for i, f := range v.flows {
		fmt.Fprintf(&b, "  %s -->|%s| %s\n", ids.get("e", f.From), mq(flowLabel(m, f)), ids.get("e", f.To))
		if m.Crosses(f) && !(f.Authenticates && f.Encrypts && f.Integrity) {
			red = append(red, strconv.Itoa(i))
		}
	}
	if len(red) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke:%s,stroke-width:2px\n", strings.Join(red, ","), colDanger)
	}
	v.mermaidClasses(&b, ids)
	return b.String()
}

// MermaidAssets writes the data-asset diagram as a Mermaid flowchart: the
// same elements, assets and links as AssetDiagram, assets as notes filled
// by their highest need, links dotted and labelled with the roles.
func MermaidAssets(m *threat.Model, o Options) string {
	v, assets, links := assetView(m, o)
	var b strings.Builder
	ids := v.mermaidStart(&b)
	need := map[string][]string{}
	for _, a := range assets {
		id := ids.get("a", a.ID)
		fmt.Fprintf(&b, "  %s>%s]\n", id, mq(assetLabel(a)))
		c := needColour(a)
		need[c] = append(need[c], id)
	}
	for _, l := range links {
		fmt.Fprintf(&b, "  %s -.-|%s| %s\n", ids.get("e", l.element), mq(strings.Join(l.roles, ", ")), ids.get("a", l.asset))
	}
	v.mermaidClasses(&b, ids)
	for i, c := range needColours {
		if len(need[c]) > 0 {
			fmt.Fprintf(&b, "  classDef need%d fill:%s\n", 3-i, c)
			fmt.Fprintf(&b, "  class %s need%d\n", strings.Join(need[c], ","), 3-i)
		}
	}
	return b.String()
}

// mermaidStart writes the flowchart's header and the view's boundaries
// with their elements, and returns the ids it gave.
func (v *view) mermaidStart(b *strings.Builder) *mermaidIDs {
	ids := &mermaidIDs{byID: map[string]string{}, used: map[string]bool{}}
	// Give element ids first so they do not depend on boundary names.
	for _, e := range v.elements {
		ids.get("e", e.ID)
	}
	b.WriteString("flowchart LR\n")
	v.mermaidBoundaries(b, ids, v.tree(), "", 1)
	return ids
}

// mermaidClasses styles context elements (outside the module) and elements
// with open threats.
func (v *view) mermaidClasses(b *strings.Builder, ids *mermaidIDs) {
	b.WriteString("  classDef context stroke-dasharray:4 3,color:#7f8c8d\n")
	b.WriteString("  classDef open fill:#fdecea\n")
	for _, e := range v.elements {
		switch {
		case v.context[e.ID]:
			fmt.Fprintf(b, "  class %s context\n", ids.get("e", e.ID))
		case v.open[e.ID] > 0:
			fmt.Fprintf(b, "  class %s open\n", ids.get("e", e.ID))
		}
	}
}

func (v *view) mermaidBoundaries(b *strings.Builder, ids *mermaidIDs, bt boundaryTree, parent string, depth int) {
	ind := strings.Repeat("  ", depth)
	for _, e := range bt.members[parent] {
		label := e.Label()
		if e.Logs {
			label += "\n(logs)"
		}
		if n := v.open[e.ID]; n > 0 {
			label += fmt.Sprintf("\n%d open threat%s", n, plural(n))
		}
		id := ids.get("e", e.ID)
		switch e.Kind {
		case threat.ExternalEntity:
			fmt.Fprintf(b, "%s%s[%s]\n", ind, id, mq(label))
		case threat.DataStore:
			fmt.Fprintf(b, "%s%s[(%s)]\n", ind, id, mq(label))
		default:
			fmt.Fprintf(b, "%s%s([%s])\n", ind, id, mq(label))
		}
	}
	for _, bid := range bt.children[parent] {
		label := bid
		if bb, ok := v.m.Boundary(bid); ok {
			label = bb.Label()
		}
		fmt.Fprintf(b, "%ssubgraph %s[%s]\n", ind, ids.get("b", bid), mq(label))
		v.mermaidBoundaries(b, ids, bt, bid, depth+1)
		fmt.Fprintf(b, "%send\n", ind)
		fmt.Fprintf(b, "%sstyle %s stroke:%s,stroke-dasharray:6 4,fill:none\n", ind, ids.get("b", bid), colBoundary)
	}
}
