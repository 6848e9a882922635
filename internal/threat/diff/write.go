package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats of the diff.
var Formats = []string{"text", "markdown", "json"}

// Write renders the diff as text (for a terminal), markdown (for a pull
// request comment) or json.
func Write(w io.Writer, format string, d *Diff) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	case "markdown":
		return writeMarkdown(w, d)
	case "text", "":
		return writeText(w, d)
	}
	return fmt.Errorf("unknown format %q (hint: use %s)", format, strings.Join(Formats, ", "))
}

type part struct {
	name    string
	changes []Change
	mark    string
}

func parts(s Section) []part {
	return []part{{"weakened", s.Weakened, "!"}, {"removed", s.Removed, "-"}, {"added", s.Added, "+"}, {"improved", s.Improved, "^"}}
}

func writeText(w io.Writer, d *Diff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "threat model %s → %s\n", d.From, d.To)
	if d.Empty() {
		b.WriteString("no threat or countermeasure changed\n")
	}
	for _, sec := range []struct {
		name string
		s    Section
	}{{"threats", d.Threats}, {"countermeasures", d.Countermeasures}} {
		for _, p := range parts(sec.s) {
			if len(p.changes) == 0 {
				continue
			}
			fmt.Fprintf(&b, "\n%s %s (%d):\n", p.name, sec.name, len(p.changes))
			for _, c := range p.changes {
				fmt.Fprintf(&b, "  %s %s  %s", p.mark, c.ID, c.Title)
				if len(c.Reasons) > 0 {
					fmt.Fprintf(&b, "  [%s]", strings.Join(c.Reasons, "; "))
				}
				b.WriteString("\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func writeMarkdown(w io.Writer, d *Diff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Threat model: `%s` → `%s`\n\n", mdCell(d.From), mdCell(d.To))
	if d.Empty() {
		b.WriteString("No threat or countermeasure changed.\n")
	}
	for _, sec := range []struct {
		name string
		s    Section
	}{{"Threats", d.Threats}, {"Countermeasures", d.Countermeasures}} {
		var rows []string
		for _, p := range parts(sec.s) {
			for _, c := range p.changes {
				rows = append(rows, fmt.Sprintf("| %s | `%s` | %s | %s |", p.name, mdCell(c.ID), mdCell(c.Title), mdCell(strings.Join(c.Reasons, "; "))))
			}
		}
		if len(rows) == 0 {
			continue
		}
		fmt.Fprintf(&b, "### %s\n\n| change | id | title | what |\n| --- | --- | --- | --- |\n%s\n\n", sec.name, strings.Join(rows, "\n"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
