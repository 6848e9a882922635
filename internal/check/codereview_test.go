package check

import (
	"strings"
	"testing"
)

func reviewed(subject string, reviewers ...who) string {
	msg := subject + "\n\nRefs: #2\n"
	for _, w := range reviewers {
		msg += "Reviewed-by: " + w.String() + "\n"
	}
	return msg
}

func TestCodeReviewTrailers(t *testing.T) {
	tests := []struct {
		name    string
		policy  string
		mailmap string
		setup   func(r *repo)
		want    []string
		message string // a substring of the single finding's message
	}{
		{
			name:  "approval by another person passes",
			setup: func(r *repo) { r.commit(bob, reviewed("Add AES", alice)) },
		},
		{
			name:  "Acked-by counts by default",
			setup: func(r *repo) { r.commit(bob, "Add AES\n\nAcked-by: "+dave.String()) },
		},
		{
			name:   "only the configured trailers count",
			policy: "  code_review:\n    trailers: [Approved-by]\n",
			setup: func(r *repo) {
				r.commit(bob, "Add AES\n\nApproved-by: "+dave.String())
				r.commit(bob, "Add DES\n\nReviewed-by: "+dave.String())
			},
			want: []string{"insufficient-approvals error Add DES"},
		},
		{
			name:    "self review is self-approval",
			setup:   func(r *repo) { r.commit(bob, reviewed("Add AES", bob)) },
			want:    []string{"self-approval error Add AES"},
			message: "approved only by its own author (bob)",
		},
		{
			name:    "no review",
			setup:   func(r *repo) { r.commit(bob, "Add AES\n\nRefs: #2") },
			want:    []string{"insufficient-approvals error Add AES"},
			message: "0 of 1 required independent approvals",
		},
		{
			name: "a co-author's approval does not count",
			setup: func(r *repo) {
				r.commit(dave, "Add AES\n\nCo-authored-by: "+bob.String()+"\nReviewed-by: "+bob.String())
			},
			want: []string{"self-approval error Add AES"},
		},
		{
			name:  "the committer's approval does not count",
			setup: func(r *repo) { r.commitBy(dave, bob, reviewed("Add AES", bob)) },
			want:  []string{"self-approval error Add AES"},
		},
		{
			name:    "an unknown reviewer is not counted by default",
			setup:   func(r *repo) { r.commit(bob, reviewed("Add AES", eve)) },
			want:    []string{"insufficient-approvals error Add AES"},
			message: "not counted, not in the security model: Eve Outside <eve@elsewhere.example>",
		},
		{
			name:   "unknown_reviewers: accept counts them",
			policy: "  code_review:\n    unknown_reviewers: accept\n",
			setup:  func(r *repo) { r.commit(bob, reviewed("Add AES", eve)) },
		},
		{
			name:    "min_approvals: 2 with one approval",
			policy:  "  code_review:\n    min_approvals: 2\n",
			setup:   func(r *repo) { r.commit(bob, reviewed("Add AES", dave)) },
			want:    []string{"insufficient-approvals error Add AES"},
			message: "1 of 2 required",
		},
		{
			name:   "min_approvals: 2 with two approvals",
			policy: "  code_review:\n    min_approvals: 2\n",
			setup:  func(r *repo) { r.commit(bob, reviewed("Add AES", dave, alice)) },
		},
		{
			name:   "min_approvals: 2 does not count one reviewer twice",
			policy: "  code_review:\n    min_approvals: 2\n",
			setup: func(r *repo) {
				r.commit(bob, "Add AES\n\nReviewed-by: "+dave.String()+"\nAcked-by: Dave D <DAVE@example.com>")
			},
			want: []string{"insufficient-approvals error Add AES"},
		},
		{
			name:    "mailmap: approval under the author's old address is self-approval",
			mailmap: "Bob Maint <bob@example.com> <bob@old.example>\n",
			setup:   func(r *repo) { r.commit(bob, "Add AES\n\nReviewed-by: Bob <bob@old.example>") },
			want:    []string{"self-approval error Add AES"},
		},
		{
			name:    "without the mailmap the old address is a stranger",
			setup:   func(r *repo) { r.commit(bob, "Add AES\n\nReviewed-by: Bob <bob@old.example>") },
			want:    []string{"insufficient-approvals error Add AES"},
			message: "not in the security model",
		},
		{
			name:   "bot commits are exempt",
			policy: "  code_review:\n    bots: [ci-bot]\n",
			setup:  func(r *repo) { r.commit(ciBot, "Regenerate tables") },
		},
		{
			name: "merges are skipped by default",
			setup: func(r *repo) {
				r.mergeSide(bob, "Merge branch 'side'", reviewed("Side work", dave))
			},
		},
		{
			name:   "merges: check",
			policy: "  code_review:\n    merges: check\n",
			setup: func(r *repo) {
				r.mergeSide(bob, "Merge branch 'side'", reviewed("Side work", dave))
			},
			want: []string{"insufficient-approvals error Merge branch 'side'"},
		},
		{
			name:    "security module without its architect",
			setup:   func(r *repo) { r.commit(bob, reviewed("Add AES", dave), "crypto/aes.c") },
			want:    []string{"security-architect-approval error Add AES"},
			message: "changes security-relevant module crypto (crypto/aes.c) without the approval of its security architect alice",
		},
		{
			name:  "security module with its architect",
			setup: func(r *repo) { r.commit(bob, reviewed("Add AES", alice), "crypto/aes.c") },
		},
		{
			name:  "another module's architect is not enough",
			setup: func(r *repo) { r.commit(bob, reviewed("Add AES", carol), "crypto/aes.c") },
			want:  []string{"security-architect-approval error Add AES"},
		},
		{
			name: "two security modules need both architects",
			setup: func(r *repo) {
				r.commit(bob, reviewed("Touch both", alice), "crypto/aes.c", "net/tcp.c", "net/udp.c")
			},
			want:    []string{"security-architect-approval error Touch both"},
			message: "module net (net/tcp.c and 1 more)",
		},
		{
			name:  "non-security module needs no architect",
			setup: func(r *repo) { r.commit(bob, reviewed("Docs", dave), "docs/index.md") },
		},
		{
			name:  "architect as author: a maintainer's approval is not enough",
			setup: func(r *repo) { r.commit(alice, reviewed("Add AES", bob), "crypto/aes.c") },
			want:  []string{"security-architect-approval error Add AES"},
		},
		{
			name:  "architect as author: another security architect approves",
			setup: func(r *repo) { r.commit(alice, reviewed("Add AES", carol), "crypto/aes.c") },
		},
		{
			name: "architect as author approving themselves",
			setup: func(r *repo) {
				r.commit(alice, reviewed("Add AES", alice, dave), "crypto/aes.c")
			},
			want: []string{"security-architect-approval error Add AES"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newRepo(t, modelYAML("", tc.policy))
			if tc.mailmap != "" {
				r.write(".mailmap", tc.mailmap)
			}
			tc.setup(r)
			out := r.run(CodeReview{})
			got := r.describe(CodeReview{}, out.Findings)
			if !sameLines(got, tc.want) {
				t.Errorf("findings\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if tc.message != "" && (len(out.Findings) != 1 || !strings.Contains(out.Findings[0].Message, tc.message)) {
				t.Errorf("want one finding whose message contains %q, got %+v", tc.message, out.Findings)
			}
			if out.Skipped || !strings.Contains(out.Summary, "commits checked") {
				t.Errorf("outcome %+v", out)
			}
		})
	}
}

func TestCodeReviewSummaryAndSkip(t *testing.T) {
	r := newRepo(t, modelYAML("", ""))
	if out := r.run(CodeReview{}); !out.Skipped || len(out.Findings) != 0 {
		t.Errorf("empty range: %+v, want skipped", out)
	}
	r.commit(bob, reviewed("Add AES", alice), "crypto/aes.c")
	r.commit(bob, "Docs\n\nRefs: #2", "docs/index.md")
	out := r.run(CodeReview{})
	if want := "2 commits checked, 1 touch security-relevant modules, 1 findings"; out.Summary != want {
		t.Errorf("summary %q, want %q", out.Summary, want)
	}
}
