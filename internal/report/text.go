package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/assure-dev/assure/internal/finding"
)

// TextOptions tune the terminal report. The CLI sets Color when stdout is a
// terminal and NO_COLOR is unset; the renderer never looks at the
// environment itself, so its output is a function of its arguments.
type TextOptions struct {
	Color bool
	// Verbose lists every requirement of the conformance summary, not only
	// the failed ones.
	Verbose bool
}

// ANSI styles; only written when TextOptions.Color is set.
const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	green  = "\x1b[32m"
	dim    = "\x1b[2m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

type textWriter struct {
	strings.Builder
	color bool
}

// paint wraps s in style when colour is on.
func (t *textWriter) paint(style, s string) string {
	if !t.color || style == "" {
		return s
	}
	return style + s + reset
}

func severityStyle(s finding.Severity) string {
	switch s {
	case finding.Error:
		return red
	case finding.Warning:
		return yellow
	default:
		return cyan
	}
}

func statusStyle(s string) string {
	switch s {
	case string(Pass), string(Met):
		return green
	case string(Fail), string(Failed):
		return red
	case string(Errored):
		return bold + red
	default:
		return dim
	}
}

// Text writes the report for a person at a terminal: header, findings by
// check with what to do, a table of checks, the conformance summary and the
// verdict as the last line, where a reader of CI logs looks first.
func Text(w io.Writer, r *Report, opts TextOptions) error {
	t := &textWriter{color: opts.Color}
	fs := sortedFindings(r)
	t.header(r)
	t.findings(r, fs)
	t.checks(r)
	t.conformance(r.Conformance, opts.Verbose)
	style := green
	if failed(r) {
		style = bold + red
	}
	fmt.Fprintf(t, "\n%s\n", t.paint(style, oneLine(verdictLine(r, fs))))
	_, err := io.WriteString(w, t.String())
	return err
}

func (t *textWriter) header(r *Report) {
	name := r.Tool.Name
	if name == "" {
		name = "assure"
	}
	if r.Tool.Version != "" {
		name += " " + r.Tool.Version
	}
	fmt.Fprintf(t, "%s, profile %s\n", t.paint(bold, oneLine(name)), oneLine(r.Profile))
	s := r.Subject
	line := "subject: " + oneLine(s.Repository)
	if s.Range != "" {
		line += " " + oneLine(s.Range)
	}
	if s.Head != "" {
		line += " (head " + shortHash(oneLine(s.Head)) + ")"
	}
	fmt.Fprintf(t, "%s, %s\n", line, plural(s.Commits, "commit"))
	if s.Model != "" {
		fmt.Fprintf(t, "model: %s\n", oneLine(s.Model))
	}
}

func (t *textWriter) findings(r *Report, fs []finding.Finding) {
	if len(fs) == 0 {
		t.Builder.WriteString("\nNo findings.\n")
		return
	}
	for _, g := range groupByCheck(r, fs) {
		head := oneLine(g.id)
		if g.title != "" {
			head += ": " + oneLine(g.title)
		}
		if g.status != "" {
			head += " (" + t.paint(statusStyle(string(g.status)), oneLine(string(g.status))) + ")"
		}
		fmt.Fprintf(t, "\n%s\n", head)
		for _, f := range g.findings {
			t.finding(f)
		}
	}
}

func (t *textWriter) finding(f finding.Finding) {
	style := severityStyle(f.Severity)
	if f.Waived() {
		style = dim
	}
	parts := []string{t.paint(style, oneLine(severityWord(f))), oneLine(f.Rule)}
	if loc := f.Location.String(); loc != "" {
		parts = append(parts, oneLine(loc))
	}
	parts = append(parts, oneLine(f.Message))
	fmt.Fprintf(t, "  %s\n", strings.Join(parts, "  "))
	if f.Waiver != nil {
		fmt.Fprintf(t, "    waiver: %s\n", oneLine(waiverLine(f.Waiver)))
	}
	if f.Remediation != "" && !f.Waived() {
		fmt.Fprintf(t, "    fix: %s\n", oneLine(f.Remediation))
	}
	if len(f.Requirements) > 0 {
		fmt.Fprintf(t, "    requirements: %s\n", oneLine(strings.Join(f.Requirements, ", ")))
	}
}

func (t *textWriter) checks(r *Report) {
	if len(r.Checks) == 0 {
		return
	}
	t.Builder.WriteString("\nChecks:\n")
	rows := [][]string{{"STATUS", "CHECK", "FINDINGS", "SUMMARY"}}
	for _, c := range r.Checks {
		summary := c.Summary
		if c.Status == Errored && c.Error != "" {
			summary = "could not run: " + c.Error
		}
		rows = append(rows, []string{string(c.Status), c.ID, strconv.Itoa(c.Findings), summary})
	}
	t.table(rows, true)
}

func (t *textWriter) conformance(c Conformance, verbose bool) {
	fmt.Fprintf(t, "\n%s\n", conformanceLine(c))
	var rows [][]string
	for _, q := range c.Requirements {
		if !verbose && q.Status != Failed {
			continue
		}
		note := ""
		switch {
		case q.Why != "":
			note = "(" + q.Why + ")"
		case len(q.Checks) > 0:
			note = "(checks: " + strings.Join(q.Checks, ", ") + ")"
		}
		rows = append(rows, []string{string(q.Status), q.ID, q.Level, q.Statement + " " + note})
	}
	t.table(rows, false)
}

// table writes aligned columns, two spaces apart, the first column styled
// by status. Widths are measured on the plain text so colour codes do not
// skew the alignment.
func (t *textWriter) table(rows [][]string, header bool) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(oneLine(cell)))
		}
	}
	for n, row := range rows {
		var line strings.Builder
		line.WriteString("  ")
		for i, cell := range row {
			cell = oneLine(cell)
			switch {
			case header && n == 0:
				line.WriteString(t.paint(bold, cell))
			case i == 0:
				line.WriteString(t.paint(statusStyle(cell), cell))
			default:
				line.WriteString(cell)
			}
			if i < len(row)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell)+2))
			}
		}
		t.Builder.WriteString(strings.TrimRight(line.String(), " "))
		t.Builder.WriteString("\n")
	}
}
