package model

import "sort"

// Built-in profiles: pr gates every change, release gates a release.
const (
	ProfilePR      = "pr"
	ProfileRelease = "release"
)

// Defaults the process implies when the model says nothing.
const (
	DefaultFailOn           = "error"
	DefaultMinApprovals     = 1
	DefaultMerges           = "skip"
	DefaultReverts          = "skip-if-references-commit"
	DefaultUnknownReviewers = "reject"
)

// DefaultTrailers are the commit trailers that count as an approval.
func DefaultTrailers() []string { return []string{"Reviewed-by", "Acked-by", "Approved-by"} }

// Profile returns the named profile with defaults applied. A profile the
// model does not configure (the built-in pr and release, or any other
// name) runs every check and fails on errors.
func (m *Model) Profile(name string) Profile {
	p := m.Policy.Profiles[name]
	p.Checks = append([]string(nil), p.Checks...)
	if len(p.Checks) == 0 {
		p.Checks = nil
	}
	if p.FailOn == "" {
		p.FailOn = DefaultFailOn
	}
	return p
}

// HasProfile reports whether name is built in or configured, so a caller
// can reject a misspelt --profile instead of silently using defaults.
func (m *Model) HasProfile(name string) bool {
	if name == ProfilePR || name == ProfileRelease {
		return true
	}
	_, ok := m.Policy.Profiles[name]
	return ok
}

// ProfileNames lists the built-in and configured profiles, sorted.
func (m *Model) ProfileNames() []string {
	set := map[string]bool{ProfilePR: true, ProfileRelease: true}
	for n := range m.Policy.Profiles {
		set[n] = true
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ChangeManagement returns the change-management policy with defaults.
func (m *Model) ChangeManagement() ChangeManagement { return m.Policy.ChangeManagement.WithDefaults() }

// CodeReview returns the code-review policy with defaults.
func (m *Model) CodeReview() CodeReview { return m.Policy.CodeReview.WithDefaults() }

// WithDefaults fills what the model left out. Patterns stay empty: the
// built-in patterns belong to the package that parses references. The
// result shares no slices with c.
func (c ChangeManagement) WithDefaults() ChangeManagement {
	c.Patterns = append([]string(nil), c.Patterns...)
	c.Bots = append([]string(nil), c.Bots...)
	if c.Merges == "" {
		c.Merges = DefaultMerges
	}
	if c.Reverts == "" {
		c.Reverts = DefaultReverts
	}
	return c
}

// WithDefaults fills what the model left out. MinApprovals 0 means "not
// set" (the field cannot tell the two apart) and becomes 1: the process
// requires at least one independent reviewer. The result shares no slices
// with c.
func (c CodeReview) WithDefaults() CodeReview {
	c.Trailers = append([]string(nil), c.Trailers...)
	c.Reviews = append([]string(nil), c.Reviews...)
	c.Bots = append([]string(nil), c.Bots...)
	if c.MinApprovals == 0 {
		c.MinApprovals = DefaultMinApprovals
	}
	if len(c.Trailers) == 0 {
		c.Trailers = DefaultTrailers()
	}
	if c.UnknownReviewers == "" {
		c.UnknownReviewers = DefaultUnknownReviewers
	}
	if c.Merges == "" {
		c.Merges = DefaultMerges
	}
	return c
}
