package complexity

import (
	"strings"
	"testing"
)

func TestBadInput(t *testing.T) {
	cases := []struct {
		name    string
		data    string
		funcs   int
		skipped bool
		warning string
	}{
		{"BOM and CRLF", "\xef\xbb\xbfint f(void)\r\n{\r\n  return 1;\r\n}\r\n", 1, false, ""},
		{"old Mac newlines", "int f(void)\r{\r  return 1;\r}\r", 1, false, ""},
		{"binary", "int f(void) { return 1; }\x00\x01\x02", 0, true, "f.c: skipped: binary file (holds NUL bytes)"},
		{"invalid UTF-8", "int f(void)\n{\n  return '\xff';\n}\n", 1, false, "f.c:3: not valid UTF-8"},
		{"unbalanced open brace", "int f(void) { if (a) { return 1; }\nint g(void) { return 2; }\n", 0, false, ""},
		{"unbalanced close brace", "}}}\nint f(void) { return 1; }\n", 1, false, ""},
		{"only braces", strings.Repeat("{", 100000) + strings.Repeat("}", 50000), 0, false, ""},
		{"empty", "", 0, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := AnalyzeSource("f.c", []byte(tc.data))
			if len(r.Functions) != tc.funcs || r.Skipped != tc.skipped {
				t.Errorf("%d functions, skipped %v; want %d, %v", len(r.Functions), r.Skipped, tc.funcs, tc.skipped)
			}
			var ws []string
			for _, w := range r.Warnings {
				ws = append(ws, w.String())
			}
			got := strings.Join(ws, "\n")
			if (tc.warning == "") != (got == "") || !strings.HasPrefix(got, tc.warning) {
				t.Errorf("warnings %q, want %q", got, tc.warning)
			}
		})
	}
}

func TestCRLFKeepsLines(t *testing.T) {
	fs := AnalyzeSource("f.c", []byte("\r\n\r\nint f(void)\r\n{\r\n  return 1;\r\n}\r\n")).Functions
	if len(fs) != 1 || fs[0].StartLine != 3 || fs[0].EndLine != 6 {
		t.Fatalf("got %+v, want f at lines 3-6", fs)
	}
}

// A 50 MB generated file is analysed in linear time and memory.
func TestLargeGeneratedFile(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the 50 MB input takes a second")
	}
	var b strings.Builder
	b.Grow(51 << 20)
	b.WriteString("static const unsigned char blob[] = {\n")
	line := strings.Repeat("0x12, ", 16) + "\n"
	for b.Len() < 50<<20 {
		b.WriteString(line)
	}
	b.WriteString("};\nint f(int a) { return a ? 1 : 0; }\n")
	fs := AnalyzeSource("gen.c", []byte(b.String())).Functions
	if len(fs) != 1 || fs[0].CCN != 2 {
		t.Fatalf("got %+v, want f with CCN 2", fs)
	}
}

func TestTooLargeIsSkipped(t *testing.T) {
	r, _ := analyzeFile(input{path: "/nonexistent", name: "big.c", size: MaxFileSize + 1}, nil)
	if !r.Skipped || len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0].Message, "larger than") {
		t.Fatalf("got %+v, want a skipped file with a warning", r)
	}
}

func TestLanguageOf(t *testing.T) {
	for name, want := range map[string]Language{
		"a.c": LangC, "B.H": LangC, "x.cc": LangCPP, "x.cpp": LangCPP, "x.hpp": LangCPP, "m.go": LangGo,
		"x.py": "", "Makefile": "", "dir.c/x.s": "",
	} {
		if got := LanguageOf(name); got != want {
			t.Errorf("LanguageOf(%q) = %q, want %q", name, got, want)
		}
	}
}
