// Package finding defines what every check returns: a finding names the rule
// that failed, the requirements of the process catalog it evidences, where the
// problem is and what to do about it. Reports, policy and the server all speak
// in findings, so this package depends on nothing else in assure.
package finding

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
)

// Severity orders how serious a finding is; the policy of a profile decides
// which severities fail the gate.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Note    Severity = "note"
)

// Rank gives a number for sorting: more serious first.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	default:
		return 2
	}
}

// Valid reports whether s is one of the known severities.
func (s Severity) Valid() bool { return s == Error || s == Warning || s == Note }

// Location says where a finding is. A finding about history has a Commit; a
// finding about a file has File and Line (1-based); some have both.
type Location struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Commit string `json:"commit,omitempty"`
}

func (l Location) String() string {
	var b strings.Builder
	if l.File != "" {
		b.WriteString(l.File)
		if l.Line > 0 {
			b.WriteString(":")
			b.WriteString(strconv.Itoa(l.Line))
			if l.Column > 0 {
				b.WriteString(":")
				b.WriteString(strconv.Itoa(l.Column))
			}
		}
	}
	if l.Commit != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString("commit ")
		b.WriteString(short(l.Commit))
	}
	return b.String()
}

func short(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

// Finding is one violation of one rule at one place.
type Finding struct {
	// ID is a stable fingerprint: the same problem at the same place has the
	// same ID in every run, so reports diff cleanly and waivers can name it.
	ID           string   `json:"id"`
	Rule         string   `json:"rule"`
	Check        string   `json:"check"`
	Requirements []string `json:"requirements"`
	Severity     Severity `json:"severity"`
	Location     Location `json:"location"`
	Message      string   `json:"message"`
	Remediation  string   `json:"remediation,omitempty"`
	// Waiver, when set, is the waiver record that covers the finding.
	Waiver *Waiver `json:"waiver,omitempty"`
}

// Fingerprint computes a stable ID from the rule and the parts that identify
// the problem. Callers pass the parts that make two findings different (a
// commit id, a path, a person); the message is deliberately not part of it so
// rewording a message does not change ids.
func Fingerprint(rule string, parts ...string) string {
	h := sha256.New()
	h.Write([]byte(rule))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return "F-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// Sort puts findings in the one order every report uses: by severity, check,
// rule, file, line, commit, then ID, so output never depends on map or goroutine
// order.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, compare)
}

func compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Severity.Rank(), b.Severity.Rank()),
		strings.Compare(a.Check, b.Check),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Location.File, b.Location.File),
		cmp.Compare(a.Location.Line, b.Location.Line),
		strings.Compare(a.Location.Commit, b.Location.Commit),
		strings.Compare(a.ID, b.ID),
	)
}
