package check

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/waiver"
)

// StaticAnalysis asks: is every result of the configured analyzers fixed
// or covered by a complete, approved waiver that is recorded both centrally
// and in the source? (Quality Assurance: Static Code Analysis — "It is
// mandatory to remove all findings or waive potential false-positives
// before each release. Waivers shall be documented centrally and in the
// form of a comment inside the source code itself.")
//
// In profile pr only results the base revision did not have count, so a
// project adopts assure with the findings it has and no change adds one;
// in release (and any other profile) every result counts and no waiver may
// await approval, except in the profiles analysis.pending_profiles names,
// where a result under a complete waiver awaiting its reviewer is a
// warning. The waiver record is checked in every profile.
type StaticAnalysis struct{}

func (StaticAnalysis) ID() string { return "static-analysis" }
func (StaticAnalysis) Title() string {
	return "static analysis results are fixed or waived, each waiver complete, approved and in the source"
}
func (StaticAnalysis) Requirements() []string {
	return []string{ReqNonIssueReview, ReqNonIssueSecond, ReqAnalyzeBeforeMerge, ReqFixOrWaive, ReqWaiverCentral,
		ReqWaiverInSource, ReqWaiverTool, ReqWaiverDate, ReqWaiverRevision, ReqWaiverReason, ReqWaiverAuthor,
		ReqWaiverApprovers, ReqZeroIssues, ReqAnalysisResolved}
}
func (StaticAnalysis) NeedsFiles(*model.Model) bool { return false }

// Rules of the check.
func (StaticAnalysis) Rules() []Rule {
	rules := []Rule{{RuleResult, "An analyzer reported a finding that no accepted waiver covers.",
		"Fix the code, or record a waiver (assure waiver add), have a security reviewer approve it, and name it in a comment at the line: /* assure: waive W-… */."}}
	for _, r := range staticRules {
		rules = append(rules, Rule{problemRule(r.kind), r.summary, r.help})
	}
	return rules
}

// Analysis is what the analyzers the model configures found on one tree.
type Analysis struct {
	Results []analysis.Result
	// Configured is false when the model names no analyzer step and no
	// SARIF input: there is nothing to gate.
	Configured bool
}

// Analyze runs the analysis the model configures on the work tree at root.
// The gate and the waiver commands call it; tests may replace it.
var Analyze = collectAnalysis

// AnalyzeAt runs the same analysis on the tree of revision rev: the
// baseline of profile pr.
var AnalyzeAt = collectAnalysisAt

// now is the clock expiry is judged by; tests set it.
var now = time.Now

// Today is the date waivers expire against, YYYY-MM-DD in UTC.
func Today() string { return now().UTC().Format(waiver.DateLayout) }

// WaiverRegistry is the registry file the model names, or the default.
func WaiverRegistry(m *model.Model) string {
	if p := m.Analysis.Waivers; p != "" {
		return p
	}
	return waiver.DefaultPath
}

// Run gathers the results, reviews the waiver record and reports.
func (ch StaticAnalysis) Run(ctx context.Context, f *collect.Facts) (Outcome, error) {
	reg, err := waiver.Load(f.Root, WaiverRegistry(f.Model))
	if err != nil {
		return Outcome{}, err
	}
	head, err := Analyze(ctx, f.Root, f.Model)
	if err != nil {
		return Outcome{}, err
	}
	if !head.Configured && len(reg.Waivers) == 0 {
		return Outcome{Skipped: true, Summary: "the model configures no analyzer (analysis.steps) and records no waiver"}, nil
	}
	ids, err := f.Identities()
	if err != nil {
		return Outcome{}, err
	}
	people := waiver.ModelPeople{Model: f.Model, Mailmap: ids.Mailmap()}
	today := Today()
	rv, err := waiver.Reconcile(ctx, waiver.ReviewInput{Root: f.Root, Registry: reg, People: people, Today: today, Results: head.Results})
	if err != nil {
		return Outcome{}, err
	}
	newOnly := f.Model.Analysis.ComparesWithBase(f.Profile) && f.Range.Base != ""
	pendingOK := f.Model.Analysis.AllowsPending(f.Profile)
	var base *waiver.Baseline
	var changed map[string]bool
	if newOnly {
		if base, err = baseline(ctx, f); err != nil {
			return Outcome{}, err
		}
		if changed, err = changedFiles(ctx, f.Root, f.Range.Base); err != nil {
			return Outcome{}, err
		}
	}
	var out Outcome
	var n nums
	for i := range head.Results {
		r := &head.Results[i]
		// Functions over budget are reconciled with the record above and
		// reported by the complexity check.
		if r.Level == analysis.LevelNone || r.Tool == ComplexityTool {
			continue
		}
		n.results++
		o := rv.Outcomes[i]
		if o.Waived {
			n.waived++
		}
		if base.Take(r) {
			n.old++
			continue
		}
		fd := resultFinding(r, o, reg, today)
		switch {
		case o.Waived:
		case pendingOK && o.Waiver != nil && o.Waiver.Status == waiver.UnderReview && rv.Index.Sound(o.Waiver):
			// Recorded and complete, awaiting its reviewer: shown, and
			// left for the release gate to refuse.
			fd.Severity = finding.Warning
			n.pending++
		default:
			n.open++
		}
		out.Findings = append(out.Findings, fd)
	}
	problems := rv.Problems
	if !newOnly && !pendingOK {
		problems = append(problems, pendingProblems(reg, people)...)
	}
	for _, p := range problems {
		// A suppression the tools already had is the baseline's business
		// in pr: only a change that touches the file must record it.
		if newOnly && p.Kind == waiver.KindNativeUnregistered && !changed[p.Pos.File] {
			continue
		}
		out.Findings = append(out.Findings, problemFinding(p))
		n.problems++
	}
	out.Summary = n.summary(head.Results, len(reg.Waivers), newOnly)
	return out, nil
}

// nums counts what the summary says.
type nums struct{ results, waived, old, open, pending, problems int }

func (n nums) summary(rs []analysis.Result, waivers int, newOnly bool) string {
	tools := map[string]bool{}
	for _, r := range rs {
		if r.Tool != ComplexityTool {
			tools[r.Tool] = true
		}
	}
	names := make([]string, 0, len(tools))
	for t := range tools {
		names = append(names, t)
	}
	sort.Strings(names)
	s := staticCount(n.results, "result")
	if len(names) > 0 {
		s += " (" + strings.Join(names, ", ") + ")"
	}
	if newOnly {
		s += fmt.Sprintf(", %d also in the base revision", n.old)
	}
	s += fmt.Sprintf(", %d waived, %d open", n.waived, n.open)
	if n.pending > 0 {
		s += fmt.Sprintf(", %d recorded awaiting approval", n.pending)
	}
	s += fmt.Sprintf("; %s, %s with the record", staticCount(waivers, "waiver"), staticCount(n.problems, "problem"))
	return s
}

// staticCount is "1 waiver", "2 waivers".
func staticCount(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// baseline analyses the base revision of the range, with the analysis the
// model of the head configures.
func baseline(ctx context.Context, f *collect.Facts) (*waiver.Baseline, error) {
	a, err := AnalyzeAt(ctx, f.Root, f.Range.Base, f.Model)
	if err != nil {
		return nil, fmt.Errorf("analysing the base revision %s: %w", short12(f.Range.Base), err)
	}
	return waiver.NewBaseline(a.Results), nil
}

// changedFiles lists the files that differ between base and the work tree.
func changedFiles(ctx context.Context, root, base string) (map[string]bool, error) {
	// assure: waive W-0041 -- git diff on the resolved base commit; no shell
	cmd := exec.CommandContext(ctx, "git", "diff", "--name-only", "-z", "--no-renames", base, "--")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git diff %s: %s", short12(base), strings.TrimSpace(string(ee.Stderr)))
		}
		return nil, err
	}
	m := map[string]bool{}
	for _, f := range strings.Split(string(out), "\x00") {
		if f != "" {
			m[f] = true
		}
	}
	return m, nil
}

func short12(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
