package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzLoad(f *testing.F) {
	seeds := []string{
		"",
		header,
		header + people2 + "modules:\n  - id: m\n    paths: [a/**]\n    security_relevant: true\n    security_architect: alice\n",
		header + "include: ['*']\n",
		header + "include: [nope.yaml, ../x, /abs, '[']\n",
		header + "people: [{id: a, name: A, emails: [a@b]}, {id: a, name: B}]\n",
		header + "policy:\n  profiles: {pr: {checks: [x], fail_on: note}}\n  change_management: {patterns: ['(?P<ref>\\d+)', '(']}\n  code_review: {min_approvals: -3}\n",
		"a: &a [1,2]\nb: &b [*a,*a]\nc: [*b,*b]\n",
		"version: 1\nproject:\n\tname: x\n",
		"version: .inf\nproject: !!str 12\n",
		"? [a]\n: b\n",
		"<<: {version: 1}\nproject: {name: x}\n",
		"--- \n...\n---\n",
		"key: |\n  literal\n",
		"version: 1\nproject: {name: x}\nmodules:\n  - {id: m, paths: ['/x', 'a/', '\\\\b']}\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "assure.yaml"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := LoadWith(dir, "assure.yaml", LoadOptions{KnownChecks: []string{"change-ref"}})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Diagnostics) == 0 {
				t.Fatalf("error %T without diagnostics: %v", err, err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "assure.yaml") {
					t.Fatalf("diagnostic line does not start with the file name: %q\nfull error:\n%s", line, err)
				}
			}
			return
		}
		if len(m.Files) != 1 || m.Files[0] != "assure.yaml" || m.Version != 1 || m.Project.Name == "" {
			t.Fatalf("loaded model is inconsistent: files %q version %d name %q", m.Files, m.Version, m.Project.Name)
		}
		for _, p := range m.People {
			if got, ok := m.PersonByID(p.ID); !ok || got.ID != p.ID {
				t.Fatalf("PersonByID(%q) failed", p.ID)
			}
			if p.Pos.File != "assure.yaml" || p.Pos.Line < 1 {
				t.Fatalf("person %q has position %+v", p.ID, p.Pos)
			}
		}
		for _, mod := range m.Modules {
			for _, p := range mod.Paths {
				m.ModulesFor(p)
			}
		}
		m.ModulesFor("a/b/c")
		m.Profile("pr")
	})
}
