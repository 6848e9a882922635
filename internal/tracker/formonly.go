package tracker

import (
	"context"
	"strings"
)

// FormOnly is the tracker of kind none: references are checked only for
// form, by the patterns that found them, and every reference resolves to an
// issue with its key and no state. A policy that requires states therefore
// cannot pass with it, which is the point: without a tracker nothing is
// known about states.
type FormOnly struct{}

// Name says that nothing is being looked up.
func (FormOnly) Name() string { return "no tracker (references checked only for form)" }

// Resolve returns Issue{Key: ref}.
func (FormOnly) Resolve(_ context.Context, ref string) (Issue, error) {
	return Issue{Key: strings.TrimSpace(ref)}, nil
}
