package process

import (
	"strings"
	"testing"
)

// smallCatalog has one requirement per method.
const smallCatalog = `requirements:
  - id: CM-1
    section: Secure Development Process > Secure Coding > Change management
    level: SHALL
    statement: Relate every commit to a change request.
    method: automated
  - id: CR-1
    section: Secure Development Process > Quality Assurance > Code Reviews
    level: SHALL
    statement: Review each change before check-in.
    method: automated
  - id: ARCH-1
    section: Secure Development Process > System Architecture
    level: SHALL
    statement: Keep an architecture document | with a pipe.
    method: attested
    evidence: The architecture document.
  - id: SA-1
    section: Current Security Definition > Quality Assurance
    level: SHOULD
    statement: Review findings stringently.
    method: not-covered
    evidence: "Planned: static analysis."
`

func parseSmall(t *testing.T) *Catalog {
	t.Helper()
	c, err := Parse([]byte(smallCatalog), "small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		checks map[string][]string
		want   []string // substrings of the error, in order; none means valid
	}{
		{"every automated declared once", map[string][]string{"cm": {"CM-1"}, "cr": {"CR-1"}}, nil},
		{"declared by two checks", map[string][]string{"a": {"CM-1", "CR-1"}, "b": {"CM-1"}}, nil},
		{"unknown id", map[string][]string{"cm": {"CM-1", "CM-9"}, "cr": {"CR-1"}},
			[]string{`check cm declares requirement "CM-9", which is not in the catalog`}},
		{"automated without check", map[string][]string{"cm": {"CM-1"}},
			[]string{"requirement CR-1 is automated but no check declares it"}},
		{"no checks at all", nil,
			[]string{"requirement CM-1 is automated", "requirement CR-1 is automated"}},
		{"claims an attested requirement", map[string][]string{"cm": {"CM-1", "ARCH-1"}, "cr": {"CR-1"}},
			[]string{"check cm declares requirement ARCH-1, which the catalog lists as attested"}},
		{"claims a not-covered requirement", map[string][]string{"cm": {"CM-1"}, "cr": {"CR-1"}, "sa": {"SA-1"}},
			[]string{"check sa declares requirement SA-1, which the catalog lists as not-covered"}},
		{"several problems sorted", map[string][]string{"z": {"X-1"}, "a": {"Y-1"}},
			[]string{`check a declares requirement "Y-1"`, `check z declares requirement "X-1"`, "requirement CM-1", "requirement CR-1"}},
	}
	c := parseSmall(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.Validate(tt.checks)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate succeeded, want %q", tt.want)
			}
			msg, at := err.Error(), 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error %q lacks %q (after offset %d)", msg, w, at)
				}
				at += i + len(w)
			}
		})
	}
}

func TestChecksByRequirement(t *testing.T) {
	got := checksByRequirement(map[string][]string{"b": {"R-1", "R-1"}, "a": {"R-1", "R-2"}})
	if strings.Join(got["R-1"], ",") != "a,b" || strings.Join(got["R-2"], ",") != "a" {
		t.Errorf("checksByRequirement = %v, want R-1:[a b] R-2:[a]", got)
	}
}
