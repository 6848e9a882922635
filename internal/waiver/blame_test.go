package waiver

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func git(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	cmd.Env = append(cmd.Env, env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func as(name, email string) []string {
	return []string{"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email, "GIT_COMMITTER_NAME=" + name, "GIT_COMMITTER_EMAIL=" + email}
}

func TestBlame(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "a.c"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, nil, "init", "-q")
	write("one\ntwo\nthree\n")
	git(t, dir, as("Alice Author", "alice@example.com"), "add", "a.c")
	git(t, dir, as("Alice Author", "alice@example.com"), "commit", "-q", "-m", "a")
	write("one\nTWO\nTHREE\n")
	git(t, dir, as("Bob Builder", "bob@old.example.com"), "commit", "-q", "-am", "b")
	if err := os.WriteFile(filepath.Join(dir, ".mailmap"), []byte("Bob Builder <bob@example.com> <bob@old.example.com>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		first, last int
		want        Author
	}{
		{1, 1, Author{Name: "Alice Author", Email: "alice@example.com"}},
		{2, 3, Author{Name: "Bob Builder", Email: "bob@example.com"}}, // through .mailmap
		{1, 3, Author{Name: "Bob Builder", Email: "bob@example.com"}}, // most lines
		{1, 2, Author{Name: "Alice Author", Email: "alice@example.com"}},
	}
	for _, tt := range tests {
		got, err := Blame(context.Background(), dir, "a.c", tt.first, tt.last)
		if err != nil || got != tt.want {
			t.Errorf("Blame(%d,%d) = %+v, %v; want %+v", tt.first, tt.last, got, err, tt.want)
		}
	}
	write("one\nTWO\nTHREE\nfour\n")
	got, err := Blame(context.Background(), dir, "a.c", 4, 4)
	if err != nil || !got.Uncommitted {
		t.Errorf("an uncommitted line: %+v, %v", got, err)
	}
	if _, err := Blame(context.Background(), dir, "missing.c", 1, 1); err == nil {
		t.Error("blame of a missing file succeeded")
	}
}

func TestMarkerFilesAndScan(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"src/a.c":       "x(); /* assure: waive W-0001 */\n",
		"src/b.c":       "int b;\n",
		"docs/guide.md": "Write /* assure: waive W-0042 */ above the line.\n",
		"tool/x.go":     "f() //nolint:gosec\n",
	}
	for f, s := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, nil, "init", "-q")
	git(t, dir, nil, "add", ".")
	got, err := MarkerFiles(context.Background(), dir)
	if err != nil || strings.Join(got, " ") != "src/a.c tool/x.go" {
		t.Fatalf("MarkerFiles = %v, %v", got, err)
	}
	tree, err := OpenTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "src/link.c")); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]int{"src/a.c": 1, "tool/x.go": 1, "src/b.c": 0, "gone.c": 0, "../escape.c": 0, "src/link.c": 0, "src": 0} {
		cs, err := tree.Comments(f)
		if err != nil || len(cs) != want {
			t.Errorf("Comments(%s) = %v, %v; want %d", f, cs, err, want)
		}
	}
	empty := t.TempDir()
	git(t, empty, nil, "init", "-q")
	if got, err := MarkerFiles(context.Background(), empty); err != nil || len(got) != 0 {
		t.Errorf("an empty repository: %v, %v", got, err)
	}
	if _, err := MarkerFiles(context.Background(), t.TempDir()); err == nil {
		t.Error("MarkerFiles outside a repository succeeded")
	}
}
