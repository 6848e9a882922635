package waiver

import (
	"fmt"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

func validate(t *testing.T, reg *Registry) []Problem {
	t.Helper()
	if reg.NextID == 0 {
		reg.NextID = 100
	}
	return Validate(reg, ModelPeople{Model: testModel()}, Options{Today: "2026-06-01"})
}

func kinds(ps []Problem) string {
	var s []string
	for _, p := range ps {
		k := string(p.Kind)
		if p.Field != "" {
			k += ":" + p.Field
		}
		s = append(s, k)
	}
	return strings.Join(s, " ")
}

func TestValidateComplete(t *testing.T) {
	if ps := validate(t, &Registry{Waivers: []Waiver{complete("W-0001")}}); len(ps) != 0 {
		t.Errorf("a complete waiver has problems: %v", ps)
	}
}

// Every field the process asks for, missing, is a problem of its own
// naming the field.
func TestValidateMissingFields(t *testing.T) {
	for _, r := range required {
		t.Run(r.field, func(t *testing.T) {
			w := complete("W-0001")
			clear := map[string]func(){
				"status": func() { w.Status = "" }, "tool": func() { w.Tool = "" }, "tool_version": func() { w.ToolVersion = "" },
				"rule": func() { w.Rule = "" }, "file": func() { w.File = "" }, "fingerprint": func() { w.Fingerprint = "" },
				"analysis_date": func() { w.AnalysisDate = "" }, "branch": func() { w.Branch = "" }, "revision": func() { w.Revision = "" },
				"category": func() { w.Category = "" }, "reason": func() { w.Reason = "" }, "author": func() { w.Author = "" },
			}[r.field]
			if clear == nil {
				t.Fatalf("no way to clear %s", r.field)
			}
			clear()
			ps := validate(t, &Registry{Waivers: []Waiver{w}})
			if got := kinds(ps); got != "waiver-field:"+r.field {
				t.Fatalf("problems = %s", got)
			}
			if !strings.Contains(ps[0].Message, "("+r.field+")") || ps[0].Hint == "" || ps[0].Waiver != "W-0001" {
				t.Errorf("problem = %+v", ps[0])
			}
		})
	}
}

func TestValidateRules(t *testing.T) {
	approve := func(ps ...string) []Approval {
		var as []Approval
		for _, p := range ps {
			as = append(as, Approval{Person: p, Date: "2026-01-02"})
		}
		return as
	}
	tests := []struct {
		name   string
		change func(w *Waiver)
		want   string
	}{
		{"accepted without approver", func(w *Waiver) { w.Approvers = nil }, "waiver-unapproved:status"},
		{"under review without approver", func(w *Waiver) { w.Status, w.Approvers = UnderReview, nil }, ""},
		{"unknown approver", func(w *Waiver) { w.Approvers = approve("mallory") }, "waiver-unknown-approver:approvers/0"},
		{"approver not a reviewer", func(w *Waiver) { w.Approvers = approve("bob") }, "waiver-approver-role:approvers/0"},
		{"self approval", func(w *Waiver) { w.Author = "carol" }, "waiver-self-approval:approvers/0"},
		{"self approval by e-mail", func(w *Waiver) { w.Author = "carol@example.com" }, "waiver-self-approval:approvers/0"},
		{"author outside the model", func(w *Waiver) { w.Author = "eve@elsewhere.org" }, ""},
		{"not an issue with one approver", func(w *Waiver) { w.Category = NotAnIssue }, "waiver-second-approver:approvers"},
		{"not an issue with two", func(w *Waiver) { w.Category = NotAnIssue; w.Approvers = approve("carol", "dave") }, ""},
		{"not an issue approved twice by one", func(w *Waiver) { w.Category = NotAnIssue; w.Approvers = approve("carol", "carol") },
			"waiver-field:approvers/1 waiver-second-approver:approvers"},
		{"approval without date", func(w *Waiver) { w.Approvers[0].Date = "" }, "waiver-field:approvers/0/date"},
		{"approval bad date", func(w *Waiver) { w.Approvers[0].Date = "2026-13-01" }, "waiver-field:approvers/0/date"},
		{"approval without person", func(w *Waiver) { w.Approvers[0].Person = "" }, "waiver-field:approvers/0/person"},
		{"unknown status", func(w *Waiver) { w.Status = "ok" }, "waiver-field:status"},
		{"unknown category", func(w *Waiver) { w.Category = "wontfix" }, "waiver-field:category"},
		{"bad date", func(w *Waiver) { w.AnalysisDate = "01/02/2026" }, "waiver-field:analysis_date"},
		{"bad revision", func(w *Waiver) { w.Revision = "HEAD~1" }, "waiver-field:revision"},
		{"file outside", func(w *Waiver) { w.File = "../etc/passwd" }, "waiver-field:file"},
		{"bad id", func(w *Waiver) { w.ID = "W42" }, "waiver-field:id"},
		{"no id", func(w *Waiver) { w.ID = "" }, "waiver-field:id"},
		{"expired", func(w *Waiver) { w.Expires = "2026-05-31" }, "waiver-expired:expires"},
		{"expires today", func(w *Waiver) { w.Expires = "2026-06-01" }, ""},
		{"rejected and expired", func(w *Waiver) { w.Status = Rejected; w.Expires = "2020-01-01" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := complete("W-0001")
			tt.change(&w)
			if got := kinds(validate(t, &Registry{Waivers: []Waiver{w}})); got != tt.want {
				t.Errorf("problems = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidateIDs(t *testing.T) {
	reg, err := Parse("w.yaml", []byte(`version: 1
next_id: 4
retired: [W-0002]
waivers:
  - id: W-0001
  - id: W-0001
  - id: W-0002
  - id: W-0007
`))
	if err != nil {
		t.Fatal(err)
	}
	for i := range reg.Waivers {
		id := reg.Waivers[i].ID
		reg.Waivers[i] = complete(id)
		reg.Waivers[i].Pos = model.Pos{File: "w.yaml", Line: 5 + i, Column: 5}
		reg.Waivers[i].fields = map[string]model.Pos{"id": {File: "w.yaml", Line: 5 + i, Column: 9}}
	}
	reg.retired = map[string]model.Pos{"W-0002": {File: "w.yaml", Line: 3, Column: 11}}
	ps := Validate(reg, ModelPeople{Model: testModel()}, Options{Today: "2026-06-01"})
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%s %s: %s", p.Pos, p.Kind, p.Message))
	}
	want := []string{
		"w.yaml:6:9 waiver-duplicate-id: duplicate waiver id W-0001",
		"w.yaml:7:9 waiver-reused-id: waiver id W-0002 is retired (w.yaml:3:11): ids are never reused",
		"w.yaml:8:9 waiver-reused-id: waiver id W-0007 was never issued: next_id is 4, so it may have meant another waiver before",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestQualified(t *testing.T) {
	w := complete("W-0001")
	w.Approvers = append(w.Approvers, Approval{Person: "alice", Date: "2026-01-02"}, Approval{Person: "dave", Date: "2026-01-03"}, Approval{Person: "bob", Date: "2026-01-03"})
	if n := Qualified(&w, ModelPeople{Model: testModel()}); n != 2 {
		t.Errorf("Qualified = %d, want 2 (carol, dave; not the author, not a maintainer)", n)
	}
}
