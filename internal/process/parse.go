package process

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// MaxStatement is the longest statement in characters: one sentence a
// reviewer can check, short enough for a report line.
const MaxStatement = 200

// idPattern is an area prefix and a number without leading zeros, so that
// "CM-01" and "CM-1" cannot both exist.
var idPattern = regexp.MustCompile(`^[A-Z]{2,5}-[1-9][0-9]{0,3}$`)

// Levels lists the valid levels, strongest first; reports count in this order.
var Levels = []Level{Must, Shall, Should, May}

// Methods lists the valid methods in the order reports count them.
var Methods = []Method{Automated, Attested, NotCovered}

// Parse reads a catalog file. name is used in error messages only. The first
// problem found is returned as one error naming name:line:column.
func Parse(data []byte, name string) (*Catalog, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	seq, err := requirementsNode(file, name)
	if err != nil {
		return nil, err
	}
	c := &Catalog{byID: make(map[string]int)}
	for it := seq.ArrayRange(); it.Next(); {
		node := it.Value()
		line, col := position(node)
		at := fmt.Sprintf("%s:%d:%d", name, line, col)
		if _, ok := node.(*ast.MappingNode); !ok {
			return nil, fmt.Errorf("%s: a requirement must be a mapping with id, section, level, statement, method and evidence", at)
		}
		var r Requirement
		if err := yaml.NodeToValue(node, &r, yaml.Strict()); err != nil {
			return nil, yamlError(name, err)
		}
		if err := check(r); err != nil {
			return nil, fmt.Errorf("%s: requirement %s: %w", at, orUnnamed(r.ID), err)
		}
		if prev, dup := c.byID[r.ID]; dup {
			pl, _ := position(seq.Values[prev])
			return nil, fmt.Errorf("%s: requirement %s: id already used at line %d; give it the next free number of its area", at, r.ID, pl)
		}
		c.byID[r.ID] = len(c.reqs)
		c.reqs = append(c.reqs, r)
	}
	if len(c.reqs) == 0 {
		line, col := position(seq)
		return nil, fmt.Errorf("%s:%d:%d: requirements is empty; list at least one requirement", name, line, col)
	}
	return c, nil
}

// requirementsNode finds the sequence under the only top-level key.
func requirementsNode(file *ast.File, name string) (*ast.SequenceNode, error) {
	var docs []*ast.DocumentNode
	for _, d := range file.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s:1:1: the catalog is empty; it must be a mapping with the key requirements", name)
	}
	if len(docs) > 1 {
		line, col := position(docs[1].Body)
		return nil, fmt.Errorf("%s:%d:%d: more than one YAML document; keep the catalog in one document", name, line, col)
	}
	top, ok := docs[0].Body.(ast.MapNode)
	if !ok {
		line, col := position(docs[0].Body)
		return nil, fmt.Errorf("%s:%d:%d: the catalog must be a mapping with the key requirements", name, line, col)
	}
	var seq *ast.SequenceNode
	for it := top.MapRange(); it.Next(); {
		key, kv := it.Key(), it.KeyValue()
		line, col := position(key)
		if key.String() != "requirements" {
			return nil, fmt.Errorf("%s:%d:%d: unknown key %q; the only top-level key is requirements", name, line, col, key.String())
		}
		s, ok := kv.Value.(*ast.SequenceNode)
		if !ok {
			return nil, fmt.Errorf("%s:%d:%d: requirements must be a list of requirements", name, line, col)
		}
		seq = s
	}
	if seq == nil {
		line, col := position(docs[0].Body)
		return nil, fmt.Errorf("%s:%d:%d: the key requirements is missing", name, line, col)
	}
	return seq, nil
}

// check applies the rules a well-formed YAML entry can still break.
func check(r Requirement) error {
	switch {
	case r.ID == "":
		return errors.New("id is missing; give it an area prefix and the next free number, e.g. CM-5")
	case !idPattern.MatchString(r.ID):
		return fmt.Errorf("id %q must be an area prefix of 2 to 5 capital letters, a dash and a number, e.g. CM-5", r.ID)
	}
	if err := checkSection(r.Section); err != nil {
		return err
	}
	if !validLevel(r.Level) {
		return fmt.Errorf("level %q must be one of %s", r.Level, joinLevels())
	}
	st := strings.TrimSpace(r.Statement)
	switch {
	case st == "":
		return errors.New("statement is missing; say in one imperative sentence what to do")
	case strings.ContainsAny(r.Statement, "\r\n"):
		return errors.New("statement spans several lines; make it one sentence on one line")
	case utf8.RuneCountInString(r.Statement) >= MaxStatement:
		return fmt.Errorf("statement is %d characters; keep it under %d", utf8.RuneCountInString(r.Statement), MaxStatement)
	}
	switch r.Method {
	case Automated:
	case Attested, NotCovered:
		if strings.TrimSpace(r.Evidence) == "" {
			return fmt.Errorf("evidence is missing; for method %s say what proves it or which planned capability will", r.Method)
		}
	default:
		return fmt.Errorf("method %q must be one of automated, attested, not-covered", r.Method)
	}
	return nil
}

func checkSection(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New(`section is missing; give the heading path in the spec, e.g. "Secure Design > Security Reviews"`)
	}
	for _, part := range strings.Split(s, " > ") {
		if part == "" || strings.TrimSpace(part) != part || strings.Contains(part, ">") {
			return fmt.Errorf(`section %q must be headings separated by " > "`, s)
		}
	}
	return nil
}

func validLevel(l Level) bool {
	for _, v := range Levels {
		if l == v {
			return true
		}
	}
	return false
}

func joinLevels() string {
	s := make([]string, len(Levels))
	for i, l := range Levels {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

func orUnnamed(id string) string {
	if id == "" {
		return "(no id)"
	}
	return id
}

// position is the 1-based line and column where node starts.
func position(node ast.Node) (int, int) {
	if node == nil {
		return 1, 1
	}
	// A mapping's own token is the colon of its first key; point at the key.
	switch n := node.(type) {
	case *ast.MappingNode:
		if len(n.Values) > 0 && n.Values[0].Key != nil {
			node = n.Values[0].Key
		}
	case *ast.MappingValueNode:
		if n.Key != nil {
			node = n.Key
		}
	}
	tk := node.GetToken()
	if tk == nil || tk.Position == nil {
		return 1, 1
	}
	return max(tk.Position.Line, 1), max(tk.Position.Column, 1)
}

// yamlError turns a go-yaml error, which spans several lines with a source
// excerpt, into one line naming the file and position.
func yamlError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		line, col := 1, 1
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			line, col = max(tk.Position.Line, 1), max(tk.Position.Column, 1)
		}
		hint := "fix the YAML there"
		var uf *yaml.UnknownFieldError
		if errors.As(err, &uf) {
			hint = "the fields are id, section, level, statement, method and evidence"
		}
		return fmt.Errorf("%s:%d:%d: %s; %s", name, line, col, ye.GetMessage(), hint)
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return fmt.Errorf("%s: %s; fix the YAML", name, msg)
}
