package advisory

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/vuln"
)

// Markdown renders the vulnerabilities page, in the style of Zephyr's
// "Vulnerabilities" page: public reports only (whatever else it is given),
// grouped by the year of their CVE, newest first, each with its
// description, severity, the releases that ship the fix and the fix
// references per branch. Text from reports is escaped so it cannot inject
// HTML or headings into the page.
func Markdown(reports []*vuln.Report, cfg vuln.Config, project string) []byte {
	cfg = cfg.Defaults()
	if project == "" {
		project = cfg.Prefix
	}
	var pub []*vuln.Report
	for _, r := range reports {
		if r.State == vuln.StatePublic {
			pub = append(pub, r)
		}
	}
	slices.SortFunc(pub, func(a, b *vuln.Report) int { return compareCVE(b, a) })
	var out bytes.Buffer
	fmt.Fprintf(&out, "# Vulnerabilities\n\nThis page lists the security vulnerabilities of %s that have been made public, newest first.\n", escape(project))
	if len(pub) == 0 {
		out.WriteString("\nNo vulnerability has been published.\n")
		return out.Bytes()
	}
	year := ""
	for _, r := range pub {
		id, y := r.CVE, cveYear(r.CVE)
		if id == "" {
			id, y = r.Key(cfg.Prefix), "Without CVE"
		}
		if y != year {
			fmt.Fprintf(&out, "\n## %s\n", y)
			year = y
		}
		fmt.Fprintf(&out, "\n### %s\n\n%s\n\n", id, escape(r.Title))
		for _, p := range strings.Split(strings.TrimSpace(r.Description), "\n\n") {
			fmt.Fprintf(&out, "%s\n\n", escape(p))
		}
		fmt.Fprintf(&out, "- Advisory: %s\n", r.Key(cfg.Prefix))
		if r.CVSS != nil {
			fmt.Fprintf(&out, "- Severity: %s (CVSS %.1f, `%s`)\n", strings.ToLower(r.CVSS.Severity), r.CVSS.Score, r.CVSS.Vector)
		}
		if len(r.Modules) > 0 {
			fmt.Fprintf(&out, "- Affected modules: %s\n", strings.Join(r.Modules, ", "))
		}
		if len(r.Releases) > 0 {
			fmt.Fprintf(&out, "- Affected releases: %s\n", strings.Join(r.Releases, ", "))
		}
		var fixedIn []string
		for _, b := range r.Backports {
			if b.Status == vuln.BackportFixed {
				fixedIn = append(fixedIn, fmt.Sprintf("%s (%s)", b.FixedIn, b.Branch))
			}
		}
		if len(fixedIn) > 0 {
			fmt.Fprintf(&out, "- Fixed in: %s\n", strings.Join(fixedIn, ", "))
		}
		if r.Workaround != "" {
			fmt.Fprintf(&out, "- Workaround: %s\n", escape(strings.ReplaceAll(r.Workaround, "\n", " ")))
		}
		if len(r.Fixes) > 0 {
			out.WriteString("- Fixes:\n")
			for _, f := range sortedFixes(r.Fixes) {
				what := fmt.Sprintf("%s %s", map[vuln.FixKind]string{vuln.FixCommit: "commit", vuln.FixPull: "PR"}[f.Kind], f.Ref)
				if u := fixURL(cfg, f); u != "" {
					what = fmt.Sprintf("[%s](%s)", what, u)
				}
				fmt.Fprintf(&out, "  - %s for %s\n", what, f.Branch)
			}
		}
	}
	return out.Bytes()
}

// compareCVE orders by CVE year and number, reports without a CVE last, then
// by report id: a stable order that does not depend on the input's.
func compareCVE(a, b *vuln.Report) int {
	ka, kb := cveKey(a.CVE), cveKey(b.CVE)
	for i := range ka {
		if ka[i] != kb[i] {
			if ka[i] < kb[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return 0
}

func cveKey(id string) [2]int64 {
	p := strings.Split(id, "-")
	if len(p) != 3 {
		return [2]int64{-1, -1}
	}
	y, _ := strconv.ParseInt(p[1], 10, 64)
	n, _ := strconv.ParseInt(p[2], 10, 64)
	return [2]int64{y, n}
}

func cveYear(id string) string {
	if p := strings.Split(id, "-"); len(p) == 3 {
		return p[1]
	}
	return ""
}

// escape keeps report text as text: HTML and Markdown control characters at
// the start of lines are neutralised.
func escape(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if t != "" && strings.ContainsRune("#-*+=|`[", rune(t[0])) {
			lines[i] = strings.Repeat(" ", len(l)-len(t)) + `\` + t
		}
	}
	return strings.Join(lines, "\n")
}
