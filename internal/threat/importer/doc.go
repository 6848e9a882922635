// Package importer brings threat models written for other tools — Threagile
// YAML and OWASP Threat Dragon v2 JSON — into assure's threat model format,
// and says exactly what could not be carried over: a silent loss in an
// import is a threat nobody looks at any more.
//
// The output is one threat model file (security/threats/<name>.yaml) that
// loads as it is; what the source format lacks but assure requires (a CVSS
// vector for a threat written by hand) is approximated, marked in the file
// with a comment and listed in the report.
package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Result is an imported threat model file and what did not survive.
type Result struct {
	// YAML is the threat model file.
	YAML []byte
	// Lost lists what could not be carried over, one line each, sorted.
	Lost []string
	// Approximated lists what was carried over in a weaker or guessed form.
	Approximated []string
	// Counts of what was carried over, for the summary line.
	Assets, Elements, Flows, Boundaries, Threats int
}

// Summary is one line saying what was imported.
func (r *Result) Summary() string {
	return fmt.Sprintf("%d assets, %d elements, %d data flows, %d trust boundaries, %d threats imported; %d items not carried over, %d approximated",
		r.Assets, r.Elements, r.Flows, r.Boundaries, r.Threats, len(r.Lost), len(r.Approximated))
}

// notes collects what an import loses and approximates, deduplicated.
type notes struct {
	lost, approx map[string]bool
}

func newNotes() *notes { return &notes{lost: map[string]bool{}, approx: map[string]bool{}} }

func (n *notes) lose(format string, a ...any)    { n.lost[fmt.Sprintf(format, a...)] = true }
func (n *notes) approxf(format string, a ...any) { n.approx[fmt.Sprintf(format, a...)] = true }

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var nonID = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// ids makes readable, unique ids from names: "Web Server #2" → web-server-2.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) make(name, fallback string) string {
	base := strings.Trim(nonID.ReplaceAllString(strings.ToLower(strings.TrimSpace(name)), "-"), "-._")
	if base == "" {
		base = fallback
	}
	id := base
	for n := 2; s.used[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	s.used[id] = true
	return id
}

// reserve keeps an id the source already gives (when it is valid).
func (s *ids) reserve(id string) (string, bool) {
	if id == "" || nonID.MatchString(id) || !isAlnum(id[0]) || s.used[id] {
		return "", false
	}
	s.used[id] = true
	return id, true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// severityVector is a representative CVSS v3.1 vector for a tool's coarse
// severity, used only because assure requires a vector on a threat
// written by hand; every use is marked for review.
func severityVector(sev string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(sev)) {
	case "critical":
		return "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", true // 9.8
	case "high", "very-high":
		return "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", true // 7.5
	case "elevated", "medium":
		return "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", true // 5.9
	case "low":
		return "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N", true // 2.6
	}
	return "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", false
}

// strideOf maps the category names the tools write to assure's.
func strideOf(s string) string {
	k := strings.ToLower(strings.NewReplacer(" ", "", "-", "", "_", "").Replace(s))
	switch k {
	case "spoofing":
		return "spoofing"
	case "tampering":
		return "tampering"
	case "repudiation":
		return "repudiation"
	case "informationdisclosure":
		return "information-disclosure"
	case "denialofservice":
		return "denial-of-service"
	case "elevationofprivilege":
		return "elevation-of-privilege"
	}
	return ""
}
