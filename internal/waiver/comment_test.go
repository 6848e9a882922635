package waiver

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// show renders comments as "line first-last forms rules waivers".
func show(cs []Comment) string {
	var s []string
	for _, c := range cs {
		var forms []string
		for _, f := range c.Forms {
			forms = append(forms, string(f))
		}
		s = append(s, fmt.Sprintf("%d:%d %d-%d %s [%s] [%s]", c.Line, c.Column, c.First, c.Last,
			strings.Join(forms, ","), strings.Join(c.Rules, ","), strings.Join(c.Waivers, ",")))
	}
	return strings.Join(s, "\n")
}

func TestScan(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"none", "int main(void) { return 0; }\n", ""},
		{"trailing", "strcpy(a, b); /* assure: waive W-0042 */\n", "1:18 1-1 assure [] [W-0042]"},
		{"above", "/* assure: waive W-0042 */\nstrcpy(a, b);\n", "1:4 1-2 assure [] [W-0042]"},
		{"above with blank and comment lines", "// assure: waive W-0042\n\n// more words\n  strcpy(a, b);\n", "1:4 1-4 assure [] [W-0042]"},
		{"block comment", "/*\n * Safe: sized by caller.\n * assure: waive W-0042, W-0043\n */\nstrcpy(a, b);\n", "3:4 3-5 assure [] [W-0042,W-0043]"},
		{"no space", "x(); //assure:waive W-0001\n", "1:8 1-1 assure [] [W-0001]"},
		{"in a string", "puts(\"/* assure: waive W-0042 */\");\n", ""},
		{"escaped quote", "puts(\"a\\\"b\"); // assure: waive W-0001\n", "1:18 1-1 assure [] [W-0001]"},
		{"char literal", "c = '\"'; // assure: waive W-0001\n", "1:13 1-1 assure [] [W-0001]"},
		{"raw string", "s := `\n// assure: waive W-0001\n`\n", ""},
		{"marker as text in code", "int assure = 1; nosec();\n", ""},
		{"coverity", "/* coverity[overrun-local] W-0007: index checked above */\nbuf[i] = 0;\n", "1:4 1-2 coverity [overrun-local] [W-0007]"},
		{"coverity without id", "// coverity[dead_error_line]\nx();\n", "1:4 1-2 coverity [dead_error_line] []"},
		{"cppcheck", "// cppcheck-suppress arrayIndexOutOfBounds ; W-0003\nbuf[9] = 0;\n", "1:4 1-2 cppcheck-suppress [arrayIndexOutOfBounds] [W-0003]"},
		{"cppcheck list", "x(); // cppcheck-suppress[a,b]\n", "1:9 1-1 cppcheck-suppress [a,b] []"},
		{"NOLINT", "atoi(s); // NOLINT(cert-err34-c) W-0011\n", "1:13 1-1 NOLINT [cert-err34-c] [W-0011]"},
		{"NOLINTNEXTLINE", "// NOLINTNEXTLINE(bugprone-x, cert-y)\natoi(s);\n", "1:4 1-2 NOLINT [bugprone-x,cert-y] []"},
		{"golang nolint", "x := f() //nolint:gosec,errcheck // W-0004\n", "1:12 1-1 nolint [gosec,errcheck] [W-0004]"},
		{"gosec nosec", "h := md5.New() // #nosec G401 -- W-0005 legacy protocol\n", "1:19 1-1 nosec [G401] [W-0005]"},
		{"python nosec", "# nosec B101 W-0006\nassert x\n", "1:2 1-2 nosec [B101] [W-0006]"},
		{"preprocessor is code", "#define COPY(a, b) strcpy(a, b) /* assure: waive W-0001 */\nint x;\n", "1:36 1-1 assure [] [W-0001]"},
		{"include is not a comment", "#include <nosec.h>\n", ""},
		{"two markers in one comment", "x(); // NOLINT(a) assure: waive W-0001\n", "1:9 1-1 assure,NOLINT [a] [W-0001]"},
		{"crlf", "// assure: waive W-0001\r\nx();\r\n", "1:4 1-2 assure [] [W-0001]"},
		{"last line without newline", "x(); // assure: waive W-0001", "1:9 1-1 assure [] [W-0001]"},
		{"comment at end of file", "x();\n// assure: waive W-0001\n", "2:4 2-2 assure [] [W-0001]"},
		{"ids need four digits", "x(); // assure: waive W-42\n", "1:9 1-1 assure [] []"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(Scan([]byte(tt.src))); got != tt.want {
				t.Errorf("Scan =\n  %s\nwant\n  %s", got, tt.want)
			}
		})
	}
}

func TestHasMarker(t *testing.T) {
	if HasMarker([]byte("int main(void) { return 0; }")) {
		t.Error("plain code has a marker")
	}
	for _, m := range markers {
		if !HasMarker(append([]byte("x "), m...)) {
			t.Errorf("marker %s not found", m)
		}
	}
}

func FuzzScan(f *testing.F) {
	f.Add([]byte("/* assure: waive W-0042 */\nstrcpy(a, b);\n"))
	f.Add([]byte("/*\n * assure: waive W-0042\n */\nx();\n"))
	f.Add([]byte("s := `a\n// nolint\n` // #nosec G101 W-0001\n"))
	f.Add([]byte("# NOLINT(\n'\"\\' coverity[ cppcheck-suppress["))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		prev := 0
		for _, c := range Scan(data) {
			if c.Line < 1 || c.Line > lines || c.First != c.Line || c.Last < c.Line || c.Last > lines {
				t.Fatalf("comment lines out of range (%d lines): %+v", lines, c)
			}
			if c.Line < prev {
				t.Fatalf("comments out of order: %d after %d", c.Line, prev)
			}
			prev = c.Line
			if len(c.Forms) == 0 || c.Column < 1 {
				t.Fatalf("comment without a form or column: %+v", c)
			}
			for _, id := range c.Waivers {
				if !ValidID(id) {
					t.Fatalf("invalid id %q", id)
				}
			}
		}
	})
}
