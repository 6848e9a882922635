package gate_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/model"
)

const scissors = "# ------------------------ >8 ------------------------"

func TestCleanMessage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Subject\n\nBody\n", "Subject\n\nBody\n"},
		{"Subject\n\n# Please enter the commit message\nBody\n", "Subject\n\nBody\n"},
		{"Subject\n\nBody\n" + scissors + "\n# Do not modify or remove the line above.\ndiff --git a/x b/x\n", "Subject\n\nBody\n"},
		{"\n\nSubject\n\n\n", "Subject\n"},
		{"Subject\r\n# comment\r\nBody\r\n", "Subject\r\nBody\n"},
		{"#only comments\n#\n", "\n"},
		{"Subject\n\n  # indented is not a comment\n", "Subject\n\n  # indented is not a comment\n"},
	}
	for _, tc := range tests {
		if got := gate.CleanMessage(tc.in); got != tc.want {
			t.Errorf("CleanMessage(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCheckMessage(t *testing.T) {
	tests := []struct {
		name  string
		cm    string
		msg   string
		merge bool
		want  []string // rules
	}{
		{name: "reference", msg: "Add x\n\nRefs: #1\n"},
		{name: "reference with git's comments", msg: "Add x\n\nRefs: #1\n# Please enter the commit message for your changes.\n#\n# On branch main\n"},
		{name: "no reference", msg: "Add x\n", want: []string{"change-management/missing-reference"}},
		{name: "reference only in a comment", msg: "Add x\n\n# Refs: #1\n", want: []string{"change-management/missing-reference"}},
		{
			name: "reference only below the scissors",
			msg:  "Add x\n\n" + scissors + "\n# Do not modify or remove the line above.\ndiff --git a/x b/x\n+Fixes #1\n",
			want: []string{"change-management/missing-reference"},
		},
		{name: "reference in a closed state", msg: "Add x\n\nRefs: #2\n", want: []string{"change-management/reference-state"}},
		{name: "reference not in the tracker", msg: "Add x\n\nRefs: #7\n", want: []string{"change-management/unresolved-reference"}},
		{name: "merge is exempt", msg: "Merge branch 'topic'\n", merge: true},
		{name: "merge is checked with merges: check", cm: "    merges: check\n", msg: "Merge branch 'topic'\n", merge: true, want: []string{"change-management/missing-reference"}},
		{name: "bot author is exempt", cm: "    bots: [ann]\n", msg: "Regenerate\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newGitRepo(t, false).withModel(gateModel("", tc.cm))
			fs, err := gate.CheckMessage(context.Background(), r.dir, model.DefaultPath, tc.msg, "Ann Author", "ann@example.com", tc.merge, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.Rule)
				if f.Location.Commit == "" || !strings.Contains(f.Message, "Ann Author") && f.Rule == "change-management/missing-reference" {
					t.Errorf("finding %+v: want the new commit and its author named", f)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("rules %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCheckMessageModelMissing(t *testing.T) {
	r := newGitRepo(t, false)
	_, err := gate.CheckMessage(context.Background(), r.dir, model.DefaultPath, "Add x\n\nRefs: #1\n", "Ann", "ann@example.com", false, nil)
	wantInputError(t, err, "assure init")
}

func TestParseRefUpdates(t *testing.T) {
	a, b := strings.Repeat("a", 40), strings.Repeat("b", 40)
	z := strings.Repeat("0", 40)
	long := strings.Repeat("c", 64) // SHA-256 repositories
	tests := []struct {
		name string
		in   string
		want []gate.RefUpdate
		err  string
	}{
		{name: "one update", in: a + " " + b + " refs/heads/main\n", want: []gate.RefUpdate{{a, b, "refs/heads/main"}}},
		{
			name: "creation, deletion and SHA-256",
			in:   z + " " + b + " refs/heads/new\n" + a + " " + z + " refs/heads/old\n" + long + " " + long + " refs/tags/v1\n",
			want: []gate.RefUpdate{{z, b, "refs/heads/new"}, {a, z, "refs/heads/old"}, {long, long, "refs/tags/v1"}},
		},
		{name: "blank lines and CRLF", in: "\n" + a + " " + b + " refs/heads/main\r\n\n", want: []gate.RefUpdate{{a, b, "refs/heads/main"}}},
		{name: "empty", in: "", want: nil},
		{name: "short ids", in: "abc def refs/heads/main\n", err: "line 1"},
		{name: "two fields", in: a + " " + b + "\n", err: "line 1"},
		{name: "four fields", in: a + " " + b + " refs/heads/main extra\n", err: "line 1"},
		{name: "upper-case hex", in: strings.ToUpper(a) + " " + b + " refs/heads/main\n", err: "line 1"},
		{name: "not hex", in: strings.Repeat("g", 40) + " " + b + " refs/heads/main\n", err: "line 1"},
		{name: "bad second line", in: a + " " + b + " refs/heads/main\n" + a + " refs/heads/x\n", err: "line 2"},
		{name: "bad line after a blank one", in: "\n" + a + " refs/heads/x\n", err: "line 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := gate.ParseRefUpdates(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "<old-sha> <new-sha> <ref>") {
					t.Errorf("err = %v, want one naming %s and the expected form", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
