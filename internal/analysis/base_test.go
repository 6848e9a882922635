package analysis

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=A",
		"GIT_COMMITTER_EMAIL=a@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestCollectAtBase analyses the base of a change in a worktree: the
// finding the change adds is absent there, the findings it moved keep
// their ids, and the worktree is gone afterwards.
func TestCollectAtBase(t *testing.T) {
	root := fixture(t, "c")
	gitIn(t, root, "init", "-q", "-b", "main")
	gitIn(t, root, "add", ".")
	gitIn(t, root, "commit", "-q", "-m", "base")
	base := gitIn(t, root, "rev-parse", "HEAD")

	cp := filepath.Join(root, "src", "copy.c")
	b, _ := os.ReadFile(cp)
	changed := strings.Replace(string(b), "#include <string.h>\n", "#include <string.h>\n\nvoid added(char *d, const char *s)\n{\n\tstrcat(d, s);\n}\n", 1)
	writeFile(t, cp, changed)
	gitIn(t, root, "commit", "-q", "-am", "change")

	m := &model.Model{Analysis: model.Analysis{Steps: cSteps(t)[:1]}}
	head, _, err := Collect(context.Background(), root, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	old, reps, err := CollectAt(context.Background(), root, base, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].Results != len(old) {
		t.Fatalf("reports %+v", reps)
	}
	inBase := map[string]bool{}
	for _, r := range old {
		inBase[r.Fingerprint] = true
	}
	var added []string
	for _, r := range head {
		if !inBase[r.Fingerprint] {
			added = append(added, r.Location()+" "+r.Rule)
		}
	}
	if len(old) != len(head)-1 || len(added) != 1 || !strings.HasPrefix(added[0], "src/copy.c:9:") {
		t.Fatalf("new at head: %v (base %d results, head %d)\nbase:\n%s", added, len(old), len(head), render(old))
	}
	if wt := gitIn(t, root, "worktree", "list", "--porcelain"); strings.Count(wt, "worktree ") != 1 {
		t.Fatalf("a worktree was left behind:\n%s", wt)
	}
	if _, _, err := CollectAt(context.Background(), root, "no-such-rev", m, Options{}); err == nil ||
		!strings.Contains(err.Error(), "checking out base revision no-such-rev") {
		t.Fatalf("err = %v", err)
	}
}
