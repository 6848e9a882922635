package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits that keep a hostile or broken file from exhausting memory: alias
// expansion ("billion laughs") is the usual way a small YAML file becomes a
// huge value.
const (
	maxValues = 100000
	maxDepth  = 64
)

// nodePos is where a value and, for a mapping entry, its key were written.
type nodePos struct {
	Key Pos // zero for array items and the document root
	Val Pos
}

// posIndex maps a JSON pointer (RFC 6901) into the decoded document to the
// place in the YAML file it came from. Schema errors carry JSON pointers;
// this is how they become file:line:col.
type posIndex map[string]nodePos

// at returns the best position for ptr: the value's, else the closest
// ancestor's, else the top of the file.
func (ix posIndex) at(file, ptr string) Pos {
	for {
		if n, ok := ix[ptr]; ok && n.Val.Line > 0 {
			return n.Val
		}
		if ptr == "" {
			return Pos{File: file, Line: 1, Column: 1}
		}
		ptr = ptr[:strings.LastIndex(ptr, "/")]
	}
}

// keyAt returns the position of the key of ptr, or of its value when the key
// is unknown (array items).
func (ix posIndex) keyAt(file, ptr string) Pos {
	if n, ok := ix[ptr]; ok && n.Key.Line > 0 {
		return n.Key
	}
	return ix.at(file, ptr)
}

func escapePtr(tok string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(tok)
}

func joinPtr(ptr, tok string) string { return ptr + "/" + escapePtr(tok) }

// parseYAML turns YAML source into a JSON-compatible value (map[string]any,
// []any, string, int64, uint64, float64, bool, nil) plus the positions of
// every value. Problems are returned as diagnostics naming the file.
func parseYAML(file string, src []byte) (any, posIndex, diags) {
	var ds diags
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		ds.add(syntaxPos(file, err), "invalid YAML: "+syntaxMessage(err), syntaxHint(src, err))
		return nil, nil, ds
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return nil, posIndex{"": {Val: Pos{File: file, Line: 1, Column: 1}}}, nil
	}
	if len(docs) > 1 {
		ds.add(tokenPos(file, docs[1].Start, docs[1].Body), "a model file holds one YAML document, found another",
			"remove the second document or move it to its own file and include it")
		return nil, nil, ds
	}
	c := &converter{file: file, idx: posIndex{}, anchors: map[string]ast.Node{}}
	v := c.value(docs[0].Body, "", 0)
	if n, ok := c.idx[""]; !ok || n.Val.Line == 0 {
		c.idx[""] = nodePos{Val: Pos{File: file, Line: 1, Column: 1}}
	}
	return v, c.idx, c.diags
}

type converter struct {
	file    string
	idx     posIndex
	anchors map[string]ast.Node
	count   int
	diags   diags
	stopped bool
}

func (c *converter) fail(n ast.Node, msg, hint string) {
	c.diags.add(nodePosition(c.file, n), msg, hint)
}

func (c *converter) value(n ast.Node, ptr string, depth int) any {
	if c.stopped {
		return nil
	}
	c.count++
	if c.count > maxValues {
		c.fail(n, fmt.Sprintf("the document expands to more than %d values", maxValues), "do not nest aliases of aliases")
		c.stopped = true
		return nil
	}
	if depth > maxDepth {
		c.fail(n, fmt.Sprintf("values are nested more than %d levels deep", maxDepth), "")
		c.stopped = true
		return nil
	}
	if n == nil {
		return nil
	}
	if e := c.idx[ptr]; e.Val.Line == 0 {
		e.Val = nodePosition(c.file, n)
		c.idx[ptr] = e
	}
	switch n := n.(type) {
	case *ast.NullNode:
		return nil
	case *ast.StringNode:
		return n.Value
	case *ast.LiteralNode:
		if n.Value == nil {
			return ""
		}
		return n.Value.Value
	case *ast.IntegerNode:
		return n.Value
	case *ast.FloatNode:
		return n.Value
	case *ast.BoolNode:
		return n.Value
	case *ast.InfinityNode, *ast.NanNode:
		c.fail(n, "infinity and NaN are not allowed here", "quote the value if you mean the text")
		return nil
	case *ast.TagNode:
		// !!str makes "123" or "yes" text; other tags change nothing here.
		if n.Start != nil && n.Start.Value == "!!str" {
			if _, ok := n.Value.(ast.ScalarNode); ok {
				if t := n.Value.GetToken(); t != nil {
					return t.Value
				}
			}
		}
		return c.value(n.Value, ptr, depth+1)
	case *ast.AnchorNode:
		v := c.value(n.Value, ptr, depth+1)
		if n.Name != nil && n.Name.GetToken() != nil {
			c.anchors[n.Name.GetToken().Value] = n.Value
		}
		return v
	case *ast.AliasNode:
		name := ""
		if n.Value != nil && n.Value.GetToken() != nil {
			name = n.Value.GetToken().Value
		}
		target, ok := c.anchors[name]
		if !ok {
			c.fail(n, fmt.Sprintf("alias *%s refers to no anchor defined before it", name), "define the anchor (&"+name+") first")
			return nil
		}
		return c.value(target, ptr, depth+1)
	case *ast.MappingNode:
		return c.mapping(n.Values, ptr, depth)
	case *ast.MappingValueNode:
		return c.mapping([]*ast.MappingValueNode{n}, ptr, depth)
	case *ast.SequenceNode:
		out := make([]any, 0, len(n.Values))
		for i, item := range n.Values {
			out = append(out, c.value(item, ptr+"/"+strconv.Itoa(i), depth+1))
		}
		return out
	case *ast.CommentGroupNode, *ast.CommentNode:
		return nil
	default:
		c.fail(n, fmt.Sprintf("unsupported YAML construct (%s)", n.Type()), "")
		return nil
	}
}

// mapping builds an object. Explicit keys win over keys merged in with "<<",
// as YAML's merge-key convention says, whatever their order.
func (c *converter) mapping(values []*ast.MappingValueNode, ptr string, depth int) map[string]any {
	out := make(map[string]any, len(values))
	var merges []*ast.MappingValueNode
	for _, mv := range values {
		if mv == nil {
			continue
		}
		if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
			merges = append(merges, mv)
			continue
		}
		key, ok := keyText(mv.Key)
		if !ok {
			c.fail(mv.Key, "mapping keys must be plain text", "")
			continue
		}
		child := joinPtr(ptr, key)
		c.idx[child] = nodePos{Key: nodePosition(c.file, mv.Key)}
		out[key] = c.value(mv.Value, child, depth+1)
	}
	for _, mv := range merges {
		for k, v := range c.mergeSource(mv.Value, ptr, depth+1) {
			if _, exists := out[k]; !exists {
				out[k] = v
			}
		}
	}
	return out
}

func (c *converter) mergeSource(n ast.Node, ptr string, depth int) map[string]any {
	if seq, ok := n.(*ast.SequenceNode); ok {
		out := map[string]any{}
		// Earlier maps in a merge list win over later ones.
		for i := len(seq.Values) - 1; i >= 0; i-- {
			for k, v := range c.mergeSource(seq.Values[i], ptr, depth+1) {
				out[k] = v
			}
		}
		return out
	}
	// Positions of merged values point at their definition, not at "<<".
	sub := &converter{file: c.file, idx: posIndex{}, anchors: c.anchors, count: c.count}
	v := sub.value(n, "", depth)
	c.count, c.stopped = sub.count, c.stopped || sub.stopped
	c.diags = append(c.diags, sub.diags...)
	m, ok := v.(map[string]any)
	if !ok {
		if v != nil || n != nil {
			c.fail(n, "the value of a merge key (<<) must be a mapping or a list of mappings", "")
		}
		return nil
	}
	for p, np := range sub.idx {
		if p == "" {
			continue
		}
		if _, exists := c.idx[ptr+p]; !exists {
			c.idx[ptr+p] = np
		}
	}
	return m
}

func keyText(k ast.Node) (string, bool) {
	switch k := k.(type) {
	case *ast.StringNode:
		return k.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.NullNode:
		if t := k.GetToken(); t != nil {
			return t.Value, true
		}
	case *ast.TagNode:
		return keyText(k.Value)
	case *ast.MappingKeyNode:
		return keyText(k.Value)
	}
	return "", false
}

// nodePosition is where n starts. A block mapping starts at its first key,
// which is where a reader looks for it.
func nodePosition(file string, n ast.Node) Pos {
	switch m := n.(type) {
	case nil:
		return Pos{File: file}
	case *ast.MappingNode:
		if len(m.Values) > 0 && m.Values[0] != nil && m.Values[0].Key != nil && !m.IsFlowStyle {
			return nodePosition(file, m.Values[0].Key)
		}
	case *ast.MappingValueNode:
		if m.Key != nil {
			return nodePosition(file, m.Key)
		}
	case *ast.LiteralNode:
		return tokenPos(file, m.Start, nil)
	}
	return tokenPos(file, n.GetToken(), nil)
}

func tokenPos(file string, t *token.Token, fallback ast.Node) Pos {
	if t == nil || t.Position == nil {
		if fallback != nil {
			return nodePosition(file, fallback)
		}
		return Pos{File: file}
	}
	return Pos{File: file, Line: t.Position.Line, Column: t.Position.Column}
}

func syntaxPos(file string, err error) Pos {
	var ye yaml.Error
	if errors.As(err, &ye) {
		if p := tokenPos(file, ye.GetToken(), nil); p.Line > 0 {
			return p
		}
	}
	return Pos{File: file}
}

// syntaxMessage is goccy's message without its source excerpt: the
// diagnostic already says where.
func syntaxMessage(err error) string {
	var ye yaml.Error
	msg := err.Error()
	if errors.As(err, &ye) {
		msg = ye.GetMessage()
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return strings.TrimSpace(msg)
}

func syntaxHint(src []byte, err error) string {
	p := syntaxPos("", err)
	lines := strings.Split(string(src), "\n")
	if p.Line > 0 && p.Line <= len(lines) && strings.ContainsRune(lines[p.Line-1], '\t') {
		return "YAML indents with spaces; this line contains a tab"
	}
	return ""
}
