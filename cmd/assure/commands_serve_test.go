package main

import (
	"os"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/assure-dev/assure/internal/advisory"
)

func init() {
	scriptCommands["await-url"] = awaitURL
	scriptCommands["osv-valid"] = osvValid
	scriptCommands["csaf-valid"] = csafValid
}

// awaitURL FILE VAR: wait until a background assure serve has written its
// URL to FILE (--url-file), and put it in $VAR. The bound only keeps a
// server that never starts from hanging the test; nothing is timed.
func awaitURL(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: await-url FILE VAR")
	}
	path := ts.MkAbs(args[0])
	for i := 0; i < 1200; i++ {
		if b, err := os.ReadFile(path); err == nil && strings.HasSuffix(string(b), "\n") {
			ts.Setenv(args[1], strings.TrimSpace(string(b)))
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	ts.Fatalf("%s: the server did not start", args[0])
}

// osvValid FILE: the file is an OSV record by the official schema.
func osvValid(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: osv-valid FILE")
	}
	ts.Check(advisory.ValidateOSV(args[0], []byte(ts.ReadFile(args[0]))))
}

// csafValid FILE: the file is a CSAF 2.0 advisory by the official schema.
func csafValid(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: csaf-valid FILE")
	}
	ts.Check(advisory.ValidateCSAF(args[0], []byte(ts.ReadFile(args[0]))))
}
