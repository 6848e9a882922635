package check

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/tracker"
)

func TestChangeManagement(t *testing.T) {
	tests := []struct {
		name    string
		tracker string // project.tracker block; empty is the file tracker, states [open]
		policy  string // under policy:
		setup   func(r *repo)
		want    []string
		summary string // a substring of the summary
	}{
		{
			name:    "missing reference",
			setup:   func(r *repo) { r.commit(bob, "Add AES\n\nNo reference here.") },
			want:    []string{"missing-reference error Add AES"},
			summary: "1 commits checked, 0 exempt (merges, reverts, bots), 1 without a reference",
		},
		{
			name:  "valid reference",
			setup: func(r *repo) { r.commit(bob, "Add AES\n\nFixes #2") },
		},
		{
			name:  "valid reference in a trailer",
			setup: func(r *repo) { r.commit(bob, "Add AES\n\nRefs: #2\nSigned-off-by: Bob Maint <bob@example.com>") },
		},
		{
			name:  "reference not in the tracker",
			setup: func(r *repo) { r.commit(bob, "Add AES\n\nFixes #99") },
			want:  []string{"unresolved-reference error Add AES"},
		},
		{
			name:  "reference in a state the policy does not allow",
			setup: func(r *repo) { r.commit(bob, "Touch old bug\n\nRefs: #3") },
			want:  []string{"reference-state error Touch old bug"},
		},
		{
			name:    "states allowed case-insensitively",
			tracker: "  tracker:\n    kind: file\n    file: security/issues.json\n    states: [OPEN, Closed]\n",
			setup:   func(r *repo) { r.commit(bob, "Touch old bug\n\nRefs: #3") },
		},
		{
			name:  "one valid and one dangling reference is a warning",
			setup: func(r *repo) { r.commit(bob, "Add AES\n\nRefs: #2\nSee #99") },
			want:  []string{"dangling-reference warning Add AES"},
		},
		{
			name:  "two bad references are two errors",
			setup: func(r *repo) { r.commit(bob, "Add AES\n\nRefs: #3\nSee #99") },
			want:  []string{"reference-state error Add AES", "unresolved-reference error Add AES"},
		},
		{
			name: "merges are skipped by default",
			setup: func(r *repo) {
				r.mergeSide(bob, "Merge branch 'side'", "Side work\n\nRefs: #2")
			},
			summary: "1 commits checked, 1 exempt",
		},
		{
			name:   "merges: check",
			policy: "  change_management:\n    merges: check\n",
			setup: func(r *repo) {
				r.mergeSide(bob, "Merge branch 'side'", "Side work\n\nRefs: #2")
			},
			want: []string{"missing-reference error Merge branch 'side'"},
		},
		{
			name: "revert naming its commit is skipped",
			setup: func(r *repo) {
				h := r.commit(bob, "Add AES\n\nRefs: #2")
				r.commit(bob, "Revert \"Add AES\"\n\nThis reverts commit "+h+".")
			},
			summary: "1 commits checked, 1 exempt",
		},
		{
			name:   "reverts: check",
			policy: "  change_management:\n    reverts: check\n",
			setup: func(r *repo) {
				h := r.commit(bob, "Add AES\n\nRefs: #2")
				r.commit(bob, "Revert \"Add AES\"\n\nThis reverts commit "+h+".")
			},
			want: []string{"missing-reference error Revert \"Add AES\""},
		},
		{
			name:   "bot exempt by e-mail, in any case",
			policy: "  change_management:\n    bots: [DEPS@bots.example]\n",
			setup: func(r *repo) {
				r.commit(deps, "Bump zlib")
				r.commit(eve, "Unreferenced work")
			},
			want: []string{"missing-reference error Unreferenced work"},
		},
		{
			name:   "bot exempt by person id",
			policy: "  change_management:\n    bots: [ci-bot]\n",
			setup: func(r *repo) {
				r.commit(ciBot, "Regenerate tables")
				r.commit(deps, "Bump zlib")
			},
			want: []string{"missing-reference error Bump zlib"},
		},
		{
			name:   "custom pattern replaces the built-in ones",
			policy: "  change_management:\n    patterns: ['(?m)^Ticket: (?P<ref>#\\d+)$']\n",
			setup: func(r *repo) {
				r.commit(bob, "Custom\n\nTicket: #2")
				r.commit(bob, "Built-in only\n\nFixes #2")
			},
			want: []string{"missing-reference error Built-in only"},
		},
		{
			name:    "without a tracker references are checked for form",
			tracker: "  tracker:\n    kind: none\n",
			setup: func(r *repo) {
				r.commit(bob, "Formal\n\nFixes #4242")
				r.commit(bob, "Informal\n\nsee ticket 4242")
			},
			want: []string{"missing-reference error Informal"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newRepo(t, modelYAML(tc.tracker, tc.policy))
			tc.setup(r)
			out := r.run(ChangeManagement{})
			got := r.describe(ChangeManagement{}, out.Findings)
			if !sameLines(got, tc.want) {
				t.Errorf("findings\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if out.Skipped {
				t.Errorf("skipped with commits in range")
			}
			if !strings.Contains(out.Summary, tc.summary) {
				t.Errorf("summary %q, want it to contain %q", out.Summary, tc.summary)
			}
		})
	}
}

func TestChangeManagementNoCommits(t *testing.T) {
	r := newRepo(t, modelYAML("", ""))
	out := r.run(ChangeManagement{}) // ^base HEAD with HEAD == base
	if !out.Skipped || len(out.Findings) != 0 || out.Summary != "no commits in range" {
		t.Errorf("got %+v, want skipped without findings", out)
	}
}

// failingTracker cannot answer, as an unreachable tracker.
type failingTracker struct{}

func (f *failingTracker) Name() string { return "broken tracker" }
func (f *failingTracker) Resolve(_ context.Context, ref string) (tracker.Issue, error) {
	return tracker.Issue{}, &tracker.Error{Tracker: "broken tracker", Op: "resolve " + ref, Status: 503, Err: errors.New("503 Service Unavailable")}
}

// A tracker that cannot answer must stop the check, never let it pass.
func TestChangeManagementTrackerError(t *testing.T) {
	r := newRepo(t, modelYAML("", ""))
	r.commit(bob, "Add AES\n\nFixes #2")
	f := r.facts(ChangeManagement{})
	f.Tracker = &failingTracker{}
	out, err := ChangeManagement{}.Run(context.Background(), f)
	var te *tracker.Error
	if !errors.As(err, &te) || te.Status != 503 {
		t.Fatalf("err = %v (outcome %+v), want the tracker's *tracker.Error", err, out)
	}
}

// A revert is exempt because the commit it reverts is traceable. A line
// naming a commit that does not exist traces nothing, yet exempts the commit:
// anyone can skip the gate by adding "This reverts commit 0000000." to a
// message. This test fails until the reverted commit is verified.
func TestChangeManagementRevertOfNothing(t *testing.T) {
	r := newRepo(t, modelYAML("", ""))
	r.commit(eve, "Sneak in a change\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.")
	got := r.describe(ChangeManagement{}, r.run(ChangeManagement{}).Findings)
	want := []string{"missing-reference error Sneak in a change"}
	if !sameLines(got, want) {
		t.Errorf("findings %q, want %q: a revert line naming no commit of the history must not exempt", got, want)
	}
}
