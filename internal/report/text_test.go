package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
)

func renderText(t *testing.T, r *Report, opts TextOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := Text(&b, r, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTextColor(t *testing.T) {
	tests := []struct {
		name    string
		opts    TextOptions
		wantEsc bool
	}{
		{"plain", TextOptions{}, false},
		{"plain verbose", TextOptions{Verbose: true}, false},
		{"color", TextOptions{Color: true}, true},
		{"color verbose", TextOptions{Color: true, Verbose: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The fixture has an ESC in a finding message: it must never
			// reach the terminal raw, colour or not.
			out := renderText(t, fixture(), tt.opts)
			if got := strings.Contains(out, "\x1b"); got != tt.wantEsc {
				t.Fatalf("escape bytes present = %v, want %v:\n%s", got, tt.wantEsc, out)
			}
			if strings.Contains(out, "\x1b[31mnull") {
				t.Fatalf("an escape sequence from the finding message reached the output:\n%s", out)
			}
		})
	}
}

func TestTextVerbose(t *testing.T) {
	r := fixture()
	plain := renderText(t, r, TextOptions{})
	verbose := renderText(t, r, TextOptions{Verbose: true})
	for _, q := range r.Conformance.Requirements {
		line := "  " + string(q.Status)
		inPlain := strings.Contains(plain, q.ID+"  "+q.Level)
		if q.Status == Failed && !inPlain {
			t.Errorf("failed requirement %s missing without -verbose", q.ID)
		}
		if q.Status != Failed && inPlain {
			t.Errorf("%s requirement %s listed without -verbose", q.Status, q.ID)
		}
		if !strings.Contains(verbose, q.ID) || !strings.Contains(verbose, line) {
			t.Errorf("verbose output lacks %s (%s)", q.ID, q.Status)
		}
	}
}

func TestTextSections(t *testing.T) {
	out := renderText(t, fixture(), TextOptions{})
	want := []string{
		"assure v1.4.0, profile pr\n",
		"subject: . origin/main..HEAD (head 1a2b3c4d5e6f), 3 commits\n",
		"  error  change-management/missing-reference  commit 1a2b3c4d5e6f  commit has no change-request reference\n",
		"    fix: add a trailer such as \"Refs: #123\" to the commit message\n",
		"    requirements: ZSO-CM-01\n",
		"  error    tracker            0         could not run: GET",
		"Conformance: 1 met, 2 failed, 2 not covered of 5 requirements\n",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	// Findings are grouped by check in the order of the checks.
	if strings.Index(out, "change-management: Every") > strings.Index(out, "static-analysis: Static") {
		t.Error("findings groups are not in check order")
	}
	if !strings.HasSuffix(out, "\ngate FAILED (profile pr): 3 errors, 1 warning, 1 note, 1 check errored\n") {
		t.Errorf("last line is not the verdict:\n%s", out)
	}
}

func TestVerdictLine(t *testing.T) {
	warn := finding.Finding{Rule: "r", Check: "c", Severity: finding.Warning}
	errf := finding.Finding{Rule: "r", Check: "c", Severity: finding.Error}
	tests := []struct {
		name string
		r    Report
		want string
	}{
		{"clean pass", Report{Profile: "pr", Verdict: Pass}, "gate passed (profile pr)"},
		{"pass with warnings", Report{Profile: "pr", Verdict: Pass, Findings: []finding.Finding{warn, warn}},
			"gate passed (profile pr): 2 warnings"},
		{"fail", Report{Profile: "release", Verdict: Fail, Findings: []finding.Finding{errf, errf, errf}},
			"gate FAILED (profile release): 3 errors"},
		{"errored check", Report{Profile: "pr", Verdict: Fail, Checks: []CheckResult{{ID: "x", Status: Errored}}},
			"gate FAILED (profile pr): 1 check errored"},
		{"missing verdict reads as failed", Report{Profile: "pr"}, "gate FAILED (profile pr)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := renderText(t, &tt.r, TextOptions{})
			if !strings.HasSuffix(out, "\n"+tt.want+"\n") {
				t.Fatalf("want last line %q, got:\n%s", tt.want, out)
			}
		})
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\nb\tc\r", "a b c "},
		{"\x1b[2Jx", `\x1b[2Jx`},
		{"bell\a", `bell\x07`},
		{"c1 \u009b", `c1 \x9b`},
		{"bad \xff utf8", "bad \ufffd utf8"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
