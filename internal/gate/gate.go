// Package gate runs one `assure check`: it loads the model, resolves the
// range, collects facts once, runs the checks of the profile, lets the
// policy decide and returns the report. It is the single place where the
// collect → check → policy → report flow is wired.
package gate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/check"
	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/gitlog"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/policy"
	"github.com/assure-dev/assure/internal/process"
	"github.com/assure-dev/assure/internal/report"
	"github.com/assure-dev/assure/internal/tracker"
)

// Options of one run.
type Options struct {
	// Root is the repository root; Display is how the report names it.
	Root    string
	Display string
	// ModelPath is the root model file relative to Root.
	ModelPath string
	Profile   string
	// Range selects history: "A..B", or a single revision meaning all
	// history reachable from it. Since is shorthand for Since..HEAD. All
	// checks the whole history. With none of them the model's
	// change_management.since baseline applies, else the whole history.
	Range string
	Since string
	All   bool
	// Checks, when set, restricts the run to these check ids.
	Checks      []string
	ReviewFiles []string
	// Server, when set, is an assure server (assure serve) that replaces
	// the model's tracker: change-request references are resolved against
	// it with the token in ASSURE_TOKEN (assure check --server URL).
	Server string
	// Getenv reads tracker tokens; nil means no environment.
	Getenv  func(string) string
	Version string
}

// InputError marks a problem with what the user gave us (exit code 2).
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(err error) error {
	if err == nil {
		return nil
	}
	return &InputError{err}
}

// LoadModel loads and validates the model with the check ids known.
func LoadModel(root, path string) (*model.Model, error) {
	return model.LoadWith(root, path, model.LoadOptions{KnownChecks: check.IDs()})
}

// Run performs the gate.
func Run(ctx context.Context, o Options) (*report.Report, error) {
	m, err := LoadModel(o.Root, o.ModelPath)
	if err != nil {
		return nil, inputErr(err)
	}
	if o.Profile == "" {
		o.Profile = "pr"
	}
	if !m.HasProfile(o.Profile) {
		return nil, inputErr(fmt.Errorf("unknown profile %q (hint: use one of %s, or define it under policy.profiles in %s)", o.Profile, strings.Join(m.ProfileNames(), ", "), o.ModelPath))
	}
	prof := m.Profile(o.Profile)
	rng, err := resolveRange(ctx, o, m)
	if err != nil {
		return nil, inputErr(err)
	}
	selected, notRun, err := selectChecks(o.Profile, prof, o.Checks)
	if err != nil {
		return nil, inputErr(err)
	}
	facts := &collect.Facts{Root: o.Root, Model: m, Range: rng, Profile: o.Profile, ReviewFiles: o.ReviewFiles}
	for _, c := range selected {
		if c.NeedsFiles(m) {
			facts.WantFiles = true
		}
		if c.ID() == (check.ChangeManagement{}).ID() {
			if facts.Tracker, err = newTracker(o, m); err != nil {
				return nil, inputErr(err)
			}
		}
	}

	var results []report.CheckResult
	var findings []finding.Finding
	var rules []report.Rule
	for _, c := range check.All() {
		res := report.CheckResult{ID: c.ID(), Title: c.Title(), Requirements: c.Requirements(), Status: report.Skipped}
		if reason, ok := notRun[c.ID()]; ok {
			res.Summary = strings.TrimPrefix(strings.TrimPrefix(reason, "is "), "was ")
			results = append(results, res)
			continue
		}
		out, err := c.Run(ctx, facts)
		if err != nil {
			return nil, inputErr(fmt.Errorf("check %s: %w", c.ID(), err))
		}
		for _, r := range c.Rules() {
			rules = append(rules, report.Rule{ID: r.ID, Check: c.ID(), Summary: r.Summary, Help: r.Help})
		}
		res.Summary = out.Summary
		if !out.Skipped || len(out.Findings) > 0 {
			res.Status = report.Pass
		}
		findings = append(findings, out.Findings...)
		results = append(results, res)
	}
	finding.Sort(findings)
	count, err := facts.CommitCount(ctx)
	if err != nil {
		return nil, inputErr(err)
	}
	checks, verdict, conf := policy.Decide(policy.Input{
		Profile: o.Profile, FailOn: finding.Severity(prof.FailOn), Checks: results, Findings: findings,
		Catalog: process.Load().All(), NotRun: notRun,
	})
	if findings == nil {
		findings = []finding.Finding{}
	}
	return &report.Report{
		Schema:      report.SchemaVersion,
		Tool:        report.Tool{Name: "assure", Version: o.Version, URI: "https://github.com/assure-dev/assure"},
		Profile:     o.Profile,
		Subject:     report.Subject{Repository: o.Display, Model: o.ModelPath, Range: rng.Display, Head: rng.Head, Commits: count},
		Verdict:     verdict,
		Checks:      checks,
		Rules:       rules,
		Findings:    findings,
		Conformance: conf,
	}, nil
}

// selectChecks returns the checks to run and, for the others, why not.
func selectChecks(name string, prof model.Profile, only []string) ([]check.Check, map[string]string, error) {
	want := map[string]bool{}
	for _, id := range prof.Checks {
		want[id] = true
	}
	known := map[string]bool{}
	for _, id := range check.IDs() {
		known[id] = true
	}
	restrict := map[string]bool{}
	for _, id := range only {
		if !known[id] {
			return nil, nil, fmt.Errorf("unknown check %q (hint: known checks: %s)", id, strings.Join(check.IDs(), ", "))
		}
		restrict[id] = true
	}
	var sel []check.Check
	skip := map[string]string{}
	for _, c := range check.All() {
		switch {
		case len(want) > 0 && !want[c.ID()]:
			skip[c.ID()] = "is not in profile " + name
		case len(restrict) > 0 && !restrict[c.ID()]:
			skip[c.ID()] = "was not selected with --check"
		default:
			sel = append(sel, c)
		}
	}
	return sel, skip, nil
}

func resolveRange(ctx context.Context, o Options, m *model.Model) (collect.Range, error) {
	n := 0
	for _, set := range []bool{o.Range != "", o.Since != "", o.All} {
		if set {
			n++
		}
	}
	if n > 1 {
		return collect.Range{}, fmt.Errorf("give only one of --range, --since and --all")
	}
	if _, err := gitlog.TopLevel(ctx, o.Root); err != nil {
		return collect.Range{}, err
	}
	head, err := gitlog.Head(ctx, o.Root)
	if err != nil {
		return collect.Range{}, err
	}
	if head == "" {
		if o.Range != "" || o.Since != "" {
			return collect.Range{}, fmt.Errorf("the repository has no commits yet, so there is no range %q (hint: commit first, or run without --range)", o.Range+o.Since)
		}
		return collect.Range{Display: "(no commits)"}, nil
	}
	var base, tip string
	switch {
	case o.Range != "":
		if strings.Contains(o.Range, "...") {
			return collect.Range{}, fmt.Errorf("range %q: use A..B (commits in B not in A), not A...B", o.Range)
		}
		if i := strings.Index(o.Range, ".."); i >= 0 {
			base, tip = o.Range[:i], o.Range[i+2:]
			if base == "" {
				return collect.Range{}, fmt.Errorf("range %q has no base (hint: A..B, e.g. origin/main..HEAD)", o.Range)
			}
			if tip == "" {
				tip = "HEAD"
			}
		} else {
			tip = o.Range
		}
	case o.Since != "":
		base, tip = o.Since, "HEAD"
	case o.All:
		tip = "HEAD"
	default:
		tip = "HEAD"
		base = m.ChangeManagement().Since
	}
	if head, err = gitlog.Verify(ctx, o.Root, tip); err != nil {
		return collect.Range{}, err
	}
	if base == "" && gitlog.Shallow(ctx, o.Root) {
		// The whole history is asked for and is not here: checking the
		// part that is would pass commits nobody looked at.
		return collect.Range{}, fmt.Errorf("the repository is a shallow clone, so its whole history is not here (hint: fetch it all with git fetch --unshallow (actions/checkout: fetch-depth: 0), or check a range with --range BASE..HEAD)")
	}
	r := collect.Range{Head: head, Revs: []string{head}, Display: tip}
	if base != "" {
		b, err := gitlog.Verify(ctx, o.Root, base)
		if err != nil {
			return collect.Range{}, err
		}
		r.Revs = []string{"^" + b, head}
		r.Base = b
		r.Display = base + ".." + tip
	}
	return r, nil
}

func newTracker(o Options, m *model.Model) (tracker.Tracker, error) {
	t := m.Project.Tracker
	getenv := o.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	opts := tracker.Options{Root: o.Root, File: t.File, URL: t.URL, Repo: t.Repo, Projects: t.Projects,
		TokenEnv: t.TokenEnv, UserEnv: t.UserEnv, UserAgent: "assure/" + o.Version}
	if t.TokenEnv != "" {
		opts.Token = getenv(t.TokenEnv)
	}
	if t.UserEnv != "" {
		opts.User = getenv(t.UserEnv)
	}
	if t.Timeout > 0 {
		opts.Timeout = time.Duration(t.Timeout) * time.Second
	}
	kind := t.Kind
	if kind == "" {
		kind = "none"
	}
	if o.Server != "" {
		kind, opts.URL, opts.TokenEnv, opts.Token = "server", o.Server, "ASSURE_TOKEN", getenv("ASSURE_TOKEN")
	}
	return tracker.New(kind, opts)
}

// TopLevel returns the root of the work tree containing dir.
func TopLevel(ctx context.Context, dir string) (string, error) {
	return gitlog.TopLevel(ctx, dir)
}
