package check

import (
	"context"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/model"
)

// collectAnalysis runs the model's analyzer steps and reads its SARIF logs.
// Any step or log that failed makes the whole answer an error: a gate does
// not pass on the results of the analyzers that happened to work.
func collectAnalysis(ctx context.Context, root string, m *model.Model) (Analysis, error) {
	if !m.Analysis.Configured() {
		return Analysis{}, nil
	}
	rs, _, err := analysis.Collect(ctx, root, m, analysis.Options{})
	if err != nil {
		return Analysis{}, err
	}
	return Analysis{Results: rs, Configured: true}, nil
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
