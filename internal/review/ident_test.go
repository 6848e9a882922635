package review

import "testing"

var identCases = []struct {
	in          string
	name, email string
	ok          bool
}{
	{"Jane Doe <jane@example.com>", "Jane Doe", "jane@example.com", true},
	{"  Jane   Doe   <  Jane@Example.COM >  ", "Jane Doe", "Jane@Example.COM", true},
	{`"Doe, Jane" <jane@example.com>`, "Doe, Jane", "jane@example.com", true},
	{"<jane@example.com>", "", "jane@example.com", true},
	{"jane@example.com", "", "jane@example.com", true},
	{"jane@example.com (Jane Doe)", "Jane Doe", "jane@example.com", true},
	{"Jane Doe jane@example.com", "Jane Doe", "jane@example.com", true},
	{"Jane Doe", "Jane Doe", "", true},
	{"Jane Doe <jane@example.com> # v2", "Jane Doe", "jane@example.com", true},
	{"Jane Doe <jane@example.com> [backport]", "Jane Doe", "jane@example.com", true},
	{"jane@example.com # for the DT part", "", "jane@example.com", true},
	{"Jane Doe # for the DT part", "Jane Doe", "", true},
	{"Jürgen Groß <jg@example.de>", "Jürgen Groß", "jg@example.de", true},
	{"@jane", "@jane", "", true},
	{"", "", "", false},
	{"   ", "", "", false},
	{"Jane <>", "", "", false},
	{"Jane <jane@example.com", "", "", false},
	{"Jane jane@example.com>", "", "", false},
	{"<jane @example.com>", "", "", false},
	{"Ja<ne <jane@example.com>", "", "", false},
	{"jane@example.com and more words", "", "", false},
	{"# just a comment", "", "", false},
	{`""`, "", "", false},
	{"Jane\x00Doe", "", "", false},
}

func TestParseIdent(t *testing.T) {
	for _, tc := range identCases {
		name, email, ok := ParseIdent(tc.in)
		if name != tc.name || email != tc.email || ok != tc.ok {
			t.Errorf("ParseIdent(%q) = %q, %q, %v; want %q, %q, %v", tc.in, name, email, ok, tc.name, tc.email, tc.ok)
		}
	}
}

func FuzzParseIdent(f *testing.F) {
	for _, tc := range identCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		name, email, ok := ParseIdent(in)
		if !ok {
			if name != "" || email != "" {
				t.Fatalf("not ok but returned %q %q", name, email)
			}
			return
		}
		if name == "" && email == "" {
			t.Fatalf("ok with nobody for %q", in)
		}
		if !validEmail(email) && email != "" {
			t.Fatalf("bad address %q from %q", email, in)
		}
		// What was read, written back in the canonical form, reads the same.
		canon := name
		if email != "" {
			canon = name + " <" + email + ">"
		}
		n2, e2, ok2 := ParseIdent(canon)
		if !ok2 || n2 != name || e2 != email {
			t.Fatalf("%q -> %q %q; its canonical form %q -> %q %q %v", in, name, email, canon, n2, e2, ok2)
		}
	})
}
