package model

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Each capability (static analysis, complexity, Kconfig, threat model) owns
// one top-level section of the root model file: its Go types live in
// section_<name>.go and its schema in sections/<name>.schema.json, so the
// capabilities grow without touching each other's files. A section schema
// names every $ref with its file ("kconfig.schema.json#/$defs/rule",
// "model.json#/$defs/strings"), because error messages follow refs by file.
//
//go:embed sections/*.schema.json
var sectionFS embed.FS

const schemaBase = "https://assure.dev/schema/"

// SectionSchemas returns the embedded section schemas by file name, for
// `assure validate --schema` and editors.
func SectionSchemas() map[string][]byte {
	out := map[string][]byte{}
	names, _ := fs.Glob(sectionFS, "sections/*.schema.json")
	for _, n := range names {
		b, _ := sectionFS.ReadFile(n)
		out[path.Base(n)] = b
	}
	return out
}

func addSectionSchemas(c *jsonschema.Compiler) (map[string]map[string]any, error) {
	raw := map[string]map[string]any{}
	for name, b := range SectionSchemas() {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := c.AddResource(schemaBase+name, doc); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		raw[name] = m
	}
	return raw, nil
}

// resolve finds the raw subschema a $ref names: "#/$defs/x" in the root
// schema, "name.schema.json" or "name.schema.json#/$defs/x" in a section,
// "model.json#/$defs/x" back in the root.
func (s compiledSchemas) resolve(ref string) any {
	file, frag, _ := strings.Cut(ref, "#")
	var doc map[string]any
	switch file {
	case "", "model.json", schemaURL:
		doc = s.doc
	default:
		doc = s.sections[strings.TrimPrefix(file, schemaBase)]
	}
	if doc == nil {
		return nil
	}
	if frag == "" {
		return doc
	}
	defs, _ := doc["$defs"].(map[string]any)
	return defs[strings.TrimPrefix(frag, "/$defs/")]
}
