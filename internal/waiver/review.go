package waiver

import (
	"context"

	"github.com/assure-dev/assure/internal/analysis"
)

// ReviewInput is what a review of the waiver record looks at.
type ReviewInput struct {
	// Root is the repository root; comments are read from its work tree.
	Root     string
	Registry *Registry
	People   People
	// Today is YYYY-MM-DD.
	Today   string
	Results []analysis.Result
	// Markers, when set, lists the files with a waiver marker to scan
	// besides those with results; nil asks git (MarkerFiles).
	Markers []string
	// Source overrides where comments come from (tests); nil reads Root.
	Source Source
}

// Review is the state of the waiver record against the current results.
type Review struct {
	// Outcomes[i] is what covers Results[i].
	Outcomes []Outcome
	// Problems are the registry's own (Validate) and the cross-check's,
	// sorted by place.
	Problems []Problem
	// Index answers whether a waiver waives.
	Index *Index
}

// Reconcile validates the registry and cross-checks it with the results
// and the comments in the source. Results of level none are not problems
// and match nothing.
func Reconcile(ctx context.Context, in ReviewInput) (*Review, error) {
	problems := Validate(in.Registry, in.People, Options{Today: in.Today})
	ix := NewIndex(in.Registry, in.Today)
	ix.Distrust(problems)
	src := in.Source
	if src == nil {
		t, err := OpenTree(in.Root)
		if err != nil {
			return nil, err
		}
		defer t.Close()
		src = t
	}
	markers := in.Markers
	if markers == nil {
		var err error
		if markers, err = MarkerFiles(ctx, in.Root); err != nil {
			return nil, err
		}
	}
	rc := NewReconciler(ix, src)
	rc.Expect(in.Results)
	rv := &Review{Outcomes: make([]Outcome, len(in.Results)), Index: ix}
	for i := range in.Results {
		r := &in.Results[i]
		if r.Level == analysis.LevelNone {
			continue
		}
		o, err := rc.Result(r)
		if err != nil {
			return nil, err
		}
		rv.Outcomes[i] = o
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	cross, err := rc.Finish(markers)
	if err != nil {
		return nil, err
	}
	rv.Problems = append(problems, cross...)
	SortProblems(rv.Problems)
	return rv, nil
}
