package complexity

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func names(fs []Function) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.File+":"+f.Name)
	}
	return out
}

func TestAnalyzeWalk(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"src/a.c":          "int a(void) { return 1; }\n",
		"src/b.h":          "static inline int b(int x) { return x ? 1 : 0; }\n",
		"src/same.c":       "int a(void) { return 1; }\n", // identical content still counts
		"src/gen/big.c":    "int gen(void) { return 0; }\n",
		"lib/m.go":         "package m\nfunc M() {}\n",
		"lib/x.cc":         "int X::y() { return 0; }\n",
		".git/objects.c":   "int hidden(void) {}\n",
		"docs/readme.md":   "int notcode(void) {}\n",
		"src/bin.c":        "int z\x00;",
		"src/.hidden/h.c":  "int h(void) {}\n",
		"src/nested/dir.c": "int d(void) {}\n",
	})
	res, err := Analyze(context.Background(), Options{Dir: dir, Paths: []string{"src", "lib"}, Exclude: []string{"src/gen/**"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"lib/m.go:M", "lib/x.cc:X::y", "src/a.c:a", "src/b.h:b", "src/nested/dir.c:d", "src/same.c:a"}
	if got := names(res.Functions); !reflect.DeepEqual(got, want) {
		t.Errorf("functions %v, want %v", got, want)
	}
	if res.Files != 6 {
		t.Errorf("files = %d, want 6", res.Files)
	}
	if len(res.Warnings) != 1 || res.Warnings[0].String() != "src/bin.c: skipped: binary file (holds NUL bytes)" {
		t.Errorf("warnings = %v", res.Warnings)
	}
}

// The result is the same whatever the number of workers.
func TestAnalyzeDeterministic(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files[filepath.Join("d", strings.Repeat("x", i%7), "f"+itoa(i)+".c")] = "int f" + itoa(i) + "(int a) { return a && " + itoa(i) + "; }\n"
	}
	dir := writeTree(t, files)
	var first *Result
	for _, w := range []int{1, 2, 8} {
		res, err := Analyze(context.Background(), Options{Dir: dir, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			continue
		}
		if !reflect.DeepEqual(res, first) {
			t.Errorf("workers=%d gives a different result", w)
		}
	}
	if len(first.Functions) != 40 {
		t.Errorf("%d functions, want 40", len(first.Functions))
	}
}

func TestAnalyzeErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "x", "dir.c/x.c": "int x(void) {}\n"})
	if _, err := Analyze(context.Background(), Options{Dir: dir, Paths: []string{"missing"}}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing path: err = %v", err)
	}
	if _, err := Analyze(context.Background(), Options{Dir: dir, Exclude: []string{"[a"}}); err == nil || !strings.Contains(err.Error(), "not a valid glob") {
		t.Errorf("bad glob: err = %v", err)
	}
	res, err := Analyze(context.Background(), Options{Dir: dir, Paths: []string{"a.txt", "dir.c"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].String(), "a.txt: skipped: not a C, C++ or Go file") {
		t.Errorf("warnings = %v", res.Warnings)
	}
	if got := names(res.Functions); !reflect.DeepEqual(got, []string{"dir.c/x.c:x"}) {
		t.Errorf("functions = %v", got)
	}
	// A path that cannot be read is a warning naming it, not an error.
	r, _ := analyzeFile(input{path: dir, name: "dir.c", size: 1}, nil)
	if !r.Skipped || len(r.Warnings) != 1 || !strings.HasPrefix(r.Warnings[0].String(), "dir.c: skipped: ") {
		t.Errorf("unreadable: %+v", r)
	}
}

func TestAnalyzeCancelled(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.c": "int a(void) {}\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyze(ctx, Options{Dir: dir}); err == nil {
		t.Error("a cancelled analysis returned no error")
	}
}
