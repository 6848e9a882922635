package identity

import (
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

func testModel() *model.Model {
	return &model.Model{People: []model.Person{
		{ID: "alice", Name: "Alice Liddell", Emails: []string{"alice@example.com", "Alice@Corp.example"}, GitHub: "alice-gh", Gerrit: "aliddell"},
		{ID: "bob", Name: "Bob", Emails: []string{"bob@example.com"}, GitHub: "BobTheBuilder"},
		{ID: "carol", Name: "Carol", Gerrit: "carol"},
	}}
}

func TestResolver(t *testing.T) {
	mm, err := ParseMailmap(".mailmap", []byte("Alice Liddell <alice@example.com> <alice@laptop.local>\n"+
		"Bob <bob@example.com> Robert <shared@example.com>\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(testModel(), mm)
	tests := []struct {
		name     string
		id       Identity
		wantKey  string
		wantName string
	}{
		{"address in model", Identity{Name: "A", Email: "alice@example.com"}, "person:alice", "A"},
		{"address case-insensitive", Identity{Email: "ALICE@corp.EXAMPLE"}, "person:alice", ""},
		{"through mailmap", Identity{Name: "alice", Email: "alice@laptop.local"}, "person:alice", "Alice Liddell"},
		{"mailmap by name", Identity{Name: "robert", Email: "shared@example.com"}, "person:bob", "Bob"},
		{"mailmap other name", Identity{Name: "Someone", Email: "shared@example.com"}, "email:shared@example.com", "Someone"},
		{"unknown address", Identity{Name: "X", Email: "X@Elsewhere.example"}, "email:x@elsewhere.example", "X"},
		{"github login case", Identity{Login: "bobthebuilder"}, "person:bob", ""},
		{"github @login", Identity{Login: "@alice-gh"}, "person:alice", ""},
		{"unknown github", Identity{Login: "Mallory"}, "github:mallory", ""},
		{"gerrit username", Identity{Username: "carol", Email: "c@x"}, "person:carol", ""},
		{"gerrit username is case-sensitive", Identity{Username: "Carol"}, "gerrit:Carol", ""},
		{"gerrit falls back to email", Identity{Username: "nobody", Email: "bob@example.com"}, "person:bob", ""},
		{"name only never resolves", Identity{Name: "Alice Liddell"}, "name:Alice Liddell", "Alice Liddell"},
		{"empty", Identity{}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := r.Resolve(tc.id)
			if got.Key() != tc.wantKey {
				t.Errorf("Key() = %q, want %q", got.Key(), tc.wantKey)
			}
			if got.Name != tc.wantName {
				t.Errorf("Name = %q, want %q", got.Name, tc.wantName)
			}
		})
	}
}

func TestResolverNil(t *testing.T) {
	for _, r := range []*Resolver{nil, NewResolver(nil, nil)} {
		if _, ok := r.ByNameEmail("a", "alice@example.com"); ok {
			t.Error("resolved without a model")
		}
		if _, ok := r.ByGitHub("alice-gh"); ok {
			t.Error("resolved without a model")
		}
		if _, ok := r.ByGerrit("carol"); ok {
			t.Error("resolved without a model")
		}
		if got := r.Resolve(Identity{Email: "A@x"}).Key(); got != "email:a@x" {
			t.Errorf("Key() = %q", got)
		}
	}
}

func TestByLookups(t *testing.T) {
	r := NewResolver(testModel(), nil)
	tests := []struct {
		name string
		look func() (*model.Person, bool)
		want string
	}{
		{"email", func() (*model.Person, bool) { return r.ByNameEmail("", "BOB@example.com") }, "bob"},
		{"email empty", func() (*model.Person, bool) { return r.ByNameEmail("Bob", "") }, ""},
		{"github", func() (*model.Person, bool) { return r.ByGitHub("ALICE-GH") }, "alice"},
		{"github empty", func() (*model.Person, bool) { return r.ByGitHub("") }, ""},
		{"gerrit", func() (*model.Person, bool) { return r.ByGerrit("aliddell") }, "alice"},
		{"gerrit missing", func() (*model.Person, bool) { return r.ByGerrit("bob") }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := tc.look()
			got := ""
			if ok {
				got = p.ID
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIdentityKeyAndString(t *testing.T) {
	alice := &model.Person{ID: "alice"}
	tests := []struct {
		id        Identity
		key, text string
	}{
		{Identity{Person: alice, Email: "a@x"}, "person:alice", "alice"},
		{Identity{Name: "A", Email: "A@X.org", Login: "al"}, "email:a@x.org", "A <A@X.org>"},
		{Identity{Email: "a@x"}, "email:a@x", "<a@x>"},
		{Identity{Login: "OctoCat"}, "github:octocat", "@OctoCat"},
		{Identity{Username: "jdoe"}, "gerrit:jdoe", "jdoe (Gerrit)"},
		{Identity{Name: "Jane"}, "name:Jane", "Jane"},
		{Identity{}, "", ""},
	}
	for _, tc := range tests {
		if got := tc.id.Key(); got != tc.key {
			t.Errorf("%+v.Key() = %q, want %q", tc.id, got, tc.key)
		}
		if got := tc.id.String(); got != tc.text {
			t.Errorf("%+v.String() = %q, want %q", tc.id, got, tc.text)
		}
	}
}
