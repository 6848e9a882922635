package process

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the formats Render accepts.
var Formats = []string{"text", "json", "markdown"}

// Render writes the catalog for `assure process` in format text, json or
// markdown. checkReqs (check id -> requirement ids) names the checks that
// evidence each automated requirement.
func Render(w io.Writer, format string, c *Catalog, checkReqs map[string][]string) error {
	by := checksByRequirement(checkReqs)
	switch format {
	case "text":
		return renderText(w, c, by, c.Coverage(checkReqs))
	case "json":
		return renderJSON(w, c, by)
	case "markdown":
		return renderMarkdown(w, c, by, c.Coverage(checkReqs))
	default:
		return fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats, ", "))
	}
}

// detail is the second line of an entry: the checks for an automated
// requirement, what to attest or what is planned for the others.
func detail(r Requirement, checks []string) string {
	if r.Method != Automated {
		return "evidence: " + r.Evidence
	}
	if len(checks) == 0 {
		return "checks: none (no check evidences it)"
	}
	return "checks: " + strings.Join(checks, ", ")
}

// summary is the coverage line every rendering ends with.
func summary(cov Coverage) string {
	return fmt.Sprintf("%d requirements: %d automated, %d attested, %d not covered",
		cov.Total, cov.Automated, cov.Attested, cov.NotCovered)
}

func renderText(w io.Writer, c *Catalog, by map[string][]string, cov Coverage) error {
	// bufio keeps the first write error and Flush returns it, so the
	// writes below need no checks of their own.
	bw := bufio.NewWriter(w)
	idw := 0
	for _, r := range c.reqs {
		idw = max(idw, len(r.ID))
	}
	const levelW, methodW = 6, 11
	indent := strings.Repeat(" ", 2+idw+2+levelW+2+methodW+2)
	for i, group := range c.bySection() {
		if i > 0 {
			fmt.Fprint(bw, "\n")
		}
		fmt.Fprintln(bw, group[0].Section)
		for _, r := range group {
			fmt.Fprintf(bw, "  %-*s  %-*s  %-*s  %s\n", idw, r.ID, levelW, r.Level, methodW, r.Method, r.Statement)
			fmt.Fprintf(bw, "%s%s\n", indent, detail(r, by[r.ID]))
		}
	}
	fmt.Fprint(bw, "\n")
	for _, l := range cov.Levels {
		fmt.Fprintf(bw, "%-*s %3d: %d automated, %d attested, %d not covered\n",
			levelW, l.Level, l.Total, l.Automated, l.Attested, l.NotCovered)
	}
	fmt.Fprintln(bw, summary(cov))
	return bw.Flush()
}

// jsonRequirement is a catalog entry with the checks that evidence it.
type jsonRequirement struct {
	Requirement
	Checks []string `json:"checks"`
}

func renderJSON(w io.Writer, c *Catalog, by map[string][]string) error {
	out := make([]jsonRequirement, len(c.reqs))
	for i, r := range c.reqs {
		checks := by[r.ID]
		if checks == nil {
			checks = []string{}
		}
		out[i] = jsonRequirement{Requirement: r, Checks: checks}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Sections contain ">", which must stay readable.
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func renderMarkdown(w io.Writer, c *Catalog, by map[string][]string, cov Coverage) error {
	bw := bufio.NewWriter(w) // Flush returns the first write error
	fmt.Fprint(bw, "# Process catalog\n")
	for _, group := range c.bySection() {
		fmt.Fprintf(bw, "\n## %s\n\n", mdCell(group[0].Section))
		fmt.Fprint(bw, "| ID | Level | Method | Requirement | Evidence |\n")
		fmt.Fprint(bw, "|----|-------|--------|-------------|----------|\n")
		for _, r := range group {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n",
				r.ID, r.Level, r.Method, mdCell(r.Statement), mdCell(mdDetail(r, by[r.ID])))
		}
	}
	fmt.Fprintf(bw, "\n%s\n", summary(cov))
	return bw.Flush()
}

func mdDetail(r Requirement, checks []string) string {
	if r.Method != Automated {
		return r.Evidence
	}
	if len(checks) == 0 {
		return "checks: none (no check evidences it)"
	}
	return "checks: `" + strings.Join(checks, "`, `") + "`"
}

// mdCell keeps a value inside its table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}
