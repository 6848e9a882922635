package finding

import (
	"math/rand"
	"slices"
	"testing"
)

func TestLocationString(t *testing.T) {
	tests := []struct {
		loc  Location
		want string
	}{
		{Location{}, ""},
		{Location{File: "a.c"}, "a.c"},
		{Location{File: "a.c", Line: 3}, "a.c:3"},
		{Location{File: "a.c", Line: 3, Column: 7}, "a.c:3:7"},
		{Location{Commit: "0123456789abcdef0123"}, "commit 0123456789ab"},
		{Location{File: "a.c", Line: 1, Commit: "abc"}, "a.c:1 commit abc"},
	}
	for _, tc := range tests {
		if got := tc.loc.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.loc, got, tc.want)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint("r", "x", "y")
	if a != Fingerprint("r", "x", "y") {
		t.Fatal("not stable")
	}
	// The separator keeps ("xy","") apart from ("x","y").
	for _, other := range []string{Fingerprint("r", "xy", ""), Fingerprint("r2", "x", "y"), Fingerprint("r", "y", "x")} {
		if other == a {
			t.Errorf("collision with %s", other)
		}
	}
	if len(a) != 18 || a[:2] != "F-" {
		t.Errorf("form %q", a)
	}
}

func TestSortIsTotalAndStable(t *testing.T) {
	want := []Finding{
		{ID: "1", Severity: Error, Check: "a", Rule: "a/x", Location: Location{File: "f", Line: 1}},
		{ID: "2", Severity: Error, Check: "a", Rule: "a/x", Location: Location{File: "f", Line: 2}},
		{ID: "3", Severity: Error, Check: "a", Rule: "a/y"},
		{ID: "4", Severity: Error, Check: "b", Rule: "b/x", Location: Location{Commit: "c1"}},
		{ID: "5", Severity: Error, Check: "b", Rule: "b/x", Location: Location{Commit: "c2"}},
		{ID: "6", Severity: Warning, Check: "a", Rule: "a/x"},
		{ID: "7", Severity: Note, Check: "a", Rule: "a/x"},
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		got := slices.Clone(want)
		r.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		Sort(got)
		if !slices.EqualFunc(got, want, func(a, b Finding) bool { return a.ID == b.ID }) {
			t.Fatalf("order %v", ids(got))
		}
	}
}

func ids(fs []Finding) []string {
	var s []string
	for _, f := range fs {
		s = append(s, f.ID)
	}
	return s
}
