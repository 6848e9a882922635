package trailer

import (
	"os/exec"
	"strings"
	"testing"
)

var messages = []struct {
	name string
	msg  string
	want []Trailer
}{
	{"subject only", "Fix thing\n", nil},
	{"subject that looks like a trailer", "Fixes: #12\n", nil},
	{"simple", "Fix thing\n\nBody text.\n\nFixes: #12\nReviewed-by: A <a@x>\n",
		[]Trailer{{"Fixes", "#12", 5}, {"Reviewed-by", "A <a@x>", 6}}},
	{"body without trailers", "Fix thing\n\nThis is text.\nMore text.\n", nil},
	{"mixed block without signed-off-by", "Fix\n\nSome text\nReviewed-by: A <a@x>\n", nil},
	{"mixed block with signed-off-by", "Fix\n\nSome text here\nSigned-off-by: A <a@x>\n",
		[]Trailer{{"Signed-off-by", "A <a@x>", 4}}},
	{"continuation", "Fix\n\nCo-authored-by: Very Long\n  Name <n@x>\n",
		[]Trailer{{"Co-authored-by", "Very Long Name <n@x>", 3}}},
	{"space before colon", "Fix\n\nBug : 42\n", []Trailer{{"Bug", "42", 3}}},
	{"comments and trailing blank lines", "Fix\n\nAcked-by: B <b@x>\n# comment\n\n\n",
		[]Trailer{{"Acked-by", "B <b@x>", 3}}},
	{"patch divider", "Fix\n\nLink: https://x/1\n---\n a.c | 1 +\n",
		[]Trailer{{"Link", "https://x/1", 3}}},
	{"crlf", "Fix\r\n\r\nRefs: PROJ-1\r\n", []Trailer{{"Refs", "PROJ-1", 3}}},
	{"key with space is not a trailer", "Fix\n\nNot a: trailer\n", nil},
	{"empty", "", nil},
}

func TestParse(t *testing.T) {
	for _, tc := range messages {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.msg)
			if len(got) != len(tc.want) {
				t.Fatalf("Parse = %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("trailer %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestAgreesWithGit holds the parser to what git itself reads as trailers,
// since forges and hooks read them through git.
func TestAgreesWithGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is required for this test: install git")
	}
	for _, tc := range messages {
		if strings.Contains(tc.msg, "\r") || strings.Contains(tc.msg, "\n---") {
			continue // git's handling of these depends on its configuration
		}
		cmd := exec.Command("git", "interpret-trailers", "--parse", "--no-divider")
		cmd.Stdin = strings.NewReader(tc.msg)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: git interpret-trailers: %v", tc.name, err)
		}
		var fromGit []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if l != "" {
				fromGit = append(fromGit, l)
			}
		}
		var ours []string
		for _, tr := range Parse(tc.msg) {
			ours = append(ours, tr.Key+": "+tr.Value)
		}
		if strings.Join(ours, "\n") != strings.Join(fromGit, "\n") {
			t.Errorf("%s: ours %q, git %q", tc.name, ours, fromGit)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range messages {
		f.Add(tc.msg)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		lines := strings.Count(msg, "\n") + 1
		for _, tr := range Parse(msg) {
			if tr.Key == "" || tr.Line < 2 || tr.Line > lines {
				t.Fatalf("bad trailer %+v in %q", tr, msg)
			}
		}
	})
}
