package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree creates files (slash paths relative to a new temp dir) and
// returns the dir.
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

// loadErr loads and returns the diagnostics; it fails the test when the
// model loads or the error is not an *Error.
func loadErr(t *testing.T, files map[string]string, opts LoadOptions) []Diagnostic {
	t.Helper()
	dir := writeTree(t, files)
	_, err := LoadWith(dir, DefaultPath, opts)
	if err == nil {
		t.Fatalf("model loaded, want an error")
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error is %T, want *Error: %v", err, err)
	}
	return e.Diagnostics
}

func diagLines(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String())
		b.WriteString("\n")
	}
	return b.String()
}

// header is the smallest valid root file; tests append to it.
const header = "version: 1\nproject:\n  name: t\n"
