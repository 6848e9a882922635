package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/assure-dev/assure/internal/finding"
)

// sortedFindings returns a copy of the findings in the one report order, so
// every renderer lists them alike without touching the caller's Report.
func sortedFindings(r *Report) []finding.Finding {
	fs := slices.Clone(r.Findings)
	finding.Sort(fs)
	return fs
}

// tally counts findings by severity; waived findings only as waived.
type tally struct{ errors, warnings, notes, waived int }

func countFindings(fs []finding.Finding) tally {
	var t tally
	for _, f := range fs {
		if f.Waived() {
			t.waived++
			continue
		}
		switch f.Severity {
		case finding.Error:
			t.errors++
		case finding.Warning:
			t.warnings++
		default:
			t.notes++
		}
	}
	return t
}

// parts lists the non-zero counts: "3 errors", "1 warning".
func (t tally) parts() []string {
	var p []string
	if t.errors > 0 {
		p = append(p, plural(t.errors, "error"))
	}
	if t.warnings > 0 {
		p = append(p, plural(t.warnings, "warning"))
	}
	if t.notes > 0 {
		p = append(p, plural(t.notes, "note"))
	}
	if t.waived > 0 {
		p = append(p, strconv.Itoa(t.waived)+" waived")
	}
	return p
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// failed reports whether the gate failed. Anything but an explicit pass
// counts as failed, so a report with a missing verdict never reads as green.
func failed(r *Report) bool { return r.Verdict != Pass }

// verdictLine is the last line of the text report and the gist of every
// other format: "gate FAILED (profile pr): 3 errors, 1 check errored".
func verdictLine(r *Report, fs []finding.Finding) string {
	parts := countFindings(fs).parts()
	if n := countChecks(r, Errored); n > 0 {
		parts = append(parts, plural(n, "check")+" errored")
	}
	word := "passed"
	if failed(r) {
		word = "FAILED"
	}
	line := fmt.Sprintf("gate %s (profile %s)", word, r.Profile)
	if len(parts) > 0 {
		line += ": " + strings.Join(parts, ", ")
	}
	return line
}

func countChecks(r *Report, s Status) int {
	n := 0
	for _, c := range r.Checks {
		if c.Status == s {
			n++
		}
	}
	return n
}

// conformanceLine: "Conformance: 5 met, 1 failed, 20 not covered of 26 requirements".
func conformanceLine(c Conformance) string {
	total := c.Met + c.Failed + c.NotCovered
	return fmt.Sprintf("Conformance: %d met, %d failed, %d not covered of %s",
		c.Met, c.Failed, c.NotCovered, plural(total, "requirement"))
}

// group is the findings of one check, in report order.
type group struct {
	id, title string
	status    Status
	findings  []finding.Finding
}

// groupByCheck groups findings under the checks in the order the report
// lists them; findings of a check the report does not list (which the
// policy should not produce) follow, by check id, so none is ever dropped.
func groupByCheck(r *Report, fs []finding.Finding) []group {
	by := map[string][]finding.Finding{}
	for _, f := range fs {
		by[f.Check] = append(by[f.Check], f)
	}
	var gs []group
	for _, c := range r.Checks {
		if len(by[c.ID]) == 0 {
			continue
		}
		gs = append(gs, group{c.ID, c.Title, c.Status, by[c.ID]})
		delete(by, c.ID)
	}
	rest := make([]string, 0, len(by))
	for id := range by {
		rest = append(rest, id)
	}
	slices.Sort(rest)
	for _, id := range rest {
		gs = append(gs, group{id: id, findings: by[id]})
	}
	return gs
}

// checkTitles maps check id to title for renderers that describe rules.
func checkTitles(r *Report) map[string]string {
	m := make(map[string]string, len(r.Checks))
	for _, c := range r.Checks {
		m[c.ID] = c.Title
	}
	return m
}

// requirementsByID indexes the conformance requirements.
func requirementsByID(r *Report) map[string]Requirement {
	m := make(map[string]Requirement, len(r.Conformance.Requirements))
	for _, q := range r.Conformance.Requirements {
		m[q.ID] = q
	}
	return m
}

// oneLine makes text from commit messages, trackers and tools safe to print
// on one line: newlines and tabs become spaces and other control characters
// (including ESC, which could drive the terminal) become \xNN; invalid
// UTF-8 becomes U+FFFD.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(c):
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// waiverLine says in one line what covers a waived or once-waived
// finding: "W-0001 accepted (false-positive: sized by the caller); approved
// by carol; comment at src/a.c:2".
func waiverLine(w *finding.Waiver) string {
	s := w.ID + " " + string(w.Status)
	if w.Note != "" {
		s += ", " + w.Note
	}
	reason := w.Category
	if w.Justification != "" {
		if reason != "" {
			reason += ": "
		}
		reason += w.Justification
	}
	if reason != "" {
		s += " (" + reason + ")"
	}
	if len(w.Approvers) > 0 {
		s += "; approved by " + strings.Join(w.Approvers, ", ")
	}
	if w.Expires != "" {
		s += "; expires " + w.Expires
	}
	if w.InSource != nil {
		s += "; comment at " + w.InSource.String()
	} else {
		s += "; no comment in the source"
	}
	return s
}

// severityWord is the first column of a finding: its severity, or
// "waived" when an accepted waiver covers it.
func severityWord(f finding.Finding) string {
	if f.Waived() {
		return "waived"
	}
	return string(f.Severity)
}

// shortHash abbreviates a commit id the way git log --oneline users expect.
func shortHash(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
