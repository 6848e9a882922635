package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func compileReportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
	if err != nil {
		t.Fatalf("report.schema.json: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatalf("report.schema.json: %v", err)
	}
	return s
}

func renderJSON(t *testing.T, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestJSONMatchesSchema(t *testing.T) {
	s := compileReportSchema(t)
	tests := []struct {
		name string
		r    *Report
	}{
		{"fixture", fixture()},
		{"empty report", &Report{Profile: "pr", Verdict: Pass}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := renderJSON(t, tt.r)
			if !bytes.HasSuffix(out, []byte("}\n")) {
				t.Error("no trailing newline")
			}
			if bytes.Contains(out, []byte(": null")) {
				t.Errorf("output has null where a list belongs:\n%s", out)
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(doc); err != nil {
				t.Fatalf("JSON output does not match report.schema.json: %v", err)
			}
		})
	}
}

// TestSchemaRejects makes sure the schema is strict enough to catch drift:
// each mutation of valid output must fail validation.
func TestSchemaRejects(t *testing.T) {
	s := compileReportSchema(t)
	tests := []struct {
		name   string
		mutate func(m map[string]any)
	}{
		{"wrong schema version", func(m map[string]any) { m["schema"] = "assure.report/v2" }},
		{"unknown verdict", func(m map[string]any) { m["verdict"] = "maybe" }},
		{"unknown top-level field", func(m map[string]any) { m["extra"] = true }},
		{"missing findings", func(m map[string]any) { delete(m, "findings") }},
		{"bad severity", func(m map[string]any) { m["findings"].([]any)[0].(map[string]any)["severity"] = "fatal" }},
		{"bad check status", func(m map[string]any) { m["checks"].([]any)[0].(map[string]any)["status"] = "ok" }},
		{"line zero", func(m map[string]any) {
			m["findings"].([]any)[2].(map[string]any)["location"].(map[string]any)["line"] = 0
		}},
		{"bad requirement status", func(m map[string]any) {
			m["conformance"].(map[string]any)["requirements"].([]any)[0].(map[string]any)["status"] = "partial"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(renderJSON(t, fixture())))
			if err != nil {
				t.Fatal(err)
			}
			tt.mutate(doc.(map[string]any))
			if err := s.Validate(doc); err == nil {
				t.Fatal("schema accepted an invalid report")
			}
		})
	}
}

// TestSchemaCoversTypes fails when a field is added to the report types
// without being added to report.schema.json.
func TestSchemaCoversTypes(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(JSONSchema(), &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["$defs"].(map[string]any)
	props := func(obj map[string]any) map[string]any { return obj["properties"].(map[string]any) }
	top := props(schema)
	tests := []struct {
		typ    reflect.Type
		schema map[string]any
	}{
		{reflect.TypeFor[Report](), schema},
		{reflect.TypeFor[Tool](), top["tool"].(map[string]any)},
		{reflect.TypeFor[Subject](), top["subject"].(map[string]any)},
		{reflect.TypeFor[CheckResult](), defs["check"].(map[string]any)},
		{reflect.TypeFor[Conformance](), defs["conformance"].(map[string]any)},
		{reflect.TypeFor[Requirement](), defs["requirement"].(map[string]any)},
		{reflect.TypeFor[findingType](), defs["finding"].(map[string]any)},
		{reflect.TypeFor[locationType](), props(defs["finding"].(map[string]any))["location"].(map[string]any)},
	}
	for _, tt := range tests {
		p := props(tt.schema)
		required := map[string]bool{}
		if req, ok := tt.schema["required"].([]any); ok {
			for _, r := range req {
				required[r.(string)] = true
			}
		}
		for i := range tt.typ.NumField() {
			tag := tt.typ.Field(i).Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if _, ok := p[name]; !ok {
				t.Errorf("%s.%s (json %q) is not in report.schema.json", tt.typ.Name(), tt.typ.Field(i).Name, name)
			}
			if omit := strings.Contains(opts, "omitempty"); omit == required[name] {
				t.Errorf("%s.%s: omitempty=%v but required=%v in the schema", tt.typ.Name(), tt.typ.Field(i).Name, omit, required[name])
			}
		}
		if len(p) != tt.typ.NumField() {
			t.Errorf("%s has %d fields, the schema %d properties", tt.typ.Name(), tt.typ.NumField(), len(p))
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	r := fixture()
	var back Report
	if err := json.Unmarshal(renderJSON(t, r), &back); err != nil {
		t.Fatal(err)
	}
	if want := normalized(r); !reflect.DeepEqual(back, want) {
		t.Fatalf("decoded report differs:\n%+v\nwant\n%+v", back, want)
	}
	if back.Findings[0].Severity != "error" {
		t.Fatalf("findings not in report order: first is %s", back.Findings[0].Severity)
	}
}
