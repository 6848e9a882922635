package identity

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mailmapCases pair a .mailmap with commit identities whose mapping is
// checked against git itself.
var mailmapCases = []struct {
	name    string
	mailmap string
	inputs  []string // "Name <email>" as check-mailmap takes them
}{
	{
		name: "gitmailmap(5) example",
		mailmap: `# Keep this file sorted.
Joe R. Developer <joe@example.com>
Jane Doe <jane@example.com> <jane@laptop.(none)>
Jane Doe <jane@example.com> <jane@desktop.(none)>

Joe R. Developer <joe@example.com> Joe <bugs@example.com>
Jane Doe <jane@example.com> Jane <bugs@example.com>
`,
		inputs: []string{
			"Joe Developer <joe@example.com>",
			"Joe R. Developer <joe@example.com>",
			"Jane Doe <jane@laptop.(none)>",
			"Jane D. <jane@desktop.(none)>",
			"Joe <bugs@example.com>",
			"Jane <bugs@example.com>",
			"Someone Else <bugs@example.com>",
			"Stranger <stranger@example.com>",
		},
	},
	{
		name: "case-insensitive e-mail and name",
		mailmap: `Proper Name <proper@email.xx> Commit Name <commit@email.xx>
Simple <Simple@Example.COM>
`,
		inputs: []string{
			"CoMmIt NaMe <CoMmIt@EmAiL.xX>",
			"commit name <commit@email.xx>",
			"Other Name <commit@email.xx>",
			"x <simple@example.com>",
			"x <SIMPLE@EXAMPLE.COM>",
		},
	},
	{
		name: "later simple lines override only what they give",
		mailmap: `<jane@example.com> <jane@laptop>
Jane Doe <jane@laptop>
W <w@x> <c@x>
<w2@x> <c@x>
Q <q@x>
Q2 <q@x>
`,
		inputs: []string{"jane <jane@laptop>", "n <c@x>", "n <q@x>", "n <Q@X>"},
	},
	{
		name: "later complex line for the same name wins",
		mailmap: `A <a1@x> Old <old@x>
B <b1@x> OLD <old@x>
<only-mail@x> Name <m@x>
`,
		inputs: []string{"old <old@x>", "Old <OLD@x>", "Other <old@x>", "Name <m@x>", "name <M@x>", "Different <m@x>"},
	},
	{
		name: "whitespace, trailing comments, CRLF, empty commit address",
		mailmap: "  Spaced   Name   <s@x>  \r\n" +
			"\tTabbed\t<t@x> # a comment\n" +
			"A <a@x> <>\n" +
			"X <x@x> <y@x> # y is the old one\r\n" +
			"    # an indented comment\n" +
			"   \n",
		inputs: []string{"n <s@x>", "n <t@x>", "n <y@x>", "n <x@x>"},
	},
	{
		name: "lines git reads only in part",
		mailmap: "Three Addrs <new@x> <old1@x> <old2@x>\n" +
			"Junk <junk@x> trailing words\n" +
			"Unclosed <u@x> <u-old@x\n" +
			"Commented <c@x> # was <c-old@x>\n",
		inputs: []string{"n <old1@x>", "n <old2@x>", "n <junk@x>", "n <u@x>", "n <u-old@x>", "# was <c-old@x>", "n <c-old@x>"},
	},
	{
		name:    "non-ASCII is not case-folded",
		mailmap: "Jürgen <jürgen@example.de>\nÖ <ö@x>\n",
		inputs:  []string{"j <jürgen@example.de>", "j <JÜRGEN@example.de>", "j <JüRGEN@EXAMPLE.de>", "o <Ö@x>"},
	},
}

func TestMailmapMatchesGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	for _, tc := range mailmapCases {
		t.Run(tc.name, func(t *testing.T) {
			mm, err := ParseMailmap(".mailmap", []byte(tc.mailmap))
			if err != nil {
				t.Fatal(err)
			}
			want := gitCheckMailmap(t, tc.mailmap, tc.inputs)
			for i, in := range tc.inputs {
				name, email := splitContact(t, in)
				gn, ge := mm.Canonical(name, email)
				if got := formatContact(gn, ge); got != want[i] {
					t.Errorf("Canonical(%q): got %q, git check-mailmap says %q", in, got, want[i])
				}
			}
		})
	}
}

// gitCheckMailmap asks git what it maps each contact to, using mailmap as
// the repository's .mailmap.
func gitCheckMailmap(t *testing.T, mailmap string, contacts []string) []string {
	t.Helper()
	dir := t.TempDir()
	git := func(stdin string, args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_CONFIG_GLOBAL=/dev/null")
		cmd.Stdin = strings.NewReader(stdin)
		var out, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("git %v: %v: %s", args, err, stderr.String())
		}
		return out.String()
	}
	git("", "init", "-q")
	if err := os.WriteFile(filepath.Join(dir, ".mailmap"), []byte(mailmap), 0o644); err != nil {
		t.Fatal(err)
	}
	out := git(strings.Join(contacts, "\n")+"\n", "check-mailmap", "--stdin")
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != len(contacts) {
		t.Fatalf("git check-mailmap printed %d lines for %d contacts:\n%s", len(lines), len(contacts), out)
	}
	return lines
}

func splitContact(t *testing.T, s string) (string, string) {
	l, r := strings.IndexByte(s, '<'), strings.LastIndexByte(s, '>')
	if l < 0 || r < l {
		t.Fatalf("bad contact %q in test table", s)
	}
	return strings.TrimSpace(s[:l]), s[l+1 : r]
}

// formatContact prints like check-mailmap: the name is left out when empty.
func formatContact(name, email string) string {
	if name == "" {
		return "<" + email + ">"
	}
	return name + " <" + email + ">"
}

func TestParseMailmapErrors(t *testing.T) {
	tests := []struct {
		name, data string
		line       int
		msg        string
	}{
		{"no address", "ok <a@x>\nJust A Name\n", 2, `no <e-mail address> in "Just A Name"`},
		{"unclosed", "Name <a@x\n", 1, "unclosed '<'"},
		{"empty first address", "\n\nName <> <c@x>\n", 3, "first e-mail address is empty"},
		{"NUL", "Name <a\x00@x>\n", 1, "NUL byte"},
		{"too long", "N <" + strings.Repeat("a", 1100) + "@x>\n", 1, "bytes long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseMailmap("dir/.mailmap", []byte(tc.data))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if pe.File != "dir/.mailmap" || pe.Line != tc.line {
				t.Errorf("at %s:%d, want dir/.mailmap:%d", pe.File, pe.Line, tc.line)
			}
			if !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("message %q does not contain %q", pe.Msg, tc.msg)
			}
			if pe.Hint == "" || !strings.Contains(err.Error(), "hint: ") {
				t.Errorf("no hint in %q", err)
			}
			if !strings.HasPrefix(err.Error(), "dir/.mailmap:") {
				t.Errorf("error %q does not start with the file name", err)
			}
		})
	}
}

func TestMailmapWarnings(t *testing.T) {
	data := "Three Addrs <new@x> <old1@x> <old2@x>\n" +
		"# fine\n" +
		"Junk <junk@x> trailing words\n" +
		"Unclosed <u@x> <u-old@x\n" +
		"Commented <c@x> # was <c-old@x>\n" +
		"Fine <f@x> <f-old@x> # a comment\n"
	want := []string{
		`.mailmap:1: git ignores "<old2@x>" after the second address`,
		`.mailmap:3: git ignores "trailing words" after <junk@x>`,
		`.mailmap:4: git ignores "<u-old@x" after <u@x>`,
		`.mailmap:5: git reads "# was <c-old@x>" after the comment mark as a commit name and address`,
	}
	mm, err := ParseMailmap(".mailmap", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range mm.Warnings() {
		msg := w.Error()
		if i := strings.Index(msg, " (hint: "); i > 0 {
			msg = msg[:i]
		} else {
			t.Errorf("no hint in %q", msg)
		}
		got = append(got, msg)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNilMailmap(t *testing.T) {
	var mm *Mailmap
	if n, e := mm.Canonical("A", "a@x"); n != "A" || e != "a@x" {
		t.Errorf("nil mailmap changed the identity: %q %q", n, e)
	}
	if mm.Len() != 0 || mm.Warnings() != nil {
		t.Errorf("nil mailmap has entries")
	}
}

func FuzzParseMailmap(f *testing.F) {
	for _, tc := range mailmapCases {
		f.Add([]byte(tc.mailmap), "Joe", "bugs@example.com")
	}
	f.Add([]byte("A <a@x> <>\n"), "", "")
	f.Add([]byte("<a@x> B <b@x>"), "b", "B@X")
	f.Add([]byte("x <y\n<"), "x", "y")
	f.Fuzz(func(t *testing.T, data []byte, name, email string) {
		mm, err := ParseMailmap("f", data)
		if err != nil {
			if mm != nil || !strings.HasPrefix(err.Error(), "f:") {
				t.Fatalf("bad failure: %v", err)
			}
			return
		}
		for _, w := range mm.Warnings() {
			if w.Line < 1 || !strings.HasPrefix(w.Error(), "f:") {
				t.Fatalf("bad warning %v", w)
			}
		}
		gn, ge := mm.Canonical(name, email)
		if email != "" && ge == "" {
			t.Fatalf("Canonical(%q, %q) lost the address", name, email)
		}
		// Matching folds ASCII case of both name and address.
		un, ue := mm.Canonical(strings.ToUpper(name), strings.ToUpper(email))
		if strings.ToUpper(name) == asciiUpper(name) && strings.ToUpper(email) == asciiUpper(email) {
			if (un != gn && un != strings.ToUpper(name)) || (ue != ge && ue != strings.ToUpper(email)) {
				t.Fatalf("case changed the mapping: %q %q vs %q %q", gn, ge, un, ue)
			}
		}
	})
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
