package check

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/complexity"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/waiver"
)

// ComplexityTool is the tool name under which the waiver registry records
// waivers of functions over their complexity budget. A function over budget
// is waived the way an analyzer's finding is (issue: "a function over
// budget is a finding unless waived through the waiver registry"): one
// registry, one approval rule, one in-source comment syntax.
const ComplexityTool = "assure-complexity"

// AssureVersion is the version of assure recorded as the tool version of
// its own results; the command line sets it.
var AssureVersion = "dev"

// complexityFingerprint identifies a function by name and occurrence in
// its file, not by line or text: a waiver stays with the function when code
// moves or its body is edited, and two #if variants of one name stay apart.
func complexityFingerprint(name string, n int) string {
	h := sha256.Sum256([]byte(RuleOverBudget + "\x00" + name + "\x00" + strconv.Itoa(n)))
	return "C-" + hex.EncodeToString(h[:])[:16]
}

// complexityResult is a function over budget as an analyzer result, the
// form the waiver registry matches, `assure waiver add` records and
// static-analysis cross-checks with the comments in the source.
func complexityResult(fn occurrence, bud complexity.Budget) analysis.Result {
	return analysis.Result{
		Tool: ComplexityTool, Version: AssureVersion, Rule: RuleOverBudget, Level: analysis.LevelError,
		File:        fn.File,
		Region:      analysis.Region{StartLine: fn.StartLine, EndLine: fn.EndLine},
		Message:     fmt.Sprintf("%s has CCN %d, over its budget of %s", fn.DisplayName(), fn.CCN, bud.String()),
		Snippet:     fn.LongName,
		Fingerprint: complexityFingerprint(fn.Name, fn.n),
	}
}

// complexityResults lists every function over budget in the tracked files
// of the work tree at root, as results: the tree the analyzers of the
// static-analysis check see and `assure waiver add` records against. With
// no budget in the model there are none.
func complexityResults(ctx context.Context, root string, m *model.Model) ([]analysis.Result, error) {
	b := complexity.NewBudgets(m)
	if !b.Any() {
		return nil, nil
	}
	cmd := exec.CommandContext(ctx, "git", "ls-files", "-z", "--cached", "--")
	cmd.Dir = root
	listed, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("listing the tracked files of %s: git ls-files: %s", root, strings.TrimSpace(string(ee.Stderr)))
		}
		return nil, fmt.Errorf("listing the tracked files of %s: %w", root, err)
	}
	var paths []string
	for _, p := range strings.Split(string(listed), "\x00") {
		if p == "" || complexity.LanguageOf(p) == "" || b.Excluded(p) {
			continue
		}
		// A file deleted in the work tree but not yet in the index has
		// nothing to measure.
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p))); err != nil {
			continue
		}
		paths = append(paths, p)
	}
	if len(paths) == 0 {
		return nil, nil
	}
	res, err := complexity.Analyze(ctx, complexity.Options{Dir: root, Paths: paths})
	if err != nil {
		return nil, err
	}
	var out []analysis.Result
	for _, fn := range occurrences(res.Functions) {
		if bud := b.For(fn.Function); bud.MaxCCN > 0 && fn.CCN > bud.MaxCCN {
			out = append(out, complexityResult(fn, bud))
		}
	}
	return out, nil
}

// complexityWaivers indexes the registry for the complexity check. A
// waiver whose record fails validation waives nothing (fail-safe); the
// static-analysis check reports what is wrong with it, and with comments,
// so the two checks never judge one waiver differently.
func complexityWaivers(f *collect.Facts) (*waiver.Registry, *waiver.Index, error) {
	reg, err := waiver.Load(f.Root, WaiverRegistry(f.Model))
	if err != nil {
		return nil, nil, err
	}
	if len(reg.Waivers) == 0 {
		return reg, nil, nil
	}
	ids, err := f.Identities()
	if err != nil {
		return nil, nil, err
	}
	today := Today()
	ix := waiver.NewIndex(reg, today)
	ix.Distrust(waiver.Validate(reg, waiver.ModelPeople{Model: f.Model, Mailmap: ids.Mailmap()}, waiver.Options{Today: today}))
	return reg, ix, nil
}
