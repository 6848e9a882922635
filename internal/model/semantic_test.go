package model

import (
	"strings"
	"testing"
)

const people2 = `people:
  - id: alice
    name: Alice
    emails: [alice@example.com]
    github: alice
    roles: [security-architect]
  - id: bob
    name: Bob
    emails: [bob@example.com]
    roles: [maintainer]
`

func TestSemanticDiagnostics(t *testing.T) {
	known := LoadOptions{KnownChecks: []string{"change-ref", "code-review", "security-review"}}
	tests := []struct {
		name  string
		files map[string]string
		opts  LoadOptions
		want  string
	}{
		{name: "duplicate person id across files",
			files: map[string]string{
				DefaultPath:       header + "include: [a.yaml]\n" + people2,
				"security/a.yaml": "people:\n  - id: bob\n    name: Other Bob\n",
			},
			want: `security/a.yaml:2:9: duplicate person id "bob" (hint: first defined at security/assure.yaml:11:9)`},
		{name: "duplicate module id",
			files: map[string]string{DefaultPath: header + "modules:\n  - id: m\n    paths: [a]\n  - id: m\n    paths: [b]\n"},
			want:  `security/assure.yaml:7:9: duplicate module id "m" (hint: first defined at security/assure.yaml:5:9)`},
		{name: "duplicate email ignoring case",
			files: map[string]string{DefaultPath: header + people2 + "  - id: carol\n    name: Carol\n    emails: [Alice@Example.com]\n"},
			want:  `security/assure.yaml:16:14: e-mail "Alice@Example.com" is already listed for person "alice" (hint: an address identifies one person; remove it from one of them (security/assure.yaml:5:5))`},
		{name: "duplicate github login",
			files: map[string]string{DefaultPath: header + people2 + "  - id: carol\n    name: Carol\n    github: ALICE\n"},
			want:  `security/assure.yaml:16:13: GitHub login "ALICE" is already used by person "alice" (hint: each account belongs to one person (security/assure.yaml:5:5))`},
		{name: "unknown security architect",
			files: map[string]string{DefaultPath: header + people2 + "modules:\n  - id: m\n    paths: [a]\n    security_architect: alcie\n"},
			want:  `security/assure.yaml:17:25: security_architect "alcie" is not a person in the model (hint: did you mean "alice"? name a person by id or by one of their e-mails)`},
		{name: "unknown maintainer email",
			files: map[string]string{DefaultPath: header + people2 + "modules:\n  - id: m\n    paths: [a]\n    maintainers: [bob, eve@example.com]\n"},
			want:  `security/assure.yaml:17:24: maintainer "eve@example.com" is not a person in the model (hint: name a person by id or by one of their e-mails)`},
		{name: "unknown bot id",
			files: map[string]string{DefaultPath: header + people2 + "policy:\n  code_review:\n    bots: [renovate, 'x@bots.example']\n"},
			want:  `security/assure.yaml:16:12: bot "renovate" is not a person in the model (hint: name a person by id or by one of their e-mails)`},
		{name: "security relevant without architect",
			files: map[string]string{DefaultPath: header + "modules:\n  - id: crypto\n    paths: [crypto/**]\n    security_relevant: true\n"},
			want:  `security/assure.yaml:5:5: module "crypto" is security relevant but has no security_architect (hint: add security_architect: <person id>)`},
		{name: "architect lacks role",
			files: map[string]string{DefaultPath: header + people2 + "modules:\n  - id: m\n    paths: [a]\n    security_relevant: true\n    security_architect: bob@example.com\n"},
			want:  `security/assure.yaml:18:25: security_architect "bob@example.com" of module "m" lacks the role security-architect (hint: add security-architect to the roles of "bob" (security/assure.yaml:10:5))`},
		{name: "states with a tracker that cannot tell them",
			files: map[string]string{DefaultPath: "version: 1\nproject:\n  name: p\n  tracker:\n    kind: none\n    states: [open]\n"},
			want:  `security/assure.yaml:6:13: tracker states are set but tracker.kind is none, which checks references only for their form (hint: set tracker.kind to file, github, jira or server so states can be looked up, or remove states)`},
		{name: "invalid glob",
			files: map[string]string{DefaultPath: header + "modules:\n  - id: m\n    paths: ['a/[b']\n"},
			want:  `security/assure.yaml:6:13: path "a/[b" is not a valid glob (hint: check brackets and braces; ** matches any number of directories)`},
		{name: "absolute module path",
			files: map[string]string{DefaultPath: header + "modules:\n  - id: m\n    paths: [/kernel/**]\n"},
			want:  `security/assure.yaml:6:13: path "/kernel/**" must be relative to the repository root (hint: write "kernel/**")`},
		{name: "module path with trailing slash",
			files: map[string]string{DefaultPath: header + "modules:\n  - id: m\n    paths: [kernel/]\n"},
			want:  `security/assure.yaml:6:13: path "kernel/" ends with / (hint: write "kernel/**" for everything below the directory)`},
		{name: "pattern does not compile",
			files: map[string]string{DefaultPath: header + "policy:\n  change_management:\n    patterns: ['(?P<ref>\\d+']\n"},
			want:  `security/assure.yaml:6:16: invalid regular expression: missing closing ): ` + "`(?P<ref>\\d+`" + ` (hint: patterns use Go regexp syntax (RE2))`},
		{name: "pattern without ref group",
			files: map[string]string{DefaultPath: header + "policy:\n  change_management:\n    patterns:\n      - '#(\\d+)'\n"},
			want:  `security/assure.yaml:7:9: pattern has no named group "ref" (hint: capture the reference with (?P<ref>...), e.g. ` + "`\\bFixes #(?P<ref>\\d+)`" + `)`},
		{name: "unknown check",
			files: map[string]string{DefaultPath: header + "policy:\n  profiles:\n    release:\n      checks: [code-reviw]\n"},
			opts:  known,
			want:  `security/assure.yaml:7:16: profile "release" names unknown check "code-reviw" (hint: did you mean "code-review"? known checks: change-ref, code-review, security-review)`},
		{name: "bad profile name",
			files: map[string]string{DefaultPath: header + "policy:\n  profiles:\n    'a b': {}\n"},
			want:  `security/assure.yaml:6:5: invalid profile name "a b" (hint: profile names start with a letter or digit and use letters, digits, '_' and '-')`},
		{name: "negative min approvals",
			files: map[string]string{DefaultPath: header + "policy:\n  code_review:\n    min_approvals: -1\n"},
			want:  `security/assure.yaml:6:20: policy.code_review.min_approvals: must not be negative, got -1 (hint: 1 or more independent approvals per change)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := loadErr(t, tt.files, tt.opts)
			got := diagLines(ds)
			if !strings.Contains(got, tt.want+"\n") {
				t.Errorf("want line\n%s\ngot:\n%s", tt.want, got)
			}
		})
	}
}

func TestSemanticReportsAll(t *testing.T) {
	src := header + people2 + `modules:
  - id: a
    paths: ['[']
    security_relevant: true
  - id: a
    paths: [x]
    maintainers: [nobody]
`
	ds := loadErr(t, map[string]string{DefaultPath: src}, LoadOptions{})
	if len(ds) != 4 {
		t.Errorf("want 4 diagnostics (glob, no architect, duplicate, unknown maintainer), got:\n%s", diagLines(ds))
	}
}

func TestUnknownChecksIgnoredWithoutList(t *testing.T) {
	src := header + "policy:\n  profiles:\n    pr: {checks: [anything]}\n"
	if _, err := Load(writeTree(t, map[string]string{DefaultPath: src}), DefaultPath); err != nil {
		t.Fatal(err)
	}
}
