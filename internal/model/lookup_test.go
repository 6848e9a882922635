package model

import (
	"reflect"
	"testing"
)

func loadValid(t *testing.T) *Model {
	t.Helper()
	m, err := Load("testdata/valid", DefaultPath)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestPersonLookups(t *testing.T) {
	m := loadValid(t)
	tests := []struct {
		name   string
		lookup func(string) (*Person, bool)
		key    string
		want   string // person id, "" for not found
	}{
		{"id", m.PersonByID, "bob", "bob"},
		{"id is case-sensitive", m.PersonByID, "Bob", ""},
		{"email ignores case", m.PersonByEmail, "ALICE@example.COM", "alice"},
		{"second email", m.PersonByEmail, "alice@users.noreply.github.com", "alice"},
		{"unknown email", m.PersonByEmail, "eve@example.com", ""},
		{"github ignores case", m.PersonByGitHub, "alicea", "alice"},
		{"github with @", m.PersonByGitHub, "@BOBB", "bob"},
		{"github empty", m.PersonByGitHub, "", ""},
		{"gerrit", m.PersonByGerrit, "alice", "alice"},
		{"gerrit unknown", m.PersonByGerrit, "bob", ""},
		{"ref by id", m.PersonByRef, "ci-bot", "ci-bot"},
		{"ref by email", m.PersonByRef, "Bob@Example.com", "bob"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := tt.lookup(tt.key)
			got := ""
			if ok {
				got = p.ID
			}
			if got != tt.want {
				t.Errorf("lookup(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

func TestModulesFor(t *testing.T) {
	m := loadValid(t)
	tests := []struct {
		path string
		want []string
	}{
		{"kernel/sched.c", []string{"kernel"}},
		{"kernel/a/b/c.c", []string{"kernel"}},
		{"include/zephyr/kernel.h", []string{"kernel"}},
		{"include/zephyr/kernel.hpp", nil},
		{"subsys/net/ip/tcp.c", []string{"net"}},
		{"subsys/crypto/aes.c", []string{"crypto"}},
		{"subsys/net/lib/tls_crypto.c", []string{"crypto", "net"}},
		{"kernel/crypto_helper.c", []string{"kernel", "crypto"}},
		{"./kernel/x.c", []string{"kernel"}},
		{"README.md", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var got []string
			for _, mod := range m.ModulesFor(tt.path) {
				got = append(got, mod.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ModulesFor(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

// A hand-built model needs no Load: lookups build the index on first use,
// and Reindex picks up later changes.
func TestHandBuiltModel(t *testing.T) {
	m := &Model{
		People:  []Person{{ID: "a", Emails: []string{"A@x.org"}}},
		Modules: []Module{{ID: "m", Paths: []string{"src/{a,b}/**", "Makefile"}}},
	}
	if p, ok := m.PersonByEmail("a@X.org"); !ok || p.ID != "a" {
		t.Errorf("PersonByEmail = %v, %v", p, ok)
	}
	for path, want := range map[string]int{"src/a/x.go": 1, "src/b": 1, "src/c/x.go": 0, "Makefile": 1, "sub/Makefile": 0} {
		if got := len(m.ModulesFor(path)); got != want {
			t.Errorf("ModulesFor(%q) = %d modules, want %d", path, got, want)
		}
	}
	m.People = append(m.People, Person{ID: "b"})
	if _, ok := m.PersonByID("b"); ok {
		t.Error("index updated without Reindex; the test premise is wrong")
	}
	m.Reindex()
	if _, ok := m.PersonByID("b"); !ok {
		t.Error("PersonByID after Reindex")
	}
}

func TestLiteralDir(t *testing.T) {
	tests := map[string]string{
		"drivers/net/**":   "drivers/net",
		"**/*.c":           "",
		"CODEOWNERS":       "CODEOWNERS",
		"a/b/c.h":          "a/b/c.h",
		"src/{a,b}/**":     "src",
		"include/x*/y":     "include",
		"a\\*b/c":          "",
		"dir/file[0-9].md": "dir",
	}
	for in, want := range tests {
		if got := literalDir(in); got != want {
			t.Errorf("literalDir(%q) = %q, want %q", in, got, want)
		}
	}
}
