package check

import (
	"context"
	"fmt"
	"slices"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/model"
)

// collectAnalysis runs the model's analyzer steps and reads its SARIF logs.
// Any step or log that failed makes the whole answer an error: a gate does
// not pass on the results of the analyzers that happened to work.
//
// Functions over their complexity budget join the results as tool
// assure-complexity, so that their waivers are recorded, approved and
// cross-checked with the source like any analyzer's; the complexity check
// reports them, not this one.
func collectAnalysis(ctx context.Context, root string, m *model.Model) (Analysis, error) {
	var a Analysis
	if m.Analysis.Configured() {
		rs, _, err := analysis.Collect(ctx, root, m, analysis.Options{})
		if err != nil {
			return Analysis{}, err
		}
		a = Analysis{Results: rs, Configured: true}
	}
	cx, err := complexityResults(ctx, root, m)
	if err != nil {
		return Analysis{}, fmt.Errorf("measuring complexity for the waiver record: %w", err)
	}
	if len(cx) > 0 {
		a.Results = append(a.Results, cx...)
		slices.SortStableFunc(a.Results, func(x, y analysis.Result) int { return analysis.Compare(&x, &y) })
	}
	return a, nil
}

// collectAnalysisAt is collectAnalysis on the tree of revision rev. A SARIF
// log the model names may not exist yet at an older revision: that is no
// results there, not an error.
func collectAnalysisAt(ctx context.Context, root, rev string, m *model.Model) (Analysis, error) {
	if !m.Analysis.Configured() {
		return Analysis{}, nil
	}
	rs, _, err := analysis.CollectAt(ctx, root, rev, m, analysis.Options{OptionalSARIF: true})
	if err != nil {
		return Analysis{}, err
	}
	return Analysis{Results: rs, Configured: true}, nil
}
