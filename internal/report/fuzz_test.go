package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/sarif"
)

// FuzzRender puts arbitrary text where commit messages, paths and tool
// output end up. Whatever it is, no renderer may panic, plain text must
// hold no escape byte, JSON and SARIF must stay valid, JUnit must parse and
// Markdown must fit a comment.
func FuzzRender(f *testing.F) {
	f.Add("commit has no reference", "src/a.c", "pr", 3)
	f.Add("\x1b[2J| <b> ]]> \x00 \xff \ufffe", `c:\x y|z`, `a"<&>`, 0)
	f.Add("a\nb\r\nc", "", "", -1)
	f.Fuzz(func(t *testing.T, text, file, profile string, line int) {
		r := fixture()
		r.Profile = profile
		r.Findings = append(r.Findings, finding.Finding{
			ID: text, Rule: "fuzz/" + text, Check: text, Requirements: []string{text},
			Severity: finding.Severity(text), Message: text, Remediation: text,
			Location: finding.Location{File: file, Line: line, Column: line, Commit: text},
		})
		r.Checks[4].Error = text
		r.Conformance.Requirements[0].Statement = text

		var b bytes.Buffer
		if err := Text(&b, r, TextOptions{Verbose: true}); err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(b.Bytes(), 0x1b) >= 0 {
			t.Fatal("escape byte in plain text output")
		}
		b.Reset()
		if err := JSON(&b, r); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(b.Bytes()) {
			t.Fatal("invalid JSON")
		}
		b.Reset()
		if err := SARIF(&b, r); err != nil {
			t.Fatal(err)
		}
		if err := sarif.Validate("fuzz.sarif", b.Bytes()); err != nil {
			// Lines and columns below 1 are the caller's bug, but the
			// renderer drops them, so the log must still be valid.
			t.Fatal(err)
		}
		b.Reset()
		if err := JUnit(&b, r); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := xml.Unmarshal(b.Bytes(), &v); err != nil {
			t.Fatalf("JUnit does not parse: %v", err)
		}
		b.Reset()
		if err := Markdown(&b, r); err != nil {
			t.Fatal(err)
		}
		if b.Len() > commentLimit {
			t.Fatalf("markdown is %d bytes", b.Len())
		}
	})
}
