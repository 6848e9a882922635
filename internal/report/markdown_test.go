package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
)

func TestMarkdownEscape(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"pipe", mdEscape, "a|b", `a\|b`},
		{"newlines", mdEscape, "a\r\nb\nc", "a<br>b<br>c"},
		{"html", mdEscape, "<img src=x>", `\<img src=x\>`},
		{"link", mdEscape, "[x](http://e)", `\[x\]\(http://e\)`},
		{"emphasis and code", mdEscape, "*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"},
		{"backslash first", mdEscape, `\|`, `\\\|`},
		{"control", mdEscape, "a\x1bb\tc", "a b c"},
		{"code", mdCode, "a|b", "`a\\|b`"},
		{"code with backtick", mdCode, "a`b", "a\\`b"},
		{"code empty", mdCode, "", ""},
		{"code newline", mdCode, "a\nb", "`a b`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestMarkdownTableRows checks that escaping keeps every row at the
// header's column count whatever the text holds.
func TestMarkdownTableRows(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b, fixture()); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") - 1
		if cells != 4 && cells != 5 && cells != 6 {
			t.Errorf("row with %d cells: %s", cells, line)
		}
	}
	out := b.String()
	if !strings.HasPrefix(out, "## assure gate FAILED (profile `pr`)\n") {
		t.Errorf("heading: %q", strings.SplitN(out, "\n", 2)[0])
	}
	if !strings.Contains(out, "<summary>Conformance: 1 met, 2 failed, 2 not covered of 5 requirements</summary>") {
		t.Error("no conformance summary")
	}
}

func TestMarkdownTruncates(t *testing.T) {
	tests := []struct {
		name     string
		findings int
		msgLen   int
		cut      bool
	}{
		{"small report is whole", 10, 50, false},
		{"large report is cut", 3000, 200, true},
		{"huge messages", 40, 5000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixture()
			r.Findings = nil
			for i := range tt.findings {
				r.Findings = append(r.Findings, finding.Finding{
					ID: fmt.Sprintf("F-%04d", i), Rule: "change-management/missing-reference", Check: "change-management",
					Severity: finding.Error, Location: finding.Location{Commit: fmt.Sprintf("%040d", i)},
					Message: strings.Repeat("m", tt.msgLen), Requirements: []string{"ZSO-CM-01"},
				})
			}
			var b bytes.Buffer
			if err := Markdown(&b, r); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if len(out) > commentLimit {
				t.Fatalf("comment is %d bytes, over GitHub's limit of %d", len(out), commentLimit)
			}
			rows := strings.Count(out, "| **error** | `change-management/missing-reference`")
			note := fmt.Sprintf("_%d more findings in the full report._", tt.findings-rows)
			if got := strings.Contains(out, note); got != tt.cut {
				t.Fatalf("note %q present = %v, want %v (%d rows shown)", note, got, tt.cut, rows)
			}
			if !tt.cut && rows != tt.findings {
				t.Fatalf("%d of %d findings shown without a cut", rows, tt.findings)
			}
			if !strings.HasSuffix(out, "</details>\n") {
				t.Error("the conformance block was lost")
			}
		})
	}
}

func TestFitRows(t *testing.T) {
	row := strings.Repeat("x", 19) + "\n"
	rows := []string{row, row, row}
	note2 := "\n_2 more rows in the full report._\n"
	tests := []struct {
		budget int
		want   string
	}{
		{100, row + row + row},
		{60, row + row + row},
		{20 + len(note2), row + note2},
		{20 + len(note2) - 1, "\n_3 more rows in the full report._\n"},
		{0, "\n_3 more rows in the full report._\n"},
	}
	for _, tt := range tests {
		if got := fitRows(rows, tt.budget, "rows"); got != tt.want {
			t.Errorf("fitRows(budget %d) = %q, want %q", tt.budget, got, tt.want)
		}
	}
}
