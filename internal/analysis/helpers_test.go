package analysis

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// writeTree creates files (slash paths relative to a new temp dir) and
// returns the dir.
func writeTree(t testing.TB, files map[string]string) string {
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

// needTool fails the test when an analyzer the test drives is missing: a
// skipped test would pass where the analyzer never ran.
func needTool(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: %s (or run .ci/run, which sources .ci/deps.d/analysis.sh)", name, install)
	}
	return p
}

// fixture copies testdata/<name> into a temp dir, so tools can write there.
func fixture(t testing.TB, name string) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("testdata", name)
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// render is the golden form of results: one line each, everything a user
// or a waiver relies on.
func render(rs []Result) string {
	var b strings.Builder
	for _, r := range rs {
		sup := ""
		if r.Suppressed {
			sup = " suppressed"
		}
		fmt.Fprintf(&b, "%s %s %s/%s %s%s %q snippet=%q\n", r.Location(), r.Fingerprint, r.Tool, r.Rule, r.Level, sup, r.Message, r.Snippet)
	}
	return b.String()
}

// golden compares got with testdata/golden/<name>, or rewrites it under
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update after checking the change):\n--- got\n%s--- want\n%s", p, got, want)
	}
}

// collectInto is an Ingest callback appending to a slice.
func collectInto(out *[]Result) func(*Result) error {
	return func(r *Result) error {
		*out = append(*out, *r)
		return nil
	}
}

func writeFile(t testing.TB, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// defaultTestLimit is the time limit of commands tests run directly.
const defaultTestLimit = 5 * time.Minute
