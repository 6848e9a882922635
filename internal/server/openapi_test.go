package server

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestOpenAPIGolden pins the API document: a change of the API shows up
// as a diff of testdata/openapi.json (go test -update rewrites it).
func TestOpenAPIGolden(t *testing.T) {
	got := OpenAPI()
	if !bytes.Equal(got, OpenAPI()) {
		t.Fatal("the document differs between two calls")
	}
	if *update {
		if err := os.WriteFile("testdata/openapi.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("OpenAPI document differs from testdata/openapi.json (run go test -run TestOpenAPIGolden -update and review the diff)")
	}
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, rt := range Routes() {
		if !rt.API {
			continue
		}
		op := doc.Paths[rt.Path][strings.ToLower(rt.Method)]
		if op == nil || op["operationId"] != rt.Name {
			t.Errorf("%s %s is not in the document", rt.Method, rt.Path)
		}
		if ids[rt.Name] {
			t.Errorf("operationId %s twice", rt.Name)
		}
		ids[rt.Name] = true
	}
}

// schemaFor compiles one component schema of the document.
func schemaFor(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(OpenAPI()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("https://assure.invalid/openapi.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("https://assure.invalid/openapi.json#/components/schemas/" + name)
	if err != nil {
		t.Fatalf("schema %s: %v", name, err)
	}
	return s
}

// TestResponsesMatchDocument: what the server answers is what its
// document says, for the main answers and the error body.
func TestResponsesMatchDocument(t *testing.T) {
	f := newFixture(t, backends()[0].target(t))
	pub := f.reportIn("public")
	tri := f.reportIn("triage")
	f.must(201, "POST", fmt.Sprintf("/api/v1/reports/%d/comments", tri.ID), "team", `{"body": "hi"}`)
	checks := []struct {
		schema, who, path string
	}{
		{"ReportView", "anon", fmt.Sprintf("/api/v1/reports/%d", pub.ID)},
		{"ReportView", "team", fmt.Sprintf("/api/v1/reports/%d", pub.ID)},
		{"ReportView", "team", fmt.Sprintf("/api/v1/reports/%d", tri.ID)},
		{"ReportList", "team", "/api/v1/reports"},
		{"ReportList", "anon", "/api/v1/reports?state=rejected"},
		{"Me", "maint", "/api/v1/me"},
		{"AccountList", "admin", "/api/v1/accounts"},
		{"TokenList", "team", "/api/v1/tokens"},
		{"AuditPage", "team", "/api/v1/audit"},
		{"AuditVerification", "team", "/api/v1/audit/verify"},
		{"CVSS", "anon", "/api/v1/cvss?vector=CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
		{"Health", "anon", "/healthz"},
		{"Error", "team", "/api/v1/reports/999"},
		{"Error", "team", "/api/v1/reports?state=bad"},
	}
	for _, c := range checks {
		r := f.do("GET", c.path, c.who, nil)
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if err := schemaFor(t, c.schema).Validate(v); err != nil {
			t.Errorf("%s as %s does not match %s: %v\n%s", c.path, c.who, c.schema, err, r.body)
		}
	}
}
