package main

import (
	"os"
	"os/exec"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	scriptCommands["record-head"] = recordHead
	scriptCommands["share-gocache"] = shareGoCache
}

// shareGoCache points the story's go command at the build cache of the go
// command running the tests: a story that runs `go test` inside a fresh
// HOME would otherwise compile the standard library from scratch.
func shareGoCache(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: share-gocache")
	}
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	ts.Check(err)
	ts.Setenv("GOCACHE", strings.TrimSpace(string(out)))
	ts.Setenv("GOFLAGS", "-buildvcs=false")
	ts.Setenv("GOTOOLCHAIN", "local")
}

// recordHead FILE WORD replaces WORD in FILE with the full id of the
// commit checked out, so a story can record "reviewed at this commit" in
// a threat model file the way an architect would paste it.
func recordHead(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: record-head FILE WORD")
	}
	cmd := exec.Command("git", "rev-parse", "HEAD")
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = os.Environ()
	out, err := cmd.Output()
	ts.Check(err)
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	if !strings.Contains(string(data), args[1]) {
		ts.Fatalf("%s does not contain %q", args[0], args[1])
	}
	ts.Check(os.WriteFile(path, []byte(strings.ReplaceAll(string(data), args[1], strings.TrimSpace(string(out)))), 0o644))
}
