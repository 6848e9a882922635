// Package check holds the probes of the gate: each check answers one
// question of the process ("does every commit reference a change request?")
// over the collected facts and returns findings. Checks never decide the
// gate; the policy of a profile does. One file per check.
package check

import (
	"context"
	"sort"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
)

// Check is one question of the process.
type Check interface {
	// ID is stable; profiles and reports name the check by it.
	ID() string
	Title() string
	// Requirements are the process catalog IDs the check evidences.
	Requirements() []string
	// Rules describes every rule the check's findings may carry.
	Rules() []Rule
	// NeedsFiles reports whether the check needs each commit's changed
	// paths under model m (reading them costs a diff per commit).
	NeedsFiles(m *model.Model) bool
	// Run answers the question. An error means the question could not be
	// answered (an unreachable tracker, an unreadable export): the gate
	// stops with exit code 2 rather than guess.
	Run(ctx context.Context, f *collect.Facts) (Outcome, error)
}

// Rule is the general meaning of one rule: what it finds and what to do.
type Rule struct {
	ID      string
	Summary string
	Help    string
}

// Outcome is what a check found.
type Outcome struct {
	Findings []finding.Finding
	// Summary says what was looked at, for the report.
	Summary string
	// Skipped is set when there was nothing to check.
	Skipped bool
}

// All returns every check, in the order reports list them.
func All() []Check {
	return []Check{
		ChangeManagement{},
		CodeReview{},
		SecurityArchitects{},
		ThreatTests{}, ThreatFreshness{},
		ThreatModel{}, ThreatTreatment{},
		StaticAnalysis{},
		Complexity{},
		KconfigHardening{}, KconfigProtection{"EP-1"}, KconfigProtection{"EP-2"}, KconfigDefaults{}, KconfigUnused{}, KconfigHygiene{},
	}
}

// IDs lists the ids of All, sorted.
func IDs() []string {
	var ids []string
	for _, c := range All() {
		ids = append(ids, c.ID())
	}
	sort.Strings(ids)
	return ids
}

// Requirements maps each check id to the requirement ids it evidences.
func Requirements() map[string][]string {
	m := map[string][]string{}
	for _, c := range All() {
		m[c.ID()] = c.Requirements()
	}
	return m
}
