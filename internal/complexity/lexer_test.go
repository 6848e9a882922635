package complexity

import (
	"reflect"
	"strings"
	"testing"
)

// recorder is a sink that keeps what the scanner hands over.
type recorder struct {
	src   []byte
	texts []string
	lines []int32
	dirs  []directive
}

func (r *recorder) token(t *token) {
	r.texts = append(r.texts, string(t.text(r.src)))
	r.lines = append(r.lines, t.line)
}
func (r *recorder) directive(d directive, _ int32) { r.dirs = append(r.dirs, d) }

func tokens(src string, lang Language) *recorder {
	r := &recorder{src: []byte(src)}
	scan(r.src, lang, r)
	return r
}

func TestScannerTokens(t *testing.T) {
	cases := []struct {
		name, src string
		lang      Language
		want      []string
	}{
		{"operators", "a<<=b>>=c<<d>>e&&f||g->h", LangC, []string{"a", "<<=", "b", ">>=", "c", "<<", "d", ">", ">", "e", "&&", "f", "||", "g", "->", "h"}},
		{"star equals is two tokens as in lizard", "x*=2;y/=3;", LangC, []string{"x", "*", "=", "2", ";", "y", "/", "=", "3", ";"}},
		{"floats", "1.5 .5e3 1. 1.e5 0x1F 1'000'000 0x12'34 0b1'0", LangC, []string{"1.5", ".5e3", "1.", "1.e5", "0x1F", "1'000'000", "0x12'34", "0b1'0"}},
		{"go numbers are words and dots", "1.5", LangGo, []string{"1", ".", "5"}},
		{"strings and chars", `s = "a\"b" 'c' '\''`, LangC, []string{"s", "=", `"a\"b"`, "'c'", `'\''`}},
		{"raw string", `auto s = R"(a ")" b)"; u8R"(x)"`, LangC, []string{"auto", "s", "=", `R"(a ")"`, "b", ")", `"; u8R"`, "(", "x", ")", `"`}},
		{"go raw string", "x := `a\nb`", LangGo, []string{"x", ":=", "`a\nb`"}},
		{"comments go", "a /* b\nc */ d // e\nf", LangC, []string{"a", "d", "f"}},
		{"line comment continues after backslash", "a // b \\\nc\nd", LangC, []string{"a", "d"}},
		{"tilde glues", "~Foo() ~ x", LangC, []string{"~Foo", "(", ")", "~ ", "x"}},
		{"java wildcard swallows ?", "a < b ? > c", LangC, []string{"a", "< b ? >", "c"}},
		{"include stays", "#include <stdio.h>\nint x;", LangC, []string{"#include", "<stdio.h>", "int", "x", ";"}},
		{"include without name", "#include\nx", LangC, []string{"#include", `""`, "x"}},
		{"directives vanish", "#define A(x) \\\n  if (x)\n#if A\nb\n#endif", LangC, []string{"b"}},
		{"lone hash stays", "#\nb", LangC, []string{"#", "b"}},
		{"unterminated comment", "a /* b", LangC, []string{"a", "/", "*", "b"}},
		{"unterminated string", `a "b`, LangC, []string{"a", `"`, "b"}},
		{"apostrophe in #error spans lines", "#error don't\nint f() {}\n'x'", LangC, []string{"'t\nint f() {}\n'", "x", "'"}},
		{"unicode word", "int größe = 1;", LangC, []string{"int", "größe", "=", "1", ";"}},
		{"backslash newline outside a directive stays", "a \\\nb", LangC, []string{"a", "\\\n", "b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tokens(tc.src, tc.lang).texts
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("tokens of %q:\n got  %q\n want %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestScannerDirectivesAndLines(t *testing.T) {
	src := "#if A\nx\n#  ifdef B\n#elif C\n#else\n#endif\n#ifndef D\n#endif\n#pragma once\ny\n"
	r := tokens(src, LangC)
	want := []directive{dirIf, dirIfdef, dirElif, dirElse, dirEndif, dirIfndef, dirEndif, dirOther}
	if !reflect.DeepEqual(r.dirs, want) {
		t.Errorf("directives = %v, want %v", r.dirs, want)
	}
	if !reflect.DeepEqual(r.lines, []int32{2, 10}) {
		t.Errorf("lines = %v, want [2 10]", r.lines)
	}
}

// Unterminated quotes and comments must not make the lexer quadratic:
// without the memo every later quote would rescan to the end of the file,
// and this test would not finish.
func TestLexerUnterminatedIsLinear(t *testing.T) {
	for _, tc := range []struct {
		unit string
		memo func(*lexer) int
	}{
		{`"\`, func(l *lexer) int { return l.noDQuote }},
		{`'\`, func(l *lexer) int { return l.noSQuote }},
		{`/* `, func(l *lexer) int { return l.noCommentEnd }},
		{`R"( `, func(l *lexer) int { return l.noRawEnd }},
	} {
		src := []byte(strings.Repeat(tc.unit, 200000))
		l := newLexer(src, LangC)
		for {
			if _, _, _, ok := l.next(); !ok {
				break
			}
		}
		if m := tc.memo(&l); m != 0 {
			t.Errorf("%q: memo = %d, want 0 (the first search fails)", tc.unit, m)
		}
	}
}
