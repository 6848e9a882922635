package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/finding"
)

// commentLimit is GitHub's maximum size of an issue or pull-request comment
// (65,536 characters). Sizes here are measured in bytes, which are never
// fewer than characters, so staying under it in bytes is always safe.
const commentLimit = 65536

// Markdown writes the report as a pull-request comment: the verdict as the
// heading, a table of checks, a table of findings and the conformance
// summary folded in a details block. Tables are cut, with a note saying how
// much was left out, so the comment always fits GitHub's size limit.
func Markdown(w io.Writer, r *Report) error {
	_, err := io.WriteString(w, markdown(r, commentLimit))
	return err
}

func markdown(r *Report, limit int) string {
	fs := sortedFindings(r)
	head := mdHead(r, fs)
	// The conformance block is bounded by the catalog; it gets at most a
	// quarter of the comment so findings, the actionable part, keep the rest.
	tail := mdConformance(r.Conformance, limit/4)
	findings := mdFindings(fs, limit-len(head)-len(tail))
	return head + findings + tail
}

func mdHead(r *Report, fs []finding.Finding) string {
	var b strings.Builder
	word := "passed"
	if failed(r) {
		word = "FAILED"
	}
	fmt.Fprintf(&b, "## assure gate %s (profile %s)\n\n", word, mdCode(r.Profile))
	facts := []string{}
	if r.Subject.Range != "" {
		facts = append(facts, "Range "+mdCode(r.Subject.Range))
	}
	if r.Subject.Head != "" {
		facts = append(facts, "head "+mdCode(shortHash(r.Subject.Head)))
	}
	facts = append(facts, plural(r.Subject.Commits, "commit"))
	if parts := countFindings(fs).parts(); len(parts) > 0 {
		facts = append(facts, strings.Join(parts, ", "))
	} else {
		facts = append(facts, "no findings")
	}
	if r.Tool.Version != "" {
		facts = append(facts, "assure "+mdEscape(r.Tool.Version))
	}
	b.WriteString(strings.Join(facts, " · ") + "\n")
	if len(r.Checks) > 0 {
		b.WriteString("\n### Checks\n\n| Status | Check | Findings | Summary |\n| --- | --- | ---: | --- |\n")
		for _, c := range r.Checks {
			summary := c.Summary
			if c.Status == Errored && c.Error != "" {
				summary = "could not run: " + c.Error
			}
			check := mdCode(c.ID)
			if c.Title != "" {
				check += " " + mdEscape(c.Title)
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %s |\n", mdStatus(string(c.Status)), check, c.Findings, mdEscape(summary))
		}
	}
	return b.String()
}

// mdStatus renders a status word, bold when it needs attention.
func mdStatus(s string) string {
	switch Status(s) {
	case Fail, Errored:
		return "**" + s + "**"
	}
	if ReqStatus(s) == Failed {
		return "**" + s + "**"
	}
	return s
}

// mdFindings renders the findings table within budget bytes; rows that do
// not fit are counted in a note pointing at the full report.
func mdFindings(fs []finding.Finding, budget int) string {
	if len(fs) == 0 {
		return ""
	}
	head := "\n### Findings\n\n| Severity | Rule | Location | Message | Fix | Requirements |\n| --- | --- | --- | --- | --- | --- |\n"
	rows := make([]string, len(fs))
	for i, f := range fs {
		loc := ""
		if s := f.Location.String(); s != "" {
			loc = mdCode(s)
		}
		msg, fix := mdEscape(f.Message), mdEscape(f.Remediation)
		if f.Waiver != nil {
			msg += "<br>waiver " + mdEscape(waiverLine(f.Waiver))
		}
		if f.Waived() {
			fix = ""
		}
		rows[i] = fmt.Sprintf("| %s | %s | %s | %s | %s | %s |\n", mdStatus(severityWord(f)), mdCode(f.Rule), loc,
			msg, fix, mdEscape(strings.Join(f.Requirements, ", ")))
	}
	return head + fitRows(rows, budget-len(head), "findings")
}

func mdConformance(c Conformance, budget int) string {
	head := "\n<details>\n<summary>" + conformanceLine(c) + "</summary>\n\n"
	end := "\n</details>\n"
	if len(c.Requirements) == 0 {
		return head + "No requirements in this run.\n" + end
	}
	head += "| Status | Requirement | Level | Statement | Evidence |\n| --- | --- | --- | --- | --- |\n"
	rows := make([]string, len(c.Requirements))
	for i, q := range c.Requirements {
		evidence := q.Why
		if evidence == "" && len(q.Checks) > 0 {
			evidence = "checks: " + strings.Join(q.Checks, ", ")
		}
		rows[i] = fmt.Sprintf("| %s | %s | %s | %s | %s |\n", mdStatus(string(q.Status)), mdCode(q.ID),
			mdEscape(q.Level), mdEscape(q.Statement), mdEscape(evidence))
	}
	return head + fitRows(rows, budget-len(head)-len(end), "requirements") + end
}

// fitRows keeps as many rows as fit in budget bytes, reserving room for the
// note that says how many were left out.
func fitRows(rows []string, budget int, what string) string {
	total := 0
	for _, r := range rows {
		total += len(r)
	}
	if total <= budget {
		return strings.Join(rows, "")
	}
	note := func(n int) string {
		return "\n_" + strconv.Itoa(n) + " more " + what + " in the full report._\n"
	}
	var b strings.Builder
	kept := 0
	for _, r := range rows {
		if b.Len()+len(r)+len(note(len(rows)-kept-1)) > budget {
			break
		}
		b.WriteString(r)
		kept++
	}
	b.WriteString(note(len(rows) - kept))
	return b.String()
}

// mdEscape makes text safe inside a table cell: Markdown punctuation is
// backslash-escaped so a message cannot become a link, image or HTML, and
// line breaks become <br> so a cell never ends the row.
func mdEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\r':
		case c == '\n':
			b.WriteString("<br>")
		case strings.ContainsRune("\\`*_{}[]()<>#+!|~&", c):
			b.WriteByte('\\')
			b.WriteRune(c)
		case c < ' ' || c == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// mdCode renders s as inline code. Pipes still need escaping inside a table
// (GitHub splits cells before parsing code spans); text with a backtick is
// escaped as plain text instead, since it cannot be fenced simply.
func mdCode(s string) string {
	s = oneLine(s)
	if s == "" {
		return ""
	}
	if strings.Contains(s, "`") {
		return mdEscape(s)
	}
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}
