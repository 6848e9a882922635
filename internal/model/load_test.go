package model

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadValid(t *testing.T) {
	m, err := LoadWith("testdata/valid", DefaultPath, LoadOptions{KnownChecks: []string{"change-ref", "code-review"}})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	wantFiles := []string{"security/assure.yaml", "security/people.yaml", "security/modules/a-crypto.yaml", "security/modules/b-net.yaml"}
	if !reflect.DeepEqual(m.Files, wantFiles) {
		t.Errorf("Files = %q, want %q", m.Files, wantFiles)
	}
	if m.Root != "security/assure.yaml" || m.Version != 1 || m.Project.Name != "Demo RTOS" {
		t.Errorf("Root %q Version %d Project %q", m.Root, m.Version, m.Project.Name)
	}
	var ids []string
	for _, p := range m.People {
		ids = append(ids, p.ID+"@"+p.Pos.String())
	}
	wantPeople := []string{"alice@security/assure.yaml:15:5", "bob@security/people.yaml:2:5", "ci-bot@security/people.yaml:7:5"}
	if !reflect.DeepEqual(ids, wantPeople) {
		t.Errorf("people = %q, want %q", ids, wantPeople)
	}
	ids = nil
	for _, mod := range m.Modules {
		ids = append(ids, mod.ID+"@"+mod.Pos.String())
	}
	wantModules := []string{"kernel@security/assure.yaml:22:5", "crypto@security/modules/a-crypto.yaml:2:5", "net@security/modules/b-net.yaml:2:5"}
	if !reflect.DeepEqual(ids, wantModules) {
		t.Errorf("modules = %q, want %q", ids, wantModules)
	}
	if got := m.Policy.CodeReview.MinApprovals; got != 2 {
		t.Errorf("min_approvals = %d", got)
	}
	if got := m.Policy.ChangeManagement.Patterns; len(got) != 1 || !strings.Contains(got[0], "(?P<ref>") {
		t.Errorf("patterns = %q", got)
	}
}

func TestLoadMissingRoot(t *testing.T) {
	_, err := Load(t.TempDir(), "security/assure.yaml")
	want := `security/assure.yaml: no such file (hint: run "assure init" to create a starter model)`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

func TestLoadRootOutsideRepository(t *testing.T) {
	_, err := Load(t.TempDir(), "../assure.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "../assure.yaml: model file is not inside") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadSyntaxError(t *testing.T) {
	tests := []struct {
		name, src, prefix string
	}{
		{"unclosed flow", header + "people: [\n", "security/assure.yaml:4:"},
		{"duplicate key", header + "version: 1\n", "security/assure.yaml:4:1: invalid YAML: mapping key \"version\" already defined"},
		{"tab indent", "version: 1\nproject:\n\tname: x\n", "security/assure.yaml:3:"},
		{"two documents", header + "---\nversion: 1\n", "security/assure.yaml:4:1: a model file holds one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := loadErr(t, map[string]string{DefaultPath: tt.src}, LoadOptions{})
			if len(ds) != 1 {
				t.Fatalf("want one diagnostic, got:\n%s", diagLines(ds))
			}
			got := ds[0].String()
			if !strings.HasPrefix(got, tt.prefix) || strings.Contains(got, "\n") || strings.Contains(got, ">") {
				t.Errorf("got %q, want prefix %q on one line without a source excerpt", got, tt.prefix)
			}
		})
	}
}

func TestInclude(t *testing.T) {
	person := func(id string) string { return "people:\n  - id: " + id + "\n    name: " + id + "\n" }
	tests := []struct {
		name  string
		files map[string]string
		want  string // a full diagnostic line, or "" when the model must load
		order []string
	}{
		{
			name: "nested and glob order",
			files: map[string]string{
				DefaultPath:                header + "include: [team/*.yaml, other.yaml]\n" + person("root"),
				"security/team/b.yaml":     person("b"),
				"security/team/a.yaml":     "include: [../deep/x.yaml]\n" + person("a"),
				"security/deep/x.yaml":     person("x"),
				"security/other.yaml":      person("o"),
				"security/team/ignored.md": "not yaml",
			},
			order: []string{"root", "a", "x", "b", "o"},
		},
		{
			name:  "missing file",
			files: map[string]string{DefaultPath: header + "include:\n  - nope.yaml\n"},
			want:  `security/assure.yaml:5:5: included file "security/nope.yaml": no such file (hint: check the include path; it is relative to the including file)`,
		},
		{
			name: "cycle",
			files: map[string]string{
				DefaultPath:       header + "include: [a.yaml]\n",
				"security/a.yaml": "include: [b.yaml]\n",
				"security/b.yaml": "include: [a.yaml]\n",
			},
			want: `security/b.yaml:1:11: include cycle: security/a.yaml -> security/b.yaml -> security/a.yaml (hint: remove one of these includes)`,
		},
		{
			name:  "self include",
			files: map[string]string{DefaultPath: header + "include: [assure.yaml]\n"},
			want:  `security/assure.yaml:4:11: include cycle: security/assure.yaml -> security/assure.yaml (hint: remove one of these includes)`,
		},
		{
			name: "included twice",
			files: map[string]string{
				DefaultPath:       header + "include: [a.yaml, '*.yaml']\n",
				"security/a.yaml": person("a"),
			},
			want: `security/assure.yaml:4:19: security/a.yaml is included more than once (hint: first included at security/assure.yaml:4:11)`,
		},
		{
			name:  "outside repository",
			files: map[string]string{DefaultPath: header + "include: [../../etc/passwd]\n"},
			want:  `security/assure.yaml:4:11: include "../../etc/passwd" points outside the repository (hint: keep the model inside the repository)`,
		},
		{
			name:  "absolute",
			files: map[string]string{DefaultPath: header + "include: [/etc/passwd]\n"},
			want:  `security/assure.yaml:4:11: include "/etc/passwd" is an absolute path (hint: include paths are relative to the including file)`,
		},
		{
			name:  "glob without match",
			files: map[string]string{DefaultPath: header + "include: [mods/*.yaml]\n"},
			want:  `security/assure.yaml:4:11: include "mods/*.yaml" matches no file (hint: remove the entry or fix the pattern)`,
		},
		{
			name:  "directory",
			files: map[string]string{DefaultPath: header + "include: [mods]\n", "security/mods/a.yaml": person("a")},
			want:  `security/assure.yaml:4:11: included file "security/mods": is a directory, not a YAML file (hint: name a file, or a glob such as dir/*.yaml)`,
		},
		{
			name: "root-only key in included file",
			files: map[string]string{
				DefaultPath:       header + "include: [a.yaml]\n",
				"security/a.yaml": "policy: {}\n" + person("a"),
			},
			want: `security/a.yaml:1:1: unknown key "policy" (hint: policy belongs in the root model file; an included file may hold include, modules, people)`,
		},
		{
			name: "error inside included file",
			files: map[string]string{
				DefaultPath:       header + "include: [a.yaml]\n",
				"security/a.yaml": "people:\n  - id: a\n    nmae: A\n",
			},
			want: `security/a.yaml:3:5: unknown key "nmae" (hint: did you mean "name"? allowed keys: emails, gerrit, github, id, name, roles)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want == "" {
				m, err := Load(writeTree(t, tt.files), DefaultPath)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, p := range m.People {
					got = append(got, p.ID)
				}
				if !reflect.DeepEqual(got, tt.order) {
					t.Errorf("people order %q, want %q", got, tt.order)
				}
				return
			}
			ds := loadErr(t, tt.files, LoadOptions{})
			if !strings.Contains(diagLines(ds), tt.want+"\n") {
				t.Errorf("want line\n%s\ngot:\n%s", tt.want, diagLines(ds))
			}
		})
	}
}

func TestErrorSortedAndComplete(t *testing.T) {
	src := header + "people:\n  - id: a\n    name: A\n    foo: 1\n  - id: b\n    name: [B]\nmodules:\n  - id: m\n    bar: 1\n"
	ds := loadErr(t, map[string]string{DefaultPath: src}, LoadOptions{})
	if len(ds) != 4 { // foo, name type, missing paths, bar
		t.Fatalf("want 4 diagnostics, got:\n%s", diagLines(ds))
	}
	e := &Error{Diagnostics: []Diagnostic{ds[3], ds[1], ds[0], ds[2]}}
	lines := strings.Split(e.Error(), "\n")
	for i, d := range ds {
		if lines[i] != d.String() {
			t.Errorf("line %d = %q, want %q", i, lines[i], d.String())
		}
	}
	var target *Error
	if !errors.As(error(e), &target) {
		t.Fatal("errors.As")
	}
}

func TestLoadAbsolutePathInsideRoot(t *testing.T) {
	dir := writeTree(t, map[string]string{"m/model.yaml": header})
	m, err := Load(dir, filepath.Join(dir, "m", "model.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Root != "m/model.yaml" {
		t.Errorf("Root = %q", m.Root)
	}
}
