package check

import (
	"context"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/rules"
	"github.com/assure-dev/assure/internal/threat/trace"
)

// Requirements the threat-model test gate evidences.
const (
	ReqThreatTestsDerived = "TM-11" // tests derived from the threat models prove the countermeasures
	ReqThreatTestsInCI    = "TM-12" // countermeasure tests run in CI to catch regressions
)

// ThreatTests asks: is every countermeasure of a threat marked mitigated
// proven by tests that ran and passed on the commit under check? (Threat
// Modeling and Mitigation: "tests shall be derived from the threat models
// … integrated into the continuous integration workflow".)
type ThreatTests struct{}

func (ThreatTests) ID() string { return "threat-tests" }
func (ThreatTests) Title() string {
	return "countermeasures of mitigated threats are proven by passing tests of the commit"
}
func (ThreatTests) Requirements() []string {
	return []string{ReqThreatTestsDerived, ReqThreatTestsInCI}
}
func (ThreatTests) NeedsFiles(*model.Model) bool { return false }

// Rules of this check.
const (
	RuleThreatNoResults     = "threat-tests/no-results"
	RuleThreatUntested      = "threat-tests/untested-countermeasure"
	RuleThreatTestFailed    = "threat-tests/failing-test"
	RuleThreatTestSkipped   = "threat-tests/skipped-test"
	RuleThreatTestMissing   = "threat-tests/missing-test"
	RuleThreatResultsStale  = "threat-tests/stale-result"
	threatTestsRecordAdvice = "run the tests on the commit and record their results: go test -json ./... > build/tests/go.json && assure threat record-tests build/tests/go.json"
)

// Rules of the check.
func (ThreatTests) Rules() []Rule {
	return []Rule{
		{RuleThreatNoResults, "Threats are marked mitigated but no test results of the commit under check exist.",
			"Run the tests in CI before assure check, write go test -json or JUnit XML to the paths threat_model.tests names, and record them with assure threat record-tests."},
		{RuleThreatUntested, "A countermeasure of a mitigated threat names no test that proves it.",
			"Derive a test from the threat (it should fail when the countermeasure is removed) and list it under the countermeasure's tests."},
		{RuleThreatTestFailed, "A test that proves a countermeasure of a mitigated threat failed.",
			"Fix the regression, or, if the countermeasure is gone, set the threat's treatment back to open."},
		{RuleThreatTestSkipped, "A test that proves a countermeasure of a mitigated threat was skipped.",
			"Make the test run in CI (a skipped test proves nothing), or name a test that runs."},
		{RuleThreatTestMissing, "A test that proves a countermeasure of a mitigated threat has no result for the commit: deleted, renamed, or not run.",
			"Restore or rename the test in the model, or make CI run it and write its results where threat_model.tests looks."},
		{RuleThreatResultsStale, "The only results of a countermeasure's test belong to another commit, or to a work tree with uncommitted changes.",
			"Run the tests on the commit under check and record them: assure threat record-tests FILE (or name the commit's full id in the results path)."},
	}
}

// Run reads the test results of the commit under check and judges every
// countermeasure of a mitigated threat.
func (ch ThreatTests) Run(ctx context.Context, f *collect.Facts) (Outcome, error) {
	tm := f.Model.ThreatModel
	if !tm.Configured() {
		return Outcome{Skipped: true, Summary: "the model has no threat model (threat_model.files)"}, nil
	}
	if f.Range.Head == "" {
		return Outcome{Skipped: true, Summary: "no commit to check"}, nil
	}
	a, err := traceAnalysis(f)
	if err != nil {
		return Outcome{}, err
	}
	opts := trace.Options{Root: f.Root, Head: f.Range.Head, GoTestJSON: tm.Tests.GoTestJSON, JUnit: tm.Tests.JUnit, Freshness: tm.Tests.Freshness}
	if opts.Freshness == trace.FreshRunTime {
		if opts.HeadTime, err = traceCommitTime(ctx, f.Root, f.Range.Head); err != nil {
			return Outcome{}, err
		}
	}
	ev, err := trace.Collect(ctx, opts)
	if err != nil {
		return Outcome{}, err
	}
	mx := trace.Build(a, ev)
	return ch.judge(f, mx), nil
}

// traceAnalysis loads and analyzes the threat model of the facts' model.
func traceAnalysis(f *collect.Facts) (*threat.Analysis, error) {
	m, err := threat.Load(f.Root, f.Model)
	if err != nil {
		return nil, err
	}
	return rules.Analyze(m)
}

func traceCommitTime(ctx context.Context, root, commit string) (time.Time, error) {
	// assure: waive W-0012 -- git show on a resolved commit id; no shell
	cmd := exec.CommandContext(ctx, "git", "show", "-s", "--format=%cI", commit)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return time.Time{}, fmt.Errorf("reading the time of commit %s: %w", commit, err)
	}
	return time.Parse(time.RFC3339, strings.TrimSpace(string(out)))
}

// use is one test of one countermeasure and the mitigated threats that
// rest on it.
type traceUse struct {
	cm      trace.CMRow
	test    trace.TestRow
	threats []string
}

func (ch ThreatTests) judge(f *collect.Facts, mx *trace.Matrix) Outcome {
	var out Outcome
	cms := map[string]*trace.CMRow{}
	cmThreats := map[string][]string{}
	tests := map[string]*traceUse{}
	var mitigated int
	for _, t := range mx.Threats {
		if t.Status != threat.Mitigated {
			continue
		}
		mitigated++
		for i := range t.Countermeasures {
			c := t.Countermeasures[i]
			if !c.Known {
				continue // the threat-model check reports unknown references
			}
			cms[c.ID] = &c
			cmThreats[c.ID] = append(cmThreats[c.ID], t.ID)
			for _, tr := range c.Tests {
				k := c.ID + "\x00" + tr.Ref
				u := tests[k]
				if u == nil {
					u = &traceUse{cm: c, test: tr}
					tests[k] = u
				}
				u.threats = append(u.threats, t.ID)
			}
		}
	}
	if mitigated == 0 {
		out.Skipped = true
		out.Summary = "no threat is marked mitigated"
		return out
	}
	freshFiles := 0
	for _, fl := range mx.Files {
		if fl.Fresh {
			freshFiles++
		}
	}
	ids := traceSortedKeys(cms)
	for _, id := range ids {
		c := cms[id]
		if len(c.Tests) == 0 {
			out.Findings = append(out.Findings, ch.finding(RuleThreatUntested, finding.Error, c.Pos, []string{id},
				fmt.Sprintf("countermeasure %s (%s) names no test, yet %s rest on it", id, c.Title, traceThreatList(cmThreats[id])),
				"list the tests that prove it under the countermeasure's tests: (go:, junit: or fuzz:)"))
		}
	}
	counts := map[trace.State]int{}
	noResults := freshFiles == 0 && len(tests) > 0
	if noResults {
		pos := f.Model.ThreatModel.Pos
		if pos.File == "" {
			pos = model.Pos{File: f.Model.Root}
		}
		msg := fmt.Sprintf("%d threats are marked mitigated, but no test results of commit %s were found", mitigated, traceShortID(f.Range.Head))
		switch {
		case len(f.Model.ThreatModel.Tests.GoTestJSON)+len(f.Model.ThreatModel.Tests.JUnit) == 0:
			msg += ": threat_model.tests names no result files"
		case len(mx.Files) > 0:
			msg += fmt.Sprintf(" (%d result files, none for this commit: %s)", len(mx.Files), mx.Files[0].Reason)
		}
		out.Findings = append(out.Findings, ch.finding(RuleThreatNoResults, finding.Error, pos, []string{f.Range.Head}, msg, threatTestsRecordAdvice))
	}
	keys := traceSortedKeys(tests)
	for _, k := range keys {
		u := tests[k]
		counts[u.test.State]++
		if noResults {
			continue
		}
		if fd, ok := ch.testFinding(u); ok {
			out.Findings = append(out.Findings, fd)
		}
	}
	var parts []string
	for _, s := range []trace.State{trace.Passed, trace.Failed, trace.Skipped, trace.Missing, trace.Stale} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	out.Summary = fmt.Sprintf("%d mitigated threats, %d countermeasures, %d tests (%s); %d of %d result files are of commit %s",
		mitigated, len(cms), len(tests), strings.Join(parts, ", "), freshFiles, len(mx.Files), traceShortID(f.Range.Head))
	return out
}

func (ch ThreatTests) testFinding(u *traceUse) (finding.Finding, bool) {
	tr := u.test
	subject := fmt.Sprintf("countermeasure %s (%s): test %s", u.cm.ID, u.cm.Title, tr.Ref)
	rest := fmt.Sprintf("; %s marked mitigated rest on it", traceThreatList(u.threats))
	where := ""
	if len(tr.Results) > 0 {
		where = " (" + tr.Results[0] + ")"
	}
	detail := ""
	if tr.Detail != "" {
		detail = ": " + tr.Detail
	}
	parts := []string{u.cm.ID, tr.Ref}
	switch tr.State {
	case trace.Failed:
		return ch.finding(RuleThreatTestFailed, finding.Error, tr.Pos, parts, subject+" failed"+where+detail+rest,
			"fix the regression, or set the threats' treatment back to open until it is fixed"), true
	case trace.Skipped:
		return ch.finding(RuleThreatTestSkipped, finding.Error, tr.Pos, parts, subject+" was skipped"+where+detail+rest,
			"make the test run in CI: a skipped test proves nothing"), true
	case trace.Missing:
		return ch.finding(RuleThreatTestMissing, finding.Error, tr.Pos, parts, subject+" has no result for this commit"+where+detail+rest,
			"restore the test or correct its name in the model, and make CI run it (names are matched as kind:[package.]name; see assure threat report)"), true
	case trace.Stale:
		return ch.finding(RuleThreatResultsStale, finding.Error, tr.Pos, parts, subject+" has only results that do not count"+where+detail+rest,
			threatTestsRecordAdvice), true
	}
	return finding.Finding{}, false
}

func (ch ThreatTests) finding(rule string, sev finding.Severity, pos model.Pos, parts []string, msg, fix string) finding.Finding {
	return finding.Finding{
		ID: finding.Fingerprint(rule, parts...), Rule: rule, Check: ch.ID(), Requirements: ch.Requirements(),
		Severity: sev, Location: finding.Location{File: pos.File, Line: pos.Line, Column: pos.Column},
		Message: msg, Remediation: fix,
	}
}

func traceThreatList(ids []string) string {
	ids = append([]string(nil), ids...)
	sort.Strings(ids)
	ids = traceCompact(ids)
	if len(ids) == 1 {
		return "threat " + ids[0]
	}
	if len(ids) > 4 {
		return fmt.Sprintf("threats %s and %d more", strings.Join(ids[:3], ", "), len(ids)-3)
	}
	return "threats " + strings.Join(ids, ", ")
}

func traceCompact(ss []string) []string {
	out := ss[:0]
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func traceSortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func traceShortID(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
