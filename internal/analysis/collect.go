package analysis

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/assure-dev/assure/internal/model"
)

// Options tune Collect.
type Options struct {
	// Jobs bounds how many steps run at once (default: the model's
	// analysis.jobs, else the number of CPUs).
	Jobs int
	// Steps, when not empty, limits the run to the steps with these ids;
	// SARIF logs of the model are read either way.
	Steps []string
	// Env is added to the environment each step inherits.
	Env []string
	// OptionalSARIF makes a glob of analysis.sarif that matches no file a
	// report with no inputs instead of an error. A gate keeps it false: a
	// missing Coverity export must not pass as "no findings". Reading a
	// base revision that predates the export may set it.
	OptionalSARIF bool
}

// Collect runs the analyzer steps of m on the tree at root (in parallel,
// each within its time limit), reads the SARIF logs m names, and returns
// every result in Compare order with one report per step and per log, in
// model order. The error joins every step or log that failed, each named;
// results of the others are returned with it, but a caller deciding a gate
// must treat any error as "cannot answer".
func Collect(ctx context.Context, root string, m *model.Model, opts Options) ([]Result, []StepReport, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, err
	}
	a := m.Analysis
	for _, id := range opts.Steps {
		if !slices.ContainsFunc(a.Steps, func(s model.AnalysisStep) bool { return s.ID == id }) {
			return nil, nil, fmt.Errorf("no analysis step %q in the model", id)
		}
	}
	tmp, err := os.MkdirTemp("", "assure-analysis-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(tmp)

	var steps []model.AnalysisStep
	for _, s := range a.Steps {
		if len(opts.Steps) == 0 || slices.Contains(opts.Steps, s.ID) {
			steps = append(steps, s)
		}
	}
	reports := make([]StepReport, len(steps))
	perStep := make([][]Result, len(steps))
	errs := make([]error, len(steps))
	jobs := max(cmp.Or(opts.Jobs, a.Jobs, runtime.NumCPU()), 1)
	sem := make(chan struct{}, jobs)
	env := append(os.Environ(), opts.Env...)
	var wg sync.WaitGroup
	for i, s := range steps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				errs[i] = fmt.Errorf("analysis step %q: %w", s.ID, ctx.Err())
				return
			}
			defer func() { <-sem }()
			dir := filepath.Join(tmp, fmt.Sprintf("step-%d", i))
			if err := os.Mkdir(dir, 0o700); err != nil {
				errs[i] = err
				return
			}
			sr := &stepRun{root: abs, step: s, tmp: dir, env: env}
			errs[i] = sr.run(ctx, &reports[i], func(r *Result) error {
				perStep[i] = append(perStep[i], *r)
				return nil
			})
			reports[i].Err = errs[i]
		}()
	}
	wg.Wait()

	var all []Result
	for _, rs := range perStep {
		all = append(all, rs...)
	}
	for _, in := range a.SARIF {
		rep, rs, err := readInput(abs, in, opts.OptionalSARIF)
		rep.Err = err
		reports = append(reports, rep)
		all = append(all, rs...)
		errs = append(errs, err)
	}
	Sort(all)
	return all, reports, errors.Join(errs...)
}

// readInput reads the SARIF logs one analysis.sarif entry matches.
func readInput(root string, in model.SARIFInput, optional bool) (StepReport, []Result, error) {
	rep := StepReport{ID: "sarif:" + in.Path, Format: model.FormatSARIF}
	names, err := doublestar.Glob(os.DirFS(root), in.Path, doublestar.WithFilesOnly())
	if err != nil {
		return rep, nil, fmt.Errorf("analysis.sarif %q (%s): %v", in.Path, in.Pos, err)
	}
	if len(names) == 0 {
		if optional {
			return rep, nil, nil
		}
		return rep, nil, fmt.Errorf("analysis.sarif %q (%s) matches no file (hint: run the analyzer that writes it before assure, or remove the entry)", in.Path, in.Pos)
	}
	slices.Sort(names)
	var out []Result
	for _, n := range names {
		rep.Inputs = append(rep.Inputs, n)
		err := Ingest(root, Input{Path: filepath.Join(root, filepath.FromSlash(n)), Name: n, Format: model.FormatSARIF, SourceRoot: in.SourceRoot},
			func(r *Result) error {
				if len(out) == 0 {
					rep.Tool, rep.Version = r.Tool, r.Version
				}
				out = append(out, *r)
				return nil
			})
		if err != nil {
			return rep, out, err
		}
	}
	rep.Results = len(out)
	return rep, out, nil
}
