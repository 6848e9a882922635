package gate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/model"
)

var zero = strings.Repeat("0", 40)

// server is a bare repository that received a first push of main carrying
// the model, and the work repository it came from.
func server(t *testing.T) (work, bare *gitRepo, first string) {
	t.Helper()
	bare = newGitRepo(t, true)
	work = newGitRepo(t, false).withModel(gateModel("", ""))
	first = work.commit(ann, "Initial import\n\nRefs: #1")
	work.git("push", "-q", bare.dir, "main")
	return work, bare, first
}

// receive puts the objects of work's HEAD into bare without updating any
// ref, which is the state a pre-receive hook sees.
func receive(work, bare *gitRepo) string {
	work.git("push", "-q", bare.dir, "HEAD:refs/incoming/tmp")
	bare.git("update-ref", "-d", "refs/incoming/tmp")
	return work.git("rev-parse", "HEAD")
}

func TestCheckPush(t *testing.T) {
	tests := []struct {
		name    string
		commits func(w *gitRepo)
		updates func(first, head string) []gate.RefUpdate
		want    []string
	}{
		{
			name: "an unreferenced commit in the pushed range",
			commits: func(w *gitRepo) {
				w.commit(ann, "Add feature\n\nRefs: #1")
				w.commit(ann, "Unreferenced change")
			},
			updates: func(first, head string) []gate.RefUpdate { return []gate.RefUpdate{{first, head, "refs/heads/main"}} },
			want:    []string{unreferenced},
		},
		{
			name:    "every commit referenced",
			commits: func(w *gitRepo) { w.commit(ann, "Add feature\n\nRefs: #1") },
			updates: func(first, head string) []gate.RefUpdate { return []gate.RefUpdate{{first, head, "refs/heads/main"}} },
		},
		{
			name:    "a new branch brings only commits no ref has",
			commits: func(w *gitRepo) { w.commit(ann, "Unreferenced change") },
			updates: func(first, head string) []gate.RefUpdate { return []gate.RefUpdate{{zero, head, "refs/heads/topic"}} },
			want:    []string{unreferenced},
		},
		{
			name:    "one commit pushed to two branches is judged once",
			commits: func(w *gitRepo) { w.commit(ann, "Unreferenced change") },
			updates: func(first, head string) []gate.RefUpdate {
				return []gate.RefUpdate{{first, head, "refs/heads/main"}, {zero, head, "refs/heads/topic"}}
			},
			want: []string{unreferenced},
		},
		{
			name: "a revert of a pushed commit is exempt",
			commits: func(w *gitRepo) {
				h := w.commit(ann, "Add feature\n\nRefs: #1")
				w.commit(ann, "Revert \"Add feature\"\n\nThis reverts commit "+h+".")
			},
			updates: func(first, head string) []gate.RefUpdate { return []gate.RefUpdate{{first, head, "refs/heads/main"}} },
		},
		{
			name:    "deleting a branch brings nothing",
			commits: func(w *gitRepo) {},
			updates: func(first, head string) []gate.RefUpdate { return []gate.RefUpdate{{first, zero, "refs/heads/main"}} },
		},
		{
			name:    "tags are not judged",
			commits: func(w *gitRepo) { w.commit(ann, "Unreferenced change") },
			updates: func(first, head string) []gate.RefUpdate { return []gate.RefUpdate{{zero, head, "refs/tags/v2"}} },
		},
		{
			name: "a push that deletes the model is judged by HEAD's",
			commits: func(w *gitRepo) {
				w.git("rm", "-q", "-r", "security")
				w.commit(ann, "Drop the security model\n\nRefs: #1")
				w.commit(ann, "Unreferenced change")
			},
			updates: func(first, head string) []gate.RefUpdate { return []gate.RefUpdate{{first, head, "refs/heads/main"}} },
			want:    []string{unreferenced},
		},
		{
			name: "a push that relaxes the model is judged by HEAD's",
			commits: func(w *gitRepo) {
				w.write("security/assure.yaml", gateModel("  tracker:\n    kind: none\n", "    bots: [ann]\n"))
				w.commit(ann, "Relax the policy\n\nRefs: #7")
				w.commit(ann, "Unreferenced change")
			},
			updates: func(first, head string) []gate.RefUpdate { return []gate.RefUpdate{{first, head, "refs/heads/main"}} },
			want:    []string{"change-management/unresolved-reference Relax the policy", unreferenced},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			work, bare, first := server(t)
			tc.commits(work)
			head := receive(work, bare)
			fs, err := gate.CheckPush(context.Background(), bare.dir, model.DefaultPath, tc.updates(first, head), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := work.subjectsOf(fs); !sameStrings(got, tc.want) {
				t.Errorf("findings %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCheckPushInputErrors(t *testing.T) {
	t.Run("empty repository", func(t *testing.T) {
		bare := newGitRepo(t, true)
		_, err := gate.CheckPush(context.Background(), bare.dir, model.DefaultPath,
			[]gate.RefUpdate{{zero, strings.Repeat("a", 40), "refs/heads/main"}}, nil)
		wantInputError(t, err, "reading the model from HEAD", model.DefaultPath)
	})
	t.Run("unknown new commit", func(t *testing.T) {
		_, bare, first := server(t)
		_, err := gate.CheckPush(context.Background(), bare.dir, model.DefaultPath,
			[]gate.RefUpdate{{first, strings.Repeat("a", 40), "refs/heads/main"}}, nil)
		wantInputError(t, err)
	})
}
