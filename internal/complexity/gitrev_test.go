package complexity

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func gitRepo(t *testing.T) (dir string, run func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed (apt-get install -y git)")
	}
	dir = t.TempDir()
	run = func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com",
			"GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com", "GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q", "-b", "main")
	return dir, run
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRevisions(t *testing.T) {
	dir, git := gitRepo(t)
	write(t, dir, "src/keep.c", "int keep(int a) { return a ? 1 : 0; }\n")
	write(t, dir, "src/old.c", "int moved(void)\n{\n    return 1;\n}\n/* padding so git sees a rename */\n/* more */\n/* more */\n")
	write(t, dir, "src/gone.c", "int gone(void) { return 0; }\n")
	write(t, dir, "README", "not code\n")
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	base := git("rev-parse", "HEAD")
	git("mv", "src/old.c", "src/new name.c")
	git("rm", "-q", "src/gone.c")
	write(t, dir, "src/keep.c", "int keep(int a) { return a && a > 1 ? 1 : 0; }\n")
	write(t, dir, "src/add.go", "package p\nfunc Add() {}\n")
	write(t, dir, "work-tree-only.c", "int uncommitted(void) {}\n")
	git("add", "src")
	git("commit", "-q", "-m", "head")
	head := git("rev-parse", "HEAD")

	ctx := context.Background()
	cs, err := ChangedFiles(ctx, dir, base, head)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{Path: "src/add.go"}, {Path: "src/keep.c", Old: "src/keep.c"}, {Path: "src/new name.c", Old: "src/old.c"}}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("changes = %+v, want %+v", cs, want)
	}
	res, err := AnalyzeFiles(ctx, dir, base, []string{"src/keep.c", "src/old.c", "src/missing.c"})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res.Functions); !reflect.DeepEqual(got, []string{"src/keep.c:keep", "src/old.c:moved"}) || res.Functions[0].CCN != 2 {
		t.Errorf("base functions = %v %+v", got, res.Functions)
	}
	res, err = AnalyzeTree(ctx, dir, head, func(p string) bool { return !strings.HasSuffix(p, ".go") })
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res.Functions); !reflect.DeepEqual(got, []string{"src/keep.c:keep", "src/new name.c:moved"}) || res.Functions[0].CCN != 3 {
		t.Errorf("head functions = %v %+v", got, res.Functions)
	}
	if _, err := AnalyzeTree(ctx, dir, "no-such-rev", nil); err == nil || !strings.Contains(err.Error(), "git ls-tree") {
		t.Errorf("bad revision: err = %v", err)
	}
}
