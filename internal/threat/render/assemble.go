package render

import (
	"context"
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/freshness"
	"github.com/assure-dev/assure/internal/threat/trace"
)

// Assemble builds the report of an analysis for the commit head of the
// repository at root: with the traceability matrix when the model names
// test results, and the review state of every security-relevant module.
// Without a commit (head "") both are left out: there is nothing to bind
// results or reviews to.
func Assemble(ctx context.Context, root, head string, a *threat.Analysis) (*Report, error) {
	in := Input{Commit: head, Analysis: a}
	rm := a.Model.Root
	if rm != nil {
		in.Project = rm.Project.Name
	}
	if head != "" && rm != nil {
		tests := rm.ThreatModel.Tests
		if len(tests.GoTestJSON)+len(tests.JUnit) > 0 {
			ev, err := trace.Collect(ctx, trace.Options{Root: root, Head: head, GoTestJSON: tests.GoTestJSON, JUnit: tests.JUnit, Freshness: tests.Freshness})
			if err != nil {
				return nil, fmt.Errorf("reading test results: %w", err)
			}
			in.Matrix = trace.Build(a, ev)
		}
		p := freshness.Policy{MaxFiles: rm.ThreatModel.Review.MaxFilesChanged, MaxLines: rm.ThreatModel.Review.MaxLinesChanged}
		rv, err := freshness.Check(ctx, root, head, a.Model, rm, p)
		if err != nil {
			return nil, err
		}
		in.Reviews = rv
		if in.Reviews == nil {
			in.Reviews = []freshness.Status{}
		}
	}
	return NewReport(in), nil
}
