package main

import (
	"os"
	"os/exec"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/assure-dev/assure/internal/waiver"
)

func init() {
	scriptCommands["need-tool"] = needTool
	scriptCommands["waiver-edit"] = waiverEdit
}

// needTool PROGRAM PACKAGE: the story needs PROGRAM; when it is missing the
// story fails and says how to install it (never a silent skip).
func needTool(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: need-tool PROGRAM PACKAGE")
	}
	if _, err := exec.LookPath(args[0]); err != nil {
		ts.Fatalf("%s is not installed: apt-get install -y %s (CI installs it with .ci/deps.d/analysis.sh)", args[0], args[1])
	}
}

// waiverEdit FILE ID FIELD VALUE stands for a person editing one field of
// one waiver of the registry by hand: VALUE "-" removes the field; for
// approvers VALUE is "person:date,person:date". The file is rewritten in
// the registry's canonical form.
func waiverEdit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: waiver-edit FILE ID FIELD VALUE")
	}
	file, id, field, val := ts.MkAbs(args[0]), args[1], args[2], args[3]
	if val == "-" {
		val = ""
	}
	data, err := os.ReadFile(file)
	ts.Check(err)
	reg, err := waiver.Parse(args[0], data)
	ts.Check(err)
	w := reg.Get(id)
	if w == nil {
		ts.Fatalf("%s has no waiver %s", args[0], id)
	}
	set := map[string]*string{
		"tool": &w.Tool, "tool_version": &w.ToolVersion, "rule": &w.Rule, "file": &w.File, "fingerprint": &w.Fingerprint,
		"analysis_date": &w.AnalysisDate, "branch": &w.Branch, "revision": &w.Revision, "reason": &w.Reason,
		"author": &w.Author, "expires": &w.Expires, "id": &w.ID,
	}
	switch field {
	case "status":
		w.Status = waiver.Status(val)
	case "category":
		w.Category = waiver.Category(val)
	case "approvers":
		w.Approvers = nil
		for a := range strings.SplitSeq(val, ",") {
			if a == "" {
				continue
			}
			p, d, _ := strings.Cut(a, ":")
			w.Approvers = append(w.Approvers, waiver.Approval{Person: p, Date: d})
		}
	default:
		p, ok := set[field]
		if !ok {
			ts.Fatalf("waiver-edit: unknown field %q", field)
		}
		*p = val
	}
	ts.Check(os.WriteFile(file, waiver.Marshal(reg), 0o644))
}
