package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSchemaIsValidJSONWithClosedObjects(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(Schema, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", doc["$schema"])
	}
	// Every object schema must close its keys so typos are caught.
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "object" {
				if _, ok := v["additionalProperties"]; !ok {
					t.Errorf("%s: object without additionalProperties", path)
				}
			}
			for k, c := range v {
				walk(path+"/"+k, c)
			}
		case []any:
			for _, c := range v {
				walk(path+"/[]", c)
			}
		}
	}
	walk("#", doc)
	if _, err := loadSchemas(); err != nil {
		t.Fatal(err)
	}
}

func TestSchemaDiagnostics(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // one full diagnostic line
	}{
		{"unknown key with suggestion",
			header + "modules:\n  - id: m\n    paths: [a/**]\n    secutiry_relevant: true\n",
			`security/assure.yaml:7:5: unknown key "secutiry_relevant" (hint: did you mean "security_relevant"? allowed keys: architecture_doc, id, maintainers, name, paths, security_architect, security_relevant)`},
		{"unknown key dash for underscore",
			header + "policy:\n  code-review: {}\n",
			`security/assure.yaml:5:3: unknown key "code-review" (hint: did you mean "code_review"? allowed keys: change_management, code_review, profiles)`},
		{"unknown key without close match",
			header + "zzzzzz: 1\n",
			`security/assure.yaml:4:1: unknown key "zzzzzz" (hint: allowed keys: analysis, complexity, include, kconfig, modules, people, policy, project, threat_model, version)`},
		{"missing version",
			"project: {name: x}\n",
			`security/assure.yaml:1:1: top level: missing required key "version" (hint: add version: 1)`},
		{"wrong version",
			"version: 2\nproject: {name: x}\n",
			`security/assure.yaml:1:10: version: must be 1, got 2 (hint: this version of assure reads model version 1)`},
		{"missing paths",
			header + "modules:\n  - id: m\n",
			`security/assure.yaml:5:5: modules[0]: missing required key "paths" (hint: list the files of the module as globs, e.g. paths: ["drivers/foo/**"])`},
		{"empty paths",
			header + "modules:\n  - id: m\n    paths: []\n",
			`security/assure.yaml:6:12: modules[0].paths: must list at least 1 item(s)`},
		{"string for list",
			header + "people:\n  - id: a\n    name: A\n    emails: a@example.com\n",
			`security/assure.yaml:7:13: people[0].emails: expected a list, got text (hint: write a list: one "- item" per line or [a, b])`},
		{"number for string",
			header + "people:\n  - id: 7\n    name: A\n",
			`security/assure.yaml:5:9: people[0].id: expected text, got a number (hint: quote the value to make it text)`},
		{"string for bool",
			header + "modules:\n  - id: m\n    paths: [a]\n    security_relevant: maybe\n",
			`security/assure.yaml:7:24: modules[0].security_relevant: expected true or false, got text`},
		{"role enum",
			header + "people:\n  - id: a\n    name: A\n    roles: [maintainr]\n",
			`security/assure.yaml:7:13: people[0].roles[0]: "maintainr" is not allowed (hint: did you mean "maintainer"? allowed values: maintainer, security-architect, security-reviewer, release-manager, security-team, contributor, bot)`},
		{"tracker kind enum",
			header + "  tracker: {kind: gitlab}\n",
			`security/assure.yaml:4:19: project.tracker.kind: "gitlab" is not allowed (hint: did you mean "github"? allowed values: none, file, github, jira, server)`},
		{"merges enum",
			header + "policy:\n  change_management:\n    merges: always\n",
			`security/assure.yaml:6:13: policy.change_management.merges: "always" is not allowed (hint: allowed values: skip, check)`},
		{"reverts enum",
			header + "policy:\n  change_management:\n    reverts: skip\n",
			`security/assure.yaml:6:14: policy.change_management.reverts: "skip" is not allowed (hint: did you mean "skip-if-references-commit"? allowed values: skip-if-references-commit, check)`},
		{"unknown_reviewers enum",
			header + "policy:\n  code_review:\n    unknown_reviewers: ignore\n",
			`security/assure.yaml:6:24: policy.code_review.unknown_reviewers: "ignore" is not allowed (hint: allowed values: reject, accept)`},
		{"fail_on enum",
			header + "policy:\n  profiles:\n    pr: {fail_on: warn}\n",
			`security/assure.yaml:6:19: policy.profiles.pr.fail_on: "warn" is not allowed (hint: did you mean "warning"? allowed values: error, warning, note)`},
		{"bad id pattern",
			header + "people:\n  - id: a b\n    name: A\n",
			`security/assure.yaml:5:9: people[0].id: "a b" is not valid (hint: ids start with a letter or digit and use letters, digits, '.', '_' and '-')`},
		{"bad email",
			header + "people:\n  - id: a\n    name: A\n    emails: [alice]\n",
			`security/assure.yaml:7:14: people[0].emails[0]: "alice" is not valid (hint: write a plain address: name@example.com)`},
		{"timeout minimum",
			header + "  tracker: {kind: none, timeout: 0}\n",
			`security/assure.yaml:4:34: project.tracker.timeout: must be at least 1, got 0`},
		{"float for integer",
			header + "policy:\n  code_review: {min_approvals: 1.5}\n",
			`security/assure.yaml:5:32: policy.code_review.min_approvals: expected a whole number, got a number`},
		{"number out of range",
			header + "policy:\n  code_review: {min_approvals: -1.0e+30}\n",
			`security/assure.yaml:5:32: policy.code_review.min_approvals: number out of range`},
		{"empty name",
			"version: 1\nproject: {name: ''}\n",
			`security/assure.yaml:2:17: project.name: must not be empty`},
		{"not a mapping",
			"- a\n",
			`security/assure.yaml:1:1: top level: expected a mapping, got a list (hint: a model file is a mapping of keys such as version, project, people and modules)`},
		{"empty file",
			"",
			`security/assure.yaml:1:1: the file is empty (hint: a model file is a mapping of version, project, people, modules and policy)`},
		{"alias to unknown anchor",
			header + "people: *nope\n",
			`security/assure.yaml:4:9: alias *nope refers to no anchor defined before it (hint: define the anchor (&nope) first)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := loadErr(t, map[string]string{DefaultPath: tt.src}, LoadOptions{})
			got := diagLines(ds)
			if !strings.Contains(got, tt.want+"\n") {
				t.Errorf("want line\n%s\ngot:\n%s", tt.want, got)
			}
		})
	}
}

func TestAliasesAndMergeKeys(t *testing.T) {
	src := header + `people:
  - &alice
    id: alice
    name: Alice
    roles: [security-architect]
  - <<: *alice
    id: alice2
modules:
  - id: m
    paths: &p [a/**]
    security_relevant: true
    security_architect: alice
  - id: n
    paths: *p
`
	m, err := Load(writeTree(t, map[string]string{DefaultPath: src}), DefaultPath)
	if err != nil {
		t.Fatal(err)
	}
	if p := m.People[1]; p.ID != "alice2" || p.Name != "Alice" || !p.HasRole(RoleSecurityArchitect) {
		t.Errorf("merged person = %+v", p)
	}
	if got := m.Modules[1].Paths; len(got) != 1 || got[0] != "a/**" {
		t.Errorf("aliased paths = %q", got)
	}
}

func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString(header + "x0: &a0 [1,1,1,1,1,1,1,1,1,1]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("x" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	ds := loadErr(t, map[string]string{DefaultPath: b.String()}, LoadOptions{})
	if !strings.Contains(diagLines(ds), "expands to more than") {
		t.Errorf("want an expansion limit diagnostic, got:\n%s", diagLines(ds))
	}
}
