package process

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// specPath is the Security Overview outside the repository. The test reads
// it when present to check the copy below; the copy is what every run checks.
const specPath = "../../../shared/spec/security-overview.txt"

// specHeadings are the headings of the Security Overview in document order,
// copied from the spec, as paths.
var specHeadings = []string{
	"Introduction",
	"Introduction > Overview and Scope",
	"Introduction > Intended Audience",
	"Introduction > Nomenclature",
	"Introduction > Security Document Update",
	"Current Security Definition",
	"Current Security Definition > Security Functionality",
	"Current Security Definition > Quality Assurance",
	"Current Security Definition > Execution Protection",
	"Current Security Definition > System Level Security (Ecosystem, …)",
	"Secure Development Process",
	"Secure Development Process > System Architecture",
	"Secure Development Process > Secure Coding",
	"Secure Development Process > Quality Assurance",
	"Secure Development Process > Release and Lifecycle Management",
	"Secure Design",
	"Secure Design > Security Architecture",
	"Secure Design > Security Vulnerability Reporting",
	"Secure Design > Threat Modeling and Mitigation",
	"Secure Design > Vulnerability Analyses",
	"Security Certification",
	"Security Certification > Generic Certification Process",
	"Security Certification > Certification Options",
}

// specTopics are the leading terms of bulleted items, per heading, that a
// section may name as its last element. Each occurs in a bullet ("- ...")
// directly under that heading.
var specTopics = map[string][]string{
	"Introduction > Overview and Scope":                  {"Secure Development", "Secure Design", "Security Certification"},
	"Current Security Definition > Execution Protection": {"Memory separation", "Stack protection", "Thread separation"},
	"Secure Development Process > Secure Coding": {
		"Open design", "Economy of mechanism", "Complete mediation", "Fail-safe defaults",
		"Separation of privilege", "Least privilege", "Least common mechanism", "Psychological acceptability",
		"Complementary Security/Defense in Depth", "Less commonly used services off by default", "Change management",
	},
	"Secure Development Process > Quality Assurance": {
		"Coding Conventions", "Deployment Guidelines", "Code Reviews", "Static Code Analysis",
		"Complexity Analyses", "Automation",
	},
	"Secure Development Process > Release and Lifecycle Management": {
		"Device management", "Lifecycle management", "Release management", "Rights management and NDAs",
	},
	"Secure Design":                          {"Secure Development Coding", "Security Reviews", "Security Issue Management"},
	"Secure Design > Vulnerability Analyses": {"Penetration testing", "Side channel attacks", "Fuzzing tests"},
}

// validSection reports whether s is a heading path, or a heading path and a
// bullet topic under it.
func validSection(s string) bool {
	if slices.Contains(specHeadings, s) {
		return true
	}
	i := strings.LastIndex(s, " > ")
	return i > 0 && slices.Contains(specHeadings, s[:i]) && slices.Contains(specTopics[s[:i]], s[i+3:])
}

func TestSectionsExistInSpec(t *testing.T) {
	for _, r := range embeddedCatalog(t).All() {
		if !validSection(r.Section) {
			t.Errorf("%s: section %q is not a heading path of the spec (see specHeadings and specTopics)", r.ID, r.Section)
		}
	}
}

func TestValidSection(t *testing.T) {
	tests := []struct {
		section string
		want    bool
	}{
		{"Secure Design", true},
		{"Secure Design > Security Reviews", true},
		{"Secure Development Process > Secure Coding > Change management", true},
		{"Secure Development Process > Quality Assurance > Code Reviews", true},
		{"Security Reviews", false},                                               // not top level
		{"Current Security Definition > Quality Assurance > Code Reviews", false}, // topic under the wrong heading
		{"Secure Design > Change management", false},
		{"Secure Development Process > Secure Coding > Nonexistent", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := validSection(tt.section); got != tt.want {
			t.Errorf("validSection(%q) = %v, want %v", tt.section, got, tt.want)
		}
	}
}

// TestHeadingCopyMatchesSpec checks the copied headings and topics against
// the spec when it is available: each heading is a line of its own, in
// order, and each topic starts or names a bullet under its heading.
func TestHeadingCopyMatchesSpec(t *testing.T) {
	data, err := os.ReadFile(specPath)
	if err != nil {
		t.Logf("spec not available (%v); the copied headings are checked by TestSectionsExistInSpec only", err)
		return
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	start := make([]int, len(specHeadings))
	pos := 0
	for i, h := range specHeadings {
		title := h
		if k := strings.LastIndex(h, " > "); k >= 0 {
			title = h[k+3:]
		}
		found := -1
		for j := pos; j < len(lines); j++ {
			if strings.TrimSpace(lines[j]) == title {
				found = j
				break
			}
		}
		if found < 0 {
			t.Fatalf("heading %q not found as a line after line %d of %s", h, pos+1, specPath)
		}
		start[i], pos = found, found+1
	}
	for i, h := range specHeadings {
		end := len(lines)
		if i+1 < len(specHeadings) {
			end = start[i+1]
		}
		// A heading's span ends at its first subheading, so bullets of a
		// subsection are not credited to the parent.
		for _, topic := range specTopics[h] {
			ok := false
			for _, l := range lines[start[i]+1 : end] {
				if strings.HasPrefix(l, "- ") && strings.Contains(l, topic) {
					ok = true
					break
				}
			}
			if !ok {
				t.Errorf("topic %q has no bullet under heading %q in %s", topic, h, specPath)
			}
		}
	}
	for h := range specTopics {
		if !slices.Contains(specHeadings, h) {
			t.Errorf("specTopics names %q, which is not in specHeadings", h)
		}
	}
}
