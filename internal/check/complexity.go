package check

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/complexity"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/waiver"
)

// Complexity asks: does every function stay within the complexity budget
// the model sets for it? (Quality Assurance: Complexity Analyses —
// "complexity analyses shall be performed during development … metrics such
// as cyclomatic complexity evaluated".)
//
// In profile pr, compared with the range's base, only functions over
// budget that are new or whose CCN grew are findings: a project adopts the
// budget with the functions it has, and no change makes one worse. In every
// other profile (and in pr without a base) every function over budget is.
// Files are read from the commits, not from the work tree.
type Complexity struct{}

// ReqComplexityAnalysis: perform complexity analyses, evaluate cyclomatic
// complexity.
const ReqComplexityAnalysis = "CX-1"

// Rules of the check.
const (
	RuleOverBudget      = "complexity/over-budget"
	RuleStaleException  = "complexity/stale-exception"
	RuleUnanalysedFile  = "complexity/unanalysed-file"
	complexityPRProfile = "pr"
)

func (Complexity) ID() string    { return "complexity" }
func (Complexity) Title() string { return "every function stays within its complexity budget" }
func (Complexity) Requirements() []string {
	return []string{ReqComplexityAnalysis}
}
func (Complexity) NeedsFiles(*model.Model) bool { return false }

// Rules of the check.
func (Complexity) Rules() []Rule {
	return []Rule{
		{RuleOverBudget, "A function's cyclomatic complexity (CCN) is over the budget the model sets for it.",
			"Split the function until its CCN is within budget: move the cases of a switch, the steps of a sequence or the body of a loop into functions of their own. If it must stay as it is, waive it like an analyzer finding: assure waiver add with the finding's id, approval by a security reviewer who did not write it, and /* assure: waive W-… */ above the function."},
		{RuleStaleException, "An exception of the model names a function that no longer exists, or one that is within its budget without it.",
			"Remove the exception from complexity.exceptions, so it cannot hide the function's growth later."},
		{RuleUnanalysedFile, "A C, C++ or Go file of the range could not be analysed (it holds NUL bytes or is too large).",
			"Exclude the file under complexity.exclude if it is not source code, or fix it."},
	}
}

// Run analyses the range's files at its head (and, in pr, at its base).
func (ch Complexity) Run(ctx context.Context, f *collect.Facts) (Outcome, error) {
	b := complexity.NewBudgets(f.Model)
	if !b.Any() {
		return Outcome{Skipped: true, Summary: "no complexity budget in the model (set complexity.max_ccn)"}, nil
	}
	if f.Range.Head == "" {
		return Outcome{Skipped: true, Summary: "no commits"}, nil
	}
	dir := f.Root
	if f.GitDir != "" {
		dir = f.GitDir
	}
	keep := func(p string) bool { return !b.Excluded(p) }
	reg, ix, err := complexityWaivers(f)
	if err != nil {
		return Outcome{}, err
	}
	w := cxWaivers{reg: reg, ix: ix, today: Today(), pendingOK: f.Model.Analysis.AllowsPending(f.Profile)}
	if ix != nil {
		if w.tree, err = waiver.OpenTree(f.Root); err != nil {
			return Outcome{}, err
		}
		defer w.tree.Close()
	}
	if f.Range.Base != "" && (f.Profile == complexityPRProfile || f.Profile == "") {
		return ch.changed(ctx, f, dir, b, keep, w)
	}
	return ch.whole(ctx, f, dir, b, keep, w)
}

// cxWaivers is the waiver registry as the complexity check consults it.
type cxWaivers struct {
	reg   *waiver.Registry
	ix    *waiver.Index // nil: no waivers
	today string
	tree  *waiver.Tree // the work tree's comments; nil: none read
	// pendingOK: the profile takes a complete waiver awaiting approval as
	// a record (analysis.pending_profiles).
	pendingOK bool
}

// comment is the first comment in file (in the work tree) that names
// waiver id, for the report. Whether it sits at the function is the
// static-analysis check's question; it reports a comment that does not.
func (w cxWaivers) comment(file, id string) *waiver.Comment {
	if w.tree == nil {
		return nil
	}
	cs, err := w.tree.Comments(file)
	if err != nil {
		return nil
	}
	for i := range cs {
		if slices.Contains(cs[i].Waivers, id) {
			return &cs[i]
		}
	}
	return nil
}

// changed is profile pr: the files the range changed, head against base.
func (ch Complexity) changed(ctx context.Context, f *collect.Facts, dir string, b *complexity.Budgets, keep func(string) bool, w cxWaivers) (Outcome, error) {
	changes, err := complexity.ChangedFiles(ctx, dir, f.Range.Base, f.Range.Head)
	if err != nil {
		return Outcome{}, err
	}
	var heads, olds []string
	oldOf := map[string]string{}
	for _, c := range changes {
		if !keep(c.Path) {
			continue
		}
		heads = append(heads, c.Path)
		if c.Old != "" {
			olds = append(olds, c.Old)
			oldOf[c.Path] = c.Old
		}
	}
	if len(heads) == 0 {
		return Outcome{Summary: "no C, C++ or Go file changed in the range"}, nil
	}
	head, err := complexity.AnalyzeFiles(ctx, dir, f.Range.Head, heads)
	if err != nil {
		return Outcome{}, err
	}
	base, err := complexity.AnalyzeFiles(ctx, dir, f.Range.Base, olds)
	if err != nil {
		return Outcome{}, err
	}
	before := map[string]int{} // old file, name, occurrence -> CCN
	for _, fn := range occurrences(base.Functions) {
		before[fn.key] = fn.CCN
	}
	out := Outcome{Findings: ch.unanalysed(head.Warnings)}
	over := 0
	for _, fn := range occurrences(head.Functions) {
		bud := b.For(fn.Function)
		if bud.MaxCCN == 0 || fn.CCN <= bud.MaxCCN {
			continue
		}
		over++
		old, existed := before[occKey(oldOf[fn.File], fn.Name, fn.n)]
		switch {
		case !existed:
			out.Findings = append(out.Findings, ch.overBudget(fn, bud, w, "new function "+fn.DisplayName()+" has CCN "+strconv.Itoa(fn.CCN)))
		case fn.CCN > old:
			out.Findings = append(out.Findings, ch.overBudget(fn, bud, w, fmt.Sprintf("%s grew from CCN %d to %d", fn.DisplayName(), old, fn.CCN)))
		}
	}
	out.Summary = fmt.Sprintf("%s in %s, %d over budget, %d of them new or grown",
		cxPlural(len(head.Functions), "function"), cxPlural(head.Files, "changed file"), over, countRule(out.Findings, RuleOverBudget))
	return out, nil
}

// whole is every other profile: every file of the head revision.
func (ch Complexity) whole(ctx context.Context, f *collect.Facts, dir string, b *complexity.Budgets, keep func(string) bool, w cxWaivers) (Outcome, error) {
	head, err := complexity.AnalyzeTree(ctx, dir, f.Range.Head, keep)
	if err != nil {
		return Outcome{}, err
	}
	out := Outcome{Findings: ch.unanalysed(head.Warnings)}
	used := map[*model.ComplexityException]bool{}
	found := map[*model.ComplexityException]bool{}
	for _, fn := range occurrences(head.Functions) {
		bud := b.For(fn.Function)
		if e := bud.Exception; e != nil {
			found[e] = true
			if reg := b.Regular(fn.Function); reg.MaxCCN > 0 && fn.CCN > reg.MaxCCN {
				used[e] = true
			}
		}
		if bud.MaxCCN == 0 || fn.CCN <= bud.MaxCCN {
			continue
		}
		out.Findings = append(out.Findings, ch.overBudget(fn, bud, w, fn.DisplayName()+" has CCN "+strconv.Itoa(fn.CCN)))
	}
	for i := range f.Model.Complexity.Exceptions {
		e := &f.Model.Complexity.Exceptions[i]
		if used[e] {
			continue
		}
		msg := fmt.Sprintf("the exception for %s in %s names no function of the file", e.Function, e.File)
		if found[e] {
			msg = fmt.Sprintf("%s in %s is within its budget without the exception", e.Function, e.File)
		}
		out.Findings = append(out.Findings, finding.Finding{
			ID:           finding.Fingerprint(RuleStaleException, e.File, e.Function),
			Rule:         RuleStaleException,
			Check:        ch.ID(),
			Requirements: ch.Requirements(),
			Severity:     finding.Note,
			Location:     finding.Location{File: e.Pos.File, Line: e.Pos.Line, Column: e.Pos.Column},
			Message:      msg,
			Remediation:  "remove the exception from complexity.exceptions",
		})
	}
	out.Summary = fmt.Sprintf("%s in %s, %d over budget",
		cxPlural(len(head.Functions), "function"), cxPlural(head.Files, "file"), countRule(out.Findings, RuleOverBudget))
	return out, nil
}

func (ch Complexity) overBudget(fn occurrence, bud complexity.Budget, w cxWaivers, what string) finding.Finding {
	r := complexityResult(fn, bud)
	id := waiver.ResultID(&r)
	msg := what + ", over its budget of " + bud.String()
	fix := fmt.Sprintf("split %s (lines %d-%d) until its CCN is at most %d, or record a waiver (assure waiver add %s), have a security reviewer approve it, and write /* assure: waive W-… */ above the function",
		fn.DisplayName(), fn.StartLine, fn.EndLine, bud.MaxCCN, id)
	if e := bud.Exception; e != nil {
		msg = fmt.Sprintf("%s, over the %d its exception accepts (%s: %q)", what, e.MaxCCN, e.Pos, e.Reason)
		fix = fmt.Sprintf("split %s (lines %d-%d) until its CCN is at most %d, or raise max_ccn of its exception with a reason",
			fn.DisplayName(), fn.StartLine, fn.EndLine, e.MaxCCN)
	}
	out := finding.Finding{
		ID:           id,
		Rule:         RuleOverBudget,
		Check:        ch.ID(),
		Requirements: ch.Requirements(),
		Severity:     finding.Error,
		Location:     finding.Location{File: fn.File, Line: fn.StartLine},
		Message:      msg,
		Remediation:  fix,
	}
	if w.ix == nil {
		return out
	}
	if i := w.ix.Match(&r); i >= 0 {
		wv := &w.reg.Waivers[i]
		out.Waiver = findingWaiver(wv, waiver.Outcome{Waiver: wv, Waived: w.ix.Waives(wv), Comment: w.comment(fn.File, wv.ID)}, w.reg, w.today)
		switch out.Waiver.Status {
		case finding.WaiverAccepted:
		case finding.WaiverUnderReview:
			if w.pendingOK && wv.Status == waiver.UnderReview && w.ix.Sound(wv) {
				out.Severity = finding.Warning
			}
			out.Remediation = fmt.Sprintf("complete waiver %s in %s (assure check names what is missing under static-analysis) and have a security reviewer approve it: assure waiver approve %s", wv.ID, w.reg.File, wv.ID)
		case finding.WaiverRejected:
			out.Remediation = fmt.Sprintf("waiver %s was rejected: split the function", wv.ID)
		}
	}
	return out
}

func (ch Complexity) unanalysed(ws []complexity.Warning) []finding.Finding {
	var fs []finding.Finding
	for _, w := range ws {
		if len(w.Message) < 8 || w.Message[:8] != "skipped:" {
			continue // analysed with a caveat (not UTF-8): nothing is missing
		}
		fs = append(fs, finding.Finding{
			ID:           finding.Fingerprint(RuleUnanalysedFile, w.File),
			Rule:         RuleUnanalysedFile,
			Check:        ch.ID(),
			Requirements: ch.Requirements(),
			Severity:     finding.Warning,
			Location:     finding.Location{File: w.File},
			Message:      w.File + " was not analysed: " + w.Message[len("skipped: "):],
			Remediation:  "exclude the file under complexity.exclude if it is not source code",
		})
	}
	return fs
}

// occurrence numbers functions that share a name in one file (the
// variants of #if branches), so each keeps its identity across revisions.
type occurrence struct {
	complexity.Function
	n   int
	key string
}

func occurrences(fs []complexity.Function) []occurrence {
	seen := map[string]int{}
	out := make([]occurrence, len(fs))
	for i, f := range fs {
		k := f.File + "\x00" + f.Name
		n := seen[k]
		seen[k] = n + 1
		out[i] = occurrence{Function: f, n: n, key: occKey(f.File, f.Name, n)}
	}
	return out
}

func occKey(file, name string, n int) string {
	return file + "\x00" + name + "\x00" + strconv.Itoa(n)
}

func cxPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
