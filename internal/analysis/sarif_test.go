package analysis

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

const src = "int main(void)\n{\n\tchar b[4];\n\tstrcpy(b, \"toolong\");\n\treturn 0;\n}\n"

// ingestDoc writes a SARIF log as out/x.sarif under a tree holding
// src/a.c and reads it.
func ingestDoc(t *testing.T, doc string, in Input) ([]Result, error) {
	t.Helper()
	root := writeTree(t, map[string]string{"src/a.c": src, "src/b c.c": src})
	writeFile(t, filepath.Join(root, "out", "x.sarif"), strings.ReplaceAll(doc, "$ROOT", filepath.ToSlash(root)))
	in.Path, in.Name, in.Format = filepath.Join(root, "out", "x.sarif"), "out/x.sarif", model.FormatSARIF
	in.Dir = strings.ReplaceAll(in.Dir, "$ROOT", root)
	in.SourceRoot = strings.ReplaceAll(in.SourceRoot, "$ROOT", root)
	var rs []Result
	err := Ingest(root, in, collectInto(&rs))
	return rs, err
}

func log1(results string, run string) string {
	return `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "T", "version": "9.1", "rules": [` +
		`{"id": "R1", "defaultConfiguration": {"level": "error"}, "messageStrings": {"m": {"text": "copies {0} into {1}, {{not}} {2}"}}},` +
		`{"id": "R2", "shortDescription": {"text": "short R2"}},` +
		`{"id": "R3"}]}` +
		`, "extensions": [{"name": "pack", "rules": [{"id": "X1", "defaultConfiguration": {"level": "note"}}]}]}` + run +
		`, "results": [` + results + `]}]}`
}

const loc = `"locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/a.c"}, "region": {"startLine": 4, "startColumn": 2}}}]`

func TestSARIFNormalises(t *testing.T) {
	tests := []struct {
		name    string
		result  string
		run     string
		want    string // Location tool/rule level message snippet
		wantErr string
	}{
		{"own level wins", `{"ruleId": "R1", "level": "note", "message": {"text": "m"}, ` + loc + `}`, ``,
			`src/a.c:4:2 T 9.1 R1 note "m" "strcpy(b, \"toolong\");"`, ""},
		{"rule default level", `{"ruleId": "R1", "message": {"text": "m"}, ` + loc + `}`, ``,
			`src/a.c:4:2 T 9.1 R1 error "m" "strcpy(b, \"toolong\");"`, ""},
		{"no configuration: warning", `{"ruleId": "R3", "message": {"text": "m"}, ` + loc + `}`, ``,
			`src/a.c:4:2 T 9.1 R3 warning "m" "strcpy(b, \"toolong\");"`, ""},
		{"invocation override beats the default", `{"ruleId": "R1", "message": {"text": "m"}, ` + loc + `}`,
			`, "invocations": [{"executionSuccessful": true, "ruleConfigurationOverrides": [{"descriptor": {"id": "R1"}, "configuration": {"level": "warning"}}]}]`,
			`src/a.c:4:2 T 9.1 R1 warning "m" "strcpy(b, \"toolong\");"`, ""},
		{"rule by index", `{"ruleIndex": 1, "message": {"text": "m"}, ` + loc + `}`, ``,
			`src/a.c:4:2 T 9.1 R2 warning "m" "strcpy(b, \"toolong\");"`, ""},
		{"rule in an extension", `{"rule": {"id": "X1", "toolComponent": {"index": 0}}, "message": {"text": "m"}, ` + loc + `}`, ``,
			`src/a.c:4:2 T 9.1 X1 note "m" "strcpy(b, \"toolong\");"`, ""},
		{"hierarchical id finds its parent", `{"ruleId": "R1/sub", "message": {"text": "m"}, ` + loc + `}`, ``,
			`src/a.c:4:2 T 9.1 R1/sub error "m" "strcpy(b, \"toolong\");"`, ""},
		{"message template", `{"ruleId": "R1", "message": {"id": "m", "arguments": ["src", "dst"]}, ` + loc + `}`, ``,
			`src/a.c:4:2 T 9.1 R1 error "copies src into dst, {not} {2}" "strcpy(b, \"toolong\");"`, ""},
		{"unknown template: the rule's description", `{"ruleId": "R2", "message": {"id": "nope"}, ` + loc + `}`, ``,
			`src/a.c:4:2 T 9.1 R2 warning "short R2" "strcpy(b, \"toolong\");"`, ""},
		{"review result keeps level none", `{"ruleId": "R1", "kind": "review", "message": {"text": "m"}, ` + loc + `}`, ``,
			`src/a.c:4:2 T 9.1 R1 none "m" "strcpy(b, \"toolong\");"`, ""},
		{"pass result is no finding", `{"ruleId": "R1", "kind": "pass", "message": {"text": "m"}, ` + loc + `}`, ``, ``, ""},
		{"tool snippet wins over the file", `{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/a.c"}, "region": {"startLine": 4, "snippet": {"text": "  as the tool saw it  "}}}}]}`, ``,
			`src/a.c:4 T 9.1 R1 error "m" "as the tool saw it"`, ""},
		{"no location", `{"ruleId": "R1", "message": {"text": "m"}}`, ``, ` T 9.1 R1 error "m" ""`, ""},
		{"percent-encoded uri", `{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/b%20c.c"}, "region": {"startLine": 1}}}]}`, ``,
			`src/b c.c:1 T 9.1 R1 error "m" "int main(void)"`, ""},
		{"base id the log leaves to the reader", `{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/a.c", "uriBaseId": "SRCROOT"}, "region": {"startLine": 2}}}]}`, ``,
			`src/a.c:2 T 9.1 R1 error "m" "{"`, ""},
		{"base ids chained through originalUriBaseIds", `{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.c", "uriBaseId": "SRC"}, "region": {"startLine": 1}}}]}`,
			`, "originalUriBaseIds": {"ROOT": {"uri": "file://$ROOT/"}, "SRC": {"uri": "src", "uriBaseId": "ROOT"}}`,
			`src/a.c:1 T 9.1 R1 error "m" "int main(void)"`, ""},
		{"artifact by index", `{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 1}}}]}`,
			`, "artifacts": [{"location": {"uri": "file://$ROOT/src/a.c"}}]`,
			`src/a.c:1 T 9.1 R1 error "m" "int main(void)"`, ""},
		{"accepted suppression", `{"ruleId": "R1", "message": {"text": "m"}, "suppressions": [{"kind": "inSource"}]}`, ``, ` T 9.1 R1 error suppressed "m" ""`, ""},
		{"rejected suppression does not suppress", `{"ruleId": "R1", "message": {"text": "m"}, "suppressions": [{"kind": "external", "status": "rejected"}]}`, ``, ` T 9.1 R1 error "m" ""`, ""},

		{"absolute file outside the repository", `{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///etc/passwd"}}}]}`, ``, ``,
			"out/x.sarif#/runs/0/results/0: /locations/0/physicalLocation/artifactLocation: /etc/passwd is outside the repository"},
		{"relative path climbing out", `{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "../../x.c"}}}]}`, ``, ``,
			"out/x.sarif#/runs/0/results/0: /locations/0/physicalLocation/artifactLocation: "},
		{"web uri", `{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "https://example.com/a.c"}}}]}`, ``, ``,
			"https://example.com/a.c is outside the repository: only file URIs can name a source file"},
		{"rule index out of range", `{"ruleIndex": 7, "message": {"text": "m"}}`, ``, ``,
			"out/x.sarif#/runs/0/results/0: rule index 7, but T describes 3 rules"},
		{"artifact index out of range", `{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"index": 3}}}]}`, ``, ``,
			"artifact index 3, but the run lists 0 artifacts"},
		{"base id cycle", `{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.c", "uriBaseId": "A"}}}]}`,
			`, "originalUriBaseIds": {"A": {"uri": "x/", "uriBaseId": "B"}, "B": {"uri": "y/", "uriBaseId": "A"}}`, ``,
			`originalUriBaseIds refer to each other in a cycle`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := ingestDoc(t, log1(tt.result, tt.run), Input{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				sup := ""
				if r.Suppressed {
					sup = " suppressed"
				}
				got = append(got, r.Location()+" "+r.Tool+" "+r.Version+" "+r.Rule+" "+string(r.Level)+sup+" "+quote(r.Message)+" "+quote(r.Snippet))
				if r.Source != "out/x.sarif#/runs/0/results/0" || !strings.HasPrefix(r.Fingerprint, "A-") || len(r.Fingerprint) != 18 {
					t.Errorf("source %q fingerprint %q", r.Source, r.Fingerprint)
				}
			}
			if strings.Join(got, "\n") != tt.want {
				t.Fatalf("got  %s\nwant %s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// TestSARIFRootPlaceholder: originalUriBaseIds naming the checkout by an
// absolute file URI resolve inside the tree ($ROOT is the temp root).
func TestSARIFRootPlaceholder(t *testing.T) {
	root := writeTree(t, map[string]string{"src/a.c": src})
	doc := strings.ReplaceAll(log1(`{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/a.c", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 3}}}]}`,
		`, "originalUriBaseIds": {"%SRCROOT%": {"uri": "file://`+filepath.ToSlash(root)+`/"}}`), "$ROOT", root)
	p := filepath.Join(t.TempDir(), "x.sarif")
	writeFile(t, p, doc)
	rs, err := ReadSARIF(p, root)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Location() != "src/a.c:3" || rs[0].Snippet != "char b[4];" {
		t.Fatalf("results = %+v", rs)
	}
}

// TestSARIFSourceRoot maps a log made on another machine.
func TestSARIFSourceRoot(t *testing.T) {
	doc := log1(`{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///builds/fw/src/a.c"}, "region": {"startLine": 3}}}]}`, ``)
	if _, err := ingestDoc(t, doc, Input{}); err == nil || !strings.Contains(err.Error(), "/builds/fw/src/a.c is outside the repository") {
		t.Fatalf("without source_root: err = %v", err)
	}
	rs, err := ingestDoc(t, doc, Input{SourceRoot: "/builds/fw"})
	if err != nil || len(rs) != 1 || rs[0].Location() != "src/a.c:3" {
		t.Fatalf("with source_root: %+v, %v", rs, err)
	}
}

// TestSARIFStepDir: relative URIs resolve against the directory the tool
// ran in.
func TestSARIFStepDir(t *testing.T) {
	doc := log1(`{"ruleId": "R1", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.c"}, "region": {"startLine": 1}}}]}`, ``)
	rs, err := ingestDoc(t, doc, Input{Dir: "src"})
	if err != nil || len(rs) != 1 || rs[0].File != "src/a.c" {
		t.Fatalf("%+v, %v", rs, err)
	}
}

func TestSARIFBadInput(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"invalid JSON", "{\"version\": \"2.1.0\",\n \"runs\": [}", "out/x.sarif: line 2, column 11: invalid JSON: "},
		{"JSON that is not SARIF", `{"name": "x", "items": [1, 2]}`, "out/x.sarif: not valid SARIF 2.1.0: at the document root: "},
		{"another version", `{"version": "2.0.0", "runs": []}`, "out/x.sarif: not valid SARIF 2.1.0: at /version: value must be '2.1.0'"},
		{"no runs", `{"version": "2.1.0", "runs": []}`, "out/x.sarif: the log has no runs"},
		{"null runs", `{"version": "2.1.0", "runs": null}`, "out/x.sarif: the log has no runs"},
		{"run without results", `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}}]}`, "out/x.sarif: /runs/0 has no results array"},
		{"empty file", ``, "out/x.sarif: empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ingestDoc(t, tt.doc, Input{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}
