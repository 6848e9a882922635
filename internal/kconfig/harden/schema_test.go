package harden

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/assure-dev/assure/internal/model"
)

// The embedded JSON Schema and Parse agree on what is a valid file, except
// for the checks hardeninglib adds beyond the schema (min greater than max)
// and the one assure adds (a rule keyed CONFIG_X would never match).
func TestSchemaAgreesWithParse(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("hardening.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("hardening.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	corpus := []string{
		"rules:\n  A: {value: y, rationale: r}\n",
		"rules:\n  A: {min: 1, max: 3, rationale: r, references: [CWE-1], profiles: [strict]}\n",
		"rules:\n  A: {max: 3, rationale: r}\n",
		"rules:\n  A: {value: 3, rationale: r}\n",
		"rules:\n  A: {value: true, rationale: r}\n",
		"rules:\n  A: {value: 1.5, rationale: r}\n",
		"rules:\n  A: {value: [y], rationale: r}\n",
		"rules:\n  A: {value: y, min: 1, rationale: r}\n",
		"rules:\n  A: {rationale: r}\n",
		"rules:\n  A: {value: y}\n",
		"rules:\n  A: {value: y, rationale: ' '}\n",
		"rules:\n  A: {value: y, rationale: 7}\n",
		"rules:\n  A: {value: y, rationale: r, references: []}\n",
		"rules:\n  A: {value: y, rationale: r, references: [1]}\n",
		"rules:\n  A: {value: y, rationale: r, profiles: []}\n",
		"rules:\n  A: {value: y, rationale: r, extra: 1}\n",
		"rules:\n  a: {value: y, rationale: r}\n",
		"rules:\n  A: y\n",
		"rules: []\n",
		"rules: {}\n",
		"rules:\n",
		"profiles:\n  base: {description: d}\n",
		"profiles:\n  base: {description: d, extends: x}\n",
		"profiles:\n  base: {extends: x}\n",
		"profiles:\n  Base: {description: d}\n",
		"profiles:\n  base: {description: 1}\n",
		"profiles:\n  base: {description: d, other: 1}\n",
		"profiles:\n  base: null\n",
		"profiles: {}\n",
		"profiles: {}\nrules:\n  A: {value: y, rationale: r}\n",
		"other: 1\n",
		"{}\n",
		"[]\n",
		"x\n",
		"rules:\n  A: {min: 1.5, rationale: r}\n",
	}
	for _, src := range corpus {
		d, err := model.ParseDocument("h.yaml", []byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		schemaOK := schema.Validate(d.Value) == nil
		_, perr := Parse("h.yaml", []byte(src))
		if schemaOK != (perr == nil) {
			t.Errorf("%q: schema valid=%v, Parse error=%v", src, schemaOK, perr)
		}
	}
	// Beyond the schema.
	for _, src := range []string{
		"rules:\n  A: {min: 5, max: 1, rationale: r}\n",
		"rules:\n  CONFIG_A: {value: y, rationale: r}\n",
	} {
		d, _ := model.ParseDocument("h.yaml", []byte(src))
		if err := schema.Validate(d.Value); err != nil {
			t.Errorf("%q: schema rejects: %v", src, err)
		}
		if _, err := Parse("h.yaml", []byte(src)); err == nil || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("%q: Parse = %v, want one error", src, err)
		}
	}
}
