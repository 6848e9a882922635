package changeref

import (
	"reflect"
	"strings"
	"testing"
)

func TestFindDefaults(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		msg  string
		want []Ref
	}{
		{"github keyword", "net: fix crash\n\nFixes #123\n", []Ref{{"#123", 3}}},
		{"github keyword with colon", "x\n\nCloses: #7.\n", []Ref{{"#7", 3}}},
		{"keyword in prose", "x\n\nThis resolves #9 and refs #10.\n", []Ref{{"#9", 3}, {"#10", 3}}},
		{"cross repository", "x\n\nFixes zephyrproject-rtos/zephyr#4711\n", []Ref{{"zephyrproject-rtos/zephyr#4711", 3}}},
		{"gerrit bug trailer", "x\n\nBug: 4711\nChange-Id: I0123\n", []Ref{{"4711", 3}}},
		{"jira", "x\n\nRefs: PROJ-123\n", []Ref{{"PROJ-123", 3}}},
		{"jira lower case is not a key", "Fix gcc-7 warning\n", nil},
		{"link url", "x\n\nLink: https://tracker.example.com/issues/5>\n", []Ref{{"https://tracker.example.com/issues/5", 3}}},
		{"linux fixes names a commit, not a request", "x\n\nFixes: 1234567890ab (\"old commit\")\n", nil},
		{"bare hash is not a reference", "x\n\nSee #\n", nil},
		{"no reference", "Update README\n", nil},
		{"duplicates collapse", "Fixes #1\n\nFixes #1\n", []Ref{{"#1", 1}}},
		{"number without keyword", "Bump version to 3.6 #2\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := p.Find(tc.msg)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Find(%q) = %v, want %v", tc.msg, got, tc.want)
			}
		})
	}
}

func TestCustomPatterns(t *testing.T) {
	p, err := New([]string{`(?m)^Ticket: (?P<ref>T\d+)$`})
	if err != nil {
		t.Fatal(err)
	}
	got := p.Find("x\n\nTicket: T42\nFixes #1\n")
	want := []Ref{{"T42", 3}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v want %v", got, want)
	}
}

func TestNewErrors(t *testing.T) {
	for _, tc := range []struct{ pat, want string }{
		{`(`, "change_management.patterns[0]: error parsing regexp"},
		{`#\d+`, "change_management.patterns[0]: no named group"},
	} {
		_, err := New([]string{tc.pat})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("New(%q) error = %v, want prefix %q", tc.pat, err, tc.want)
		}
	}
}

// TestFilterLosesNothing holds the line filter to the patterns it guards:
// on every sample line, filtered and unfiltered matching agree.
func TestFilterLosesNothing(t *testing.T) {
	full, _ := New(nil)
	unfiltered := &Parser{res: full.res, idx: full.idx}
	for _, msg := range filterSamples {
		a, b := full.Find(msg), unfiltered.Find(msg)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q: filtered %v, unfiltered %v", msg, a, b)
		}
	}
}

var filterSamples = []string{
	"Fixes #1", "bug: 12", "BUG: 12", "Issues: 3", "issue:4", "Refs ABC-1", "refs abc-1 ABC_X-9",
	"Link: http://x/y", "LINK: HTTPS://X", "x-1 Y-2 see Z-3", "Fixes:#5", "closes\t#6",
	// Case folds outside ASCII, and near misses the filter must reject or pass.
	"i\u017f\u017fue: 5", "lin\u212a: http://x/1", "fixes: HTTP://x", "#include <x.h> fixes #", "a # 1 ## #2 refs #3",
	"TLS-1.3 and CVE-2024-1234", "Merge pull request #12 from a/b", "Bugs: 7", "rEfS: hTtP://x",
}

func FuzzFind(f *testing.F) {
	for _, s := range filterSamples {
		f.Add(s)
	}
	f.Add("x\n\nFixes #123\nRefs: PROJ-1\nLink: https://a/b\n")
	full, _ := New(nil)
	unfiltered := &Parser{res: full.res, idx: full.idx}
	f.Fuzz(func(t *testing.T, msg string) {
		got := full.Find(msg)
		lines := strings.Count(msg, "\n") + 1
		for _, r := range got {
			if r.Value == "" || r.Line < 1 || r.Line > lines || !strings.Contains(msg, r.Value) {
				t.Fatalf("bad ref %+v in %q", r, msg)
			}
		}
		if !strings.Contains(msg, "\r") && !reflect.DeepEqual(got, unfiltered.Find(msg)) {
			t.Fatalf("filter changed the result for %q: %v vs %v", msg, got, unfiltered.Find(msg))
		}
	})
}
