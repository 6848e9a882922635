package model

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Schema is the JSON Schema (draft 2020-12) of the root model file. It is
// exported so editors can be pointed at it (assure can print it).
//
//go:embed schema.json
var Schema []byte

const schemaURL = "https://assure.dev/schema/model.json"

// compiledSchemas holds the root-file schema and the included-file schema;
// they are compiled once, on first use.
type compiledSchemas struct {
	root, included *jsonschema.Schema
	doc            map[string]any // the raw schema, for listing allowed keys
	// sections are the raw schemas of the capability sections, by file name.
	sections map[string]map[string]any
}

var (
	schemaOnce sync.Once
	schemas    compiledSchemas
	schemaErr  error
)

func loadSchemas() (compiledSchemas, error) {
	schemaOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
		if err != nil {
			schemaErr = fmt.Errorf("embedded schema: %w", err)
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource(schemaURL, doc); err != nil {
			schemaErr = fmt.Errorf("embedded schema: %w", err)
			return
		}
		sections, err := addSectionSchemas(c)
		if err != nil {
			schemaErr = fmt.Errorf("embedded schema: %w", err)
			return
		}
		root, err := c.Compile(schemaURL)
		if err != nil {
			schemaErr = fmt.Errorf("embedded schema: %w", err)
			return
		}
		inc, err := c.Compile(schemaURL + "#/$defs/included_file")
		if err != nil {
			schemaErr = fmt.Errorf("embedded schema: %w", err)
			return
		}
		var raw map[string]any
		if err := json.Unmarshal(Schema, &raw); err != nil {
			schemaErr = fmt.Errorf("embedded schema: %w", err)
			return
		}
		schemas = compiledSchemas{root: root, included: inc, doc: raw, sections: sections}
	})
	return schemas, schemaErr
}

// validateSchema checks one file's document and turns every schema error
// into a diagnostic at the YAML position of the offending value.
func validateSchema(file string, doc any, idx posIndex, included bool) diags {
	var ds diags
	s, err := loadSchemas()
	if err != nil {
		ds.add(Pos{File: file}, err.Error(), "this is a bug in assure")
		return ds
	}
	sch, start := s.root, any(s.doc)
	if included {
		sch, start = s.included, s.def("included_file")
	}
	if doc == nil {
		what := "version, project, people, modules and policy"
		if included {
			what = "people, modules and include"
		}
		ds.add(idx.at(file, ""), "the file is empty", "a model file is a mapping of "+what)
		return ds
	}
	err = sch.Validate(doc)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		ds.add(idx.at(file, ""), err.Error(), "")
		return ds
	}
	for _, leaf := range leaves(ve) {
		ds = append(ds, s.describe(file, idx, start, included, leaf)...)
	}
	return ds
}

// leaves flattens the error tree: the interesting errors are at the bottom,
// the nodes above only say "a $ref failed".
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func (s compiledSchemas) def(name string) any {
	defs, _ := s.doc["$defs"].(map[string]any)
	return defs[name]
}

// schemaAt follows the instance location through the raw schema to the
// subschema that describes it, so an error can list that object's keys.
func (s compiledSchemas) schemaAt(start any, loc []string) map[string]any {
	cur, _ := s.deref(start).(map[string]any)
	for _, tok := range loc {
		if cur == nil {
			return nil
		}
		var next any
		if props, ok := cur["properties"].(map[string]any); ok && props[tok] != nil {
			next = props[tok]
		} else if items, ok := cur["items"]; ok {
			next = items
		} else if ap, ok := cur["additionalProperties"].(map[string]any); ok {
			next = ap
		}
		cur, _ = s.deref(next).(map[string]any)
	}
	return cur
}

func (s compiledSchemas) deref(v any) any {
	for i := 0; i < 8; i++ {
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return v
		}
		v = s.resolve(ref)
	}
	return v
}

func allowedKeys(sch map[string]any) []string {
	props, _ := sch["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func enumValues(sch map[string]any) []string {
	var out []string
	if e, ok := sch["enum"].([]any); ok {
		for _, v := range e {
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}

// rootOnly are the keys an included file may not carry.
var rootOnly = map[string]bool{"project": true, "policy": true, "version": true}

func (s compiledSchemas) describe(file string, idx posIndex, start any, included bool, e *jsonschema.ValidationError) diags {
	var ds diags
	ptr := pointer(e.InstanceLocation)
	field := fieldPath(e.InstanceLocation)
	pos := idx.at(file, ptr)
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		allowed := allowedKeys(s.schemaAt(start, e.InstanceLocation))
		props := append([]string(nil), k.Properties...)
		sort.Strings(props)
		for _, p := range props {
			hint := "allowed keys: " + strings.Join(allowed, ", ")
			if included && len(e.InstanceLocation) == 0 && rootOnly[p] {
				hint = p + " belongs in the root model file; an included file may hold " + strings.Join(allowed, ", ")
			} else if best := closest(p, allowed); best != "" {
				hint = fmt.Sprintf("did you mean %q? %s", best, hint)
			}
			ds.add(idx.keyAt(file, joinPtr(ptr, p)), fmt.Sprintf("unknown key %q", p), hint)
		}
	case *kind.Required:
		for _, m := range k.Missing {
			ds.add(pos, fmt.Sprintf("%s: missing required key %q", field, m), requiredHint(m))
		}
	case *kind.Type:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = typeName(w)
		}
		hint := typeHint(k)
		if len(e.InstanceLocation) == 0 {
			hint = "a model file is a mapping of keys such as version, project, people and modules"
		}
		ds.add(pos, fmt.Sprintf("%s: expected %s, got %s", field, strings.Join(want, " or "), typeName(k.Got)), hint)
	case *kind.Enum:
		allowed := enumValues(s.schemaAt(start, e.InstanceLocation))
		hint := "allowed values: " + strings.Join(allowed, ", ")
		if str, ok := k.Got.(string); ok {
			if best := closest(str, allowed); best != "" {
				hint = fmt.Sprintf("did you mean %q? %s", best, hint)
			}
		}
		ds.add(pos, fmt.Sprintf("%s: %s is not allowed", field, display(k.Got)), hint)
	case *kind.Const:
		hint := ""
		if field == "version" {
			hint = "this version of assure reads model version 1"
		}
		ds.add(pos, fmt.Sprintf("%s: must be %s, got %s", field, display(k.Want), display(k.Got)), hint)
	case *kind.Pattern:
		ds.add(pos, fmt.Sprintf("%s: %q is not valid", field, k.Got), patternHint(e.InstanceLocation, k.Want))
	case *kind.MinLength:
		ds.add(pos, fmt.Sprintf("%s: must not be empty", field), "")
	case *kind.MinItems:
		ds.add(pos, fmt.Sprintf("%s: must list at least %d item(s)", field, k.Want), "")
	case *kind.Minimum:
		want, _ := k.Want.Float64()
		got, _ := k.Got.Float64()
		ds.add(pos, fmt.Sprintf("%s: must be at least %v, got %v", field, want, got), "")
	case *kind.Maximum:
		want, _ := k.Want.Float64()
		got, _ := k.Got.Float64()
		ds.add(pos, fmt.Sprintf("%s: must be at most %v, got %v", field, want, got), "")
	default:
		ds.add(pos, fmt.Sprintf("%s: %s", field, e.ErrorKind.LocalizedString(message.NewPrinter(language.English))), "")
	}
	return ds
}

func pointer(loc []string) string {
	var b strings.Builder
	for _, t := range loc {
		b.WriteString("/")
		b.WriteString(escapePtr(t))
	}
	return b.String()
}

// fieldPath renders an instance location the way a user reads the YAML:
// modules[2].paths[0].
func fieldPath(loc []string) string {
	if len(loc) == 0 {
		return "top level"
	}
	var b strings.Builder
	for _, t := range loc {
		if t != "" && strings.Trim(t, "0123456789") == "" {
			b.WriteString("[" + t + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteString(".")
		}
		b.WriteString(t)
	}
	return b.String()
}

// typeName uses the YAML words for JSON types.
func typeName(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "null":
		return "nothing (empty value)"
	case "string":
		return "text"
	case "boolean":
		return "true or false"
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	}
	return t
}

func typeHint(k *kind.Type) string {
	want := strings.Join(k.Want, ",")
	switch {
	case want == "string" && k.Got != "object" && k.Got != "array":
		return "quote the value to make it text"
	case want == "array" && k.Got != "object":
		return `write a list: one "- item" per line or [a, b]`
	case want == "object":
		return "write key: value pairs indented below the key"
	}
	return ""
}

func requiredHint(key string) string {
	switch key {
	case "version":
		return "add version: 1"
	case "project":
		return "add project: with at least name: <project name>"
	case "paths":
		return `list the files of the module as globs, e.g. paths: ["drivers/foo/**"]`
	case "kind":
		return "set kind: none, file, github, jira or server"
	case "id":
		return "give it a short unique id of letters, digits, '.', '_' or '-'"
	}
	return "add " + key + ": <value>"
}

func patternHint(loc []string, pattern string) string {
	last := ""
	for i := len(loc) - 1; i >= 0; i-- {
		if strings.Trim(loc[i], "0123456789") != "" {
			last = loc[i]
			break
		}
	}
	switch last {
	case "id":
		return "ids start with a letter or digit and use letters, digits, '.', '_' and '-'"
	case "emails":
		return "write a plain address: name@example.com"
	case "github":
		return "write the GitHub login without @"
	case "trailers":
		return "write the trailer token without the colon, e.g. Reviewed-by"
	}
	return "must match " + pattern
}

func display(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case nil:
		return "nothing"
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprint(v)
}
