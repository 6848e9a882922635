package model

import (
	"reflect"
	"testing"
)

func TestProfile(t *testing.T) {
	m := loadValid(t)
	tests := []struct {
		name string
		want Profile
	}{
		{"pr", Profile{Checks: []string{"change-ref", "code-review"}, FailOn: "error"}},
		{"release", Profile{FailOn: "warning"}},
		{"nightly", Profile{FailOn: "error"}},
		{"unconfigured", Profile{FailOn: "error"}},
	}
	for _, tt := range tests {
		if got := m.Profile(tt.name); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Profile(%q) = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	empty := &Model{}
	if got := empty.Profile("release"); !reflect.DeepEqual(got, Profile{FailOn: "error"}) {
		t.Errorf("built-in release = %+v", got)
	}
	if !empty.HasProfile("pr") || !empty.HasProfile("release") || empty.HasProfile("nightly") || !m.HasProfile("nightly") {
		t.Error("HasProfile")
	}
	if got := m.ProfileNames(); !reflect.DeepEqual(got, []string{"nightly", "pr", "release"}) {
		t.Errorf("ProfileNames = %q", got)
	}
}

func TestPolicyDefaults(t *testing.T) {
	tests := []struct {
		name   string
		policy Policy
		cm     ChangeManagement
		cr     CodeReview
	}{
		{
			name: "empty",
			cm:   ChangeManagement{Merges: "skip", Reverts: "skip-if-references-commit"},
			cr:   CodeReview{MinApprovals: 1, Trailers: []string{"Reviewed-by", "Acked-by", "Approved-by"}, UnknownReviewers: "reject", Merges: "skip"},
		},
		{
			name: "configured",
			policy: Policy{
				ChangeManagement: ChangeManagement{Patterns: []string{"(?P<ref>x)"}, Merges: "check", Reverts: "check", Bots: []string{"b"}},
				CodeReview:       CodeReview{MinApprovals: 2, Trailers: []string{"Signed-off-by"}, UnknownReviewers: "accept", Merges: "check"},
			},
			cm: ChangeManagement{Patterns: []string{"(?P<ref>x)"}, Merges: "check", Reverts: "check", Bots: []string{"b"}},
			cr: CodeReview{MinApprovals: 2, Trailers: []string{"Signed-off-by"}, UnknownReviewers: "accept", Merges: "check"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Model{Policy: tt.policy}
			if got := m.ChangeManagement(); !reflect.DeepEqual(got, tt.cm) {
				t.Errorf("ChangeManagement = %+v, want %+v", got, tt.cm)
			}
			if got := m.CodeReview(); !reflect.DeepEqual(got, tt.cr) {
				t.Errorf("CodeReview = %+v, want %+v", got, tt.cr)
			}
		})
	}
	// The defaults must not alias: a caller appending must not change the next caller's view.
	m := &Model{}
	cr := m.CodeReview()
	cr.Trailers[0] = "X"
	if m.CodeReview().Trailers[0] != "Reviewed-by" {
		t.Error("DefaultTrailers aliased")
	}
}

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Pos: Pos{File: "a.yaml", Line: 3, Column: 5}, Message: "m", Hint: "h"}, "a.yaml:3:5: m (hint: h)"},
		{Diagnostic{Pos: Pos{File: "a.yaml", Line: 3}, Message: "m"}, "a.yaml:3: m"},
		{Diagnostic{Pos: Pos{File: "a.yaml"}, Message: "m"}, "a.yaml: m"},
		{Diagnostic{Message: "m"}, "m"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"security_relevant", "security_architect", "name", "paths"}
	tests := map[string]string{
		"secutiry_relevant":  "security_relevant",
		"security-architect": "security_architect",
		"Name":               "name",
		"pahts":              "paths",
		"xyz":                "",
		"":                   "",
	}
	for in, want := range tests {
		if got := closest(in, keys); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
}
