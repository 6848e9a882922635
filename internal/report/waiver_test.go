package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/sarif"
)

// waivedFixture is a release run with one waived finding (central entry
// and comment), one whose waiver is under review and one without waiver.
func waivedFixture() *Report {
	r := &Report{
		Schema:  SchemaVersion,
		Tool:    Tool{Name: "assure", Version: "v1.4.0", URI: "https://github.com/assure-dev/assure"},
		Profile: "release",
		Subject: Subject{Repository: ".", Head: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", Commits: 3, Model: "security/assure.yaml"},
		Verdict: Fail,
		Checks: []CheckResult{{ID: "static-analysis", Title: "static analysis results are fixed or waived",
			Requirements: []string{"SA-5", "SA-14"}, Status: Fail, Summary: "3 results of 1 analyzer, 1 waived", Findings: 2}},
	}
	base := finding.Finding{Rule: "static-analysis/result", Check: "static-analysis", Requirements: []string{"SA-5", "SA-14"},
		Severity: finding.Error, Remediation: "fix the code, or record a waiver: assure waiver add"}
	waived := base
	waived.ID, waived.Location = "F-00000000000000a1", finding.Location{File: "src/parse.c", Line: 3, Column: 3}
	waived.Message = "flawfinder FF1001 (buffer): strcpy does not check for buffer overflows"
	waived.Waiver = &finding.Waiver{ID: "W-0001", Status: finding.WaiverAccepted, Category: "false-positive",
		Justification: "the buffer is sized by the caller", Registry: &finding.Location{File: "security/waivers.yaml", Line: 6, Column: 5},
		InSource: &finding.Location{File: "src/parse.c", Line: 2, Column: 6}, Approvers: []string{"carol"}, Author: "alice",
		Tool: "flawfinder", ToolVersion: "2.0.19", AnalysisDate: "2026-01-01", Branch: "main", Revision: "0123456789abcdef0123456789abcdef01234567"}
	pending := base
	pending.ID, pending.Location = "F-00000000000000a2", finding.Location{File: "src/parse.c", Line: 9}
	pending.Message = "flawfinder FF1004 (buffer): sprintf does not check for buffer overflows"
	pending.Waiver = &finding.Waiver{ID: "W-0002", Status: finding.WaiverUnderReview, Category: "not-an-issue", Note: "awaits a second approver"}
	open := base
	open.ID, open.Location = "F-00000000000000a3", finding.Location{File: "src/io.c", Line: 12}
	open.Message = "clang core.NullDereference: Dereference of null pointer"
	r.Findings = []finding.Finding{open, pending, waived}
	return r
}

func TestWaivedGolden(t *testing.T) {
	for _, tc := range []struct{ file, format string }{
		{"waived-text.golden", "text"}, {"waived-json.golden", "json"}, {"waived-sarif.golden", "sarif"},
		{"waived-junit.golden", "junit"}, {"waived-markdown.golden", "markdown"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := Render(&b, tc.format, waivedFixture(), TextOptions{}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs; if intended run go test ./internal/report -update\ngot:\n%s", path, b.Bytes())
			}
		})
	}
}

// The SARIF of waived findings is valid by the official schema and says
// what GitHub code scanning needs: an accepted suppression hides the
// result, one under review does not.
func TestSARIFSuppressions(t *testing.T) {
	var b bytes.Buffer
	if err := SARIF(&b, waivedFixture()); err != nil {
		t.Fatal(err)
	}
	if err := sarif.Validate("waived.sarif", b.Bytes()); err != nil {
		t.Fatal(err)
	}
	var log sarif.Log
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, res := range log.Runs[0].Results {
		var s []string
		for _, sup := range res.Suppressions {
			s = append(s, sup.Kind+":"+sup.Status+":"+sup.Justification)
		}
		got[res.Locations[0].PhysicalLocation.ArtifactLocation.URI] += strings.Join(s, ",") + ";"
	}
	want := map[string]string{
		"src/io.c": ";",
		"src/parse.c": "external:accepted:false-positive: the buffer is sized by the caller,inSource:accepted:false-positive: the buffer is sized by the caller;" +
			"external:underReview:not-an-issue;",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("suppressions:\n%v\nwant\n%v", got, want)
	}
}

func TestWaivedDoesNotCount(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, waivedFixture(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	last := strings.TrimSpace(b.String()[strings.LastIndex(strings.TrimSpace(b.String()), "\n"):])
	if last != "gate FAILED (profile release): 2 errors, 1 waived" {
		t.Errorf("verdict line = %q", last)
	}
}

// Every field of finding.Waiver is in the JSON schema.
func TestSchemaCoversWaiver(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(JSONSchema(), &schema); err != nil {
		t.Fatal(err)
	}
	def := schema["$defs"].(map[string]any)["waiver"].(map[string]any)
	props := def["properties"].(map[string]any)
	typ := reflect.TypeFor[finding.Waiver]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if _, ok := props[name]; !ok {
			t.Errorf("finding.Waiver.%s (json %q) is not in the schema", typ.Field(i).Name, name)
		}
	}
	if len(props) != typ.NumField() {
		t.Errorf("Waiver has %d fields, the schema %d", typ.NumField(), len(props))
	}
}
