package complexity

import (
	"bytes"
	"testing"
)

func fuzzSeeds(f *testing.F) {
	for _, tc := range finderCases {
		f.Add([]byte(tc.src))
	}
	for _, tc := range goCases {
		f.Add([]byte(tc.src))
	}
	for _, s := range []string{"", "#", "~", "'", `"`, "/*", "R\"(", "<?>", "\\\n", "{{{", "}}}", "#if\n#else\n#endif", "0x1'2.5e+3", "\xff\xfe", "func (", "operator", "template <", "[[", "[](){}"} {
		f.Add([]byte(s))
	}
}

// FuzzScan holds the lexer and scanner to their invariants on any input:
// raw tokens cover the input without gaps, and the tokens handed on stay
// inside it, in order, with sane lines.
func FuzzScan(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, lang := range []Language{LangC, LangGo} {
			l := newLexer(src, lang)
			pos := 0
			for {
				_, start, end, ok := l.next()
				if !ok {
					break
				}
				if start != pos || end <= start || end > len(src) {
					t.Fatalf("%s: raw token [%d,%d) after %d in %q", lang, start, end, pos, src)
				}
				pos = end
			}
			if pos != len(src) {
				t.Fatalf("%s: raw tokens end at %d of %d", lang, pos, len(src))
			}
			lines := int32(bytes.Count(src, []byte{'\n'}) + 1)
			var last int32 = 1
			r := &checker{t: t, src: src, lines: lines, last: &last}
			scan(src, lang, r)
		}
	})
}

type checker struct {
	t     *testing.T
	src   []byte
	lines int32
	last  *int32
}

func (c *checker) token(tk *token) {
	if tk.start < 0 || tk.end < tk.start || int(tk.end) > len(c.src) {
		c.t.Fatalf("token [%d,%d) outside the input of %d bytes", tk.start, tk.end, len(c.src))
	}
	if tk.line < *c.last || tk.endLine < tk.line || tk.endLine > c.lines {
		c.t.Fatalf("token lines %d-%d after line %d of %d", tk.line, tk.endLine, *c.last, c.lines)
	}
	*c.last = tk.line
}

func (c *checker) directive(directive, int32) {}

// FuzzAnalyze runs the function finders on any input: they must not panic
// and every function they report must lie inside the file.
func FuzzAnalyze(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte{'\n'}) + bytes.Count(src, []byte{'\r'}) + 1
		for _, name := range []string{"f.c", "f.cc", "f.go"} {
			r := AnalyzeSource(name, src)
			for _, fn := range r.Functions {
				if fn.StartLine < 1 || fn.EndLine < fn.StartLine || fn.EndLine > lines || fn.NLOC < 1 ||
					fn.NLOC > fn.EndLine-fn.StartLine+1 || fn.Params < 0 || fn.MaxNesting < 0 || fn.CCN < 1 {
					t.Fatalf("%s: implausible %+v in a file of %d lines", name, fn, lines)
				}
			}
		}
	})
}
