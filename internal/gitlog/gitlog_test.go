package gitlog

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// repo builds a real repository: a root commit, a branch with two commits
// merged back, and a message full of the characters the record format uses.
func repo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
			"GIT_AUTHOR_NAME=Ann", "GIT_AUTHOR_EMAIL=ann@example.com",
			"GIT_COMMITTER_NAME=Cid", "GIT_COMMITTER_EMAIL=cid@example.com",
			"GIT_AUTHOR_DATE=2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("a.c", "a")
	git("add", ".")
	git("commit", "-q", "-m", "root")
	git("checkout", "-q", "-b", "topic")
	write("dir/b c.c", "b")
	git("add", ".")
	git("commit", "-q", "-m", "topic one\n\nbody with \x1f and \x1e inside\n\nRefs: #1")
	write("a.c", "a2")
	git("commit", "-q", "-am", "topic two")
	git("checkout", "-q", "main")
	write("z.c", "z")
	git("add", ".")
	git("commit", "-q", "-m", "main work")
	git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
	return dir
}

func TestRead(t *testing.T) {
	dir := repo(t)
	ctx := context.Background()
	cs, err := Read(ctx, Options{Dir: dir, Revs: []string{"HEAD"}, Files: true})
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, c := range cs {
		subjects = append(subjects, c.Subject())
	}
	sortedWant := []string{"Merge topic", "main work", "root", "topic one", "topic two"}
	got := append([]string(nil), subjects...)
	sort.Strings(got)
	if !reflect.DeepEqual(got, sortedWant) {
		t.Fatalf("subjects = %v", subjects)
	}
	by := map[string]Commit{}
	for _, c := range cs {
		by[c.Subject()] = c
	}
	one := by["topic one"]
	if !strings.Contains(one.Message, "body with \x1f and \x1e inside") || !strings.HasSuffix(one.Message, "Refs: #1\n") {
		t.Errorf("message mangled: %q", one.Message)
	}
	if !reflect.DeepEqual(one.Files, []string{"dir/b c.c"}) {
		t.Errorf("files of topic one = %q", one.Files)
	}
	if one.AuthorName != "Ann" || one.AuthorEmail != "ann@example.com" || one.CommitterEmail != "cid@example.com" || one.AuthorTime != 1767323045 {
		t.Errorf("identity/time wrong: %+v", one)
	}
	m := by["Merge topic"]
	if !m.IsMerge() || len(m.Parents) != 2 {
		t.Errorf("merge parents = %v", m.Parents)
	}
	// Files of a merge are those it brings relative to its first parent.
	if !reflect.DeepEqual(sorted(m.Files), []string{"a.c", "dir/b c.c"}) {
		t.Errorf("merge files = %q", m.Files)
	}
	if len(by["root"].Parents) != 0 {
		t.Errorf("root has parents %v", by["root"].Parents)
	}
	noFiles, err := Read(ctx, Options{Dir: dir, Revs: []string{"HEAD"}})
	if err != nil || len(noFiles) != 5 || noFiles[0].Files != nil {
		t.Errorf("without Files: %d commits, err %v", len(noFiles), err)
	}
}

func TestRange(t *testing.T) {
	dir := repo(t)
	ctx := context.Background()
	base, err := Verify(ctx, dir, "main~1")
	if err != nil {
		t.Fatal(err)
	}
	cs, err := Read(ctx, Options{Dir: dir, Revs: []string{"^" + base, "HEAD"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 3 { // the merge and the two topic commits
		t.Fatalf("range has %d commits", len(cs))
	}
	g := NewGraph(cs)
	merge := cs[0].Hash
	for _, c := range cs {
		if !g.IsAncestor(c.Hash, merge) {
			t.Errorf("%s should be an ancestor of the merge", c.Subject())
		}
	}
	if g.IsAncestor(merge, cs[1].Hash) {
		t.Error("the merge is not an ancestor of its parents")
	}
	if g.IsAncestor(base, merge) {
		t.Error("commits outside the range are not reached")
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	dir := repo(t)
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"unknown revision", func() error { _, err := Verify(ctx, dir, "no-such-branch"); return err }, `revision "no-such-branch": unknown revision or not a commit (hint: check the name`},
		{"option as revision", func() error { _, err := Verify(ctx, dir, "--all"); return err }, "cannot start with '-'"},
		{"not a repository", func() error { _, err := TopLevel(ctx, t.TempDir()); return err }, "not a git repository (hint: run assure inside a git checkout"},
		{"bad range in log", func() error { _, err := Read(ctx, Options{Dir: dir, Revs: []string{"nope..HEAD"}}); return err }, "hint: check the revision names"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestParseStream(t *testing.T) {
	// Hand-made git output: a commit without files followed by one with two.
	in := "\x1eaaa\x1f\x1fA\x1fa@x\x1fC\x1fc@x\x1f1\x1fsubject\n\x00" +
		"\x1ebbb\x1faaa\x1fB\x1fb@x\x1fC\x1fc@x\x1f2\x1fnext\n\x00\nf1\x00f2\x00"
	var got []Commit
	err := parse(strings.NewReader(in), true, func(c *Commit) error { got = append(got, *c); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Files != nil || !reflect.DeepEqual(got[1].Files, []string{"f1", "f2"}) || got[1].Parents[0] != "aaa" {
		t.Fatalf("got %+v", got)
	}
	if err := parse(strings.NewReader("\x1etoo\x1ffew"), false, func(*Commit) error { return nil }); err == nil {
		t.Fatal("a short record must be an error")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("\x1eaaa\x1f\x1fA\x1fa@x\x1fC\x1fc@x\x1f1\x1fsubject\n\x00\nf1\x00")
	f.Add("")
	f.Add("\x00\x00\x1e")
	f.Fuzz(func(t *testing.T, in string) {
		_ = parse(strings.NewReader(in), true, func(c *Commit) error {
			if c == nil {
				t.Fatal("nil commit")
			}
			return nil
		})
	})
}

func sorted(s []string) []string { s = append([]string(nil), s...); sort.Strings(s); return s }

func TestHead(t *testing.T) {
	ctx := context.Background()
	dir := repo(t)
	id, err := Head(ctx, dir)
	if err != nil || len(id) != 40 {
		t.Fatalf("Head = %q, %v", id, err)
	}
	if Shallow(ctx, dir) {
		t.Error("a full repository is not shallow")
	}

	unborn := t.TempDir()
	if out, err := exec.Command("git", "init", "-q", unborn).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	if id, err := Head(ctx, unborn); err != nil || id != "" {
		t.Errorf("unborn Head = %q, %v; want \"\", nil", id, err)
	}

	// A damaged repository is an error, never an empty one.
	objects := filepath.Join(dir, ".git", "objects")
	entries, _ := os.ReadDir(objects)
	for _, e := range entries {
		if len(e.Name()) == 2 {
			if err := os.RemoveAll(filepath.Join(objects, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := Head(ctx, dir); err == nil || !strings.Contains(err.Error(), "not a commit in the object database (hint: the repository is damaged") {
		t.Errorf("damaged Head error = %v", err)
	}
}

func TestShallow(t *testing.T) {
	ctx := context.Background()
	src := repo(t)
	dst := filepath.Join(t.TempDir(), "shallow")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+src, dst).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v %s", err, out)
	}
	if !Shallow(ctx, dst) {
		t.Error("a --depth 1 clone is shallow")
	}
}
