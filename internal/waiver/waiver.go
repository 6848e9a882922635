// Package waiver keeps the central record of static-analysis waivers that the
// Security Overview asks for ("Waivers shall be documented centrally and in
// the form of a comment inside the source code itself"): the registry file
// (security/waivers.yaml by default) with its validation rules, the matching
// of analyzer results to waivers, and the scanner of in-source waiver
// comments, so the gate can cross-check the two records against each other
// and against the results of the current analysis.
package waiver

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/assure-dev/assure/internal/model"
)

// DefaultPath is where the registry lives when the model names none.
const DefaultPath = "security/waivers.yaml"

// Status is where a waiver is in its review.
type Status string

const (
	UnderReview Status = "under-review"
	Accepted    Status = "accepted"
	Rejected    Status = "rejected"
)

// Statuses lists the valid statuses, in the order of a waiver's life.
func Statuses() []Status { return []Status{UnderReview, Accepted, Rejected} }

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == UnderReview || s == Accepted || s == Rejected }

// Category says why a finding is waived.
type Category string

const (
	// FalsePositive: the analyzer is wrong about the code.
	FalsePositive Category = "false-positive"
	// NotAnIssue: the analyzer is right about the pattern, but here it does
	// no harm (intended, unreachable, test-only). Closing a finding as a
	// non-issue needs a second security reviewer (SA-1, SA-2).
	NotAnIssue Category = "not-an-issue"
	// AcceptedRisk: a real weakness the project accepts, usually until an
	// expiry date.
	AcceptedRisk Category = "accepted-risk"
	// Mitigated: a real weakness made harmless elsewhere (a check in the
	// caller, a hardware protection); the reason says where.
	Mitigated Category = "mitigated"
)

// Categories lists the valid categories.
func Categories() []Category { return []Category{FalsePositive, NotAnIssue, AcceptedRisk, Mitigated} }

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, x := range Categories() {
		if c == x {
			return true
		}
	}
	return false
}

// Approvers is how many independent security reviewers a waiver of this
// category needs.
func (c Category) Approvers() int {
	if c == NotAnIssue {
		return 2
	}
	return 1
}

// Approval is one security reviewer's agreement.
type Approval struct {
	// Person is a person of the model, by id (or e-mail).
	Person string
	// Date is YYYY-MM-DD.
	Date string
	Pos  model.Pos
}

// Waiver is one entry of the registry: which result it covers, the record
// the process asks for, and its review.
type Waiver struct {
	ID     string
	Status Status
	// What it matches: a result of Tool for Rule in File with our
	// Fingerprint (internal/analysis), which survives the code moving.
	Tool        string
	Rule        string
	File        string
	Fingerprint string
	// Line is where the result was when the waiver was written; for people
	// reading the registry, not for matching.
	Line int
	// The record of the analysis (SA-8, SA-9, SA-10).
	ToolVersion  string
	AnalysisDate string
	Branch       string
	// Revision is the parent revision the analysis ran on.
	Revision string
	// Why (SA-11).
	Category Category
	Reason   string
	// Author of the waived code (SA-12): a person id of the model, or an
	// e-mail when the author is not in the model.
	Author string
	// Approvers (SA-13).
	Approvers []Approval
	// Expires is YYYY-MM-DD, or empty for no expiry.
	Expires string

	// Pos is where the entry starts; fields maps a field name to where its
	// value was written.
	Pos    model.Pos
	fields map[string]model.Pos
}

// At returns where field was written, or where the entry starts.
func (w *Waiver) At(field string) model.Pos {
	if p, ok := w.fields[field]; ok {
		return p
	}
	return w.Pos
}

// Registry is the central record of waivers.
type Registry struct {
	// File is the registry's path relative to the repository root.
	File    string
	Version int
	// NextID is the number the next waiver gets. It only grows, so a
	// deleted waiver's id is never issued again.
	NextID int
	// Retired lists ids of waivers that were deleted, for the record.
	Retired []string
	Waivers []Waiver
	// Header is the comment block the file starts with, kept when the
	// commands rewrite the file.
	Header string

	nextIDPos model.Pos
	retired   map[string]model.Pos
}

// Get returns the waiver with id, or nil.
func (r *Registry) Get(id string) *Waiver {
	for i := range r.Waivers {
		if r.Waivers[i].ID == id {
			return &r.Waivers[i]
		}
	}
	return nil
}

var idPattern = regexp.MustCompile(`^W-[0-9]{4,9}$`)

// ValidID reports whether id has the form W-0042.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// IDNumber is the number of an id ("W-0042" → 42), or -1.
func IDNumber(id string) int {
	if !ValidID(id) {
		return -1
	}
	n, err := strconv.Atoi(id[2:])
	if err != nil {
		return -1
	}
	return n
}

// FormatID is the id of number n: 42 → "W-0042".
func FormatID(n int) string { return fmt.Sprintf("W-%04d", n) }

// Issue returns the next id and advances NextID past it and past every id
// already in the registry or retired, so no id is ever issued twice.
func (r *Registry) Issue() string {
	n := max(r.NextID, 1)
	for _, w := range r.Waivers {
		n = max(n, IDNumber(w.ID)+1)
	}
	for _, id := range r.Retired {
		n = max(n, IDNumber(id)+1)
	}
	r.NextID = n + 1
	return FormatID(n)
}
