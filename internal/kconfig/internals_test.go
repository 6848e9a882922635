package kconfig

import (
	"reflect"
	"strings"
	"testing"
)

// The Python behaviours the engine reproduces, each against values Python
// 3.11 gives (int(s, base), fnmatch.fnmatchcase, os.path.expandvars,
// str.expandtabs).

func TestParsePyInt(t *testing.T) {
	tests := []struct {
		s    string
		base int
		want string // decimal, or "" when Python raises ValueError
	}{
		{"42", 10, "42"}, {" 42\t", 10, "42"}, {"+7", 10, "7"}, {"-7", 10, "-7"},
		{"1_000", 10, "1000"}, {"1__0", 10, ""}, {"_1", 10, ""}, {"1_", 10, ""},
		{"0x10", 10, ""}, {"12abc", 10, ""}, {"", 10, ""}, {"-", 10, ""}, {"0012", 10, "12"},
		{"0x1F", 16, "31"}, {"1f", 16, "31"}, {"0X_ff", 16, "255"}, {"0x", 16, ""}, {"-0x10", 16, "-16"},
		{"0b1", 16, "177"}, {"ffffffffffffffffffff", 16, "1208925819614629174706175"},
		{"0x10", 0, "16"}, {"0o17", 0, "15"}, {"0b101", 0, "5"}, {"010", 0, ""}, {"000", 0, "0"},
		{"0_0", 0, "0"}, {"10", 0, "10"}, {"y", 0, ""}, {"9223372036854775808", 10, "9223372036854775808"},
		{"-9223372036854775808", 10, "-9223372036854775808"},
	}
	for _, tt := range tests {
		n, ok := parsePyInt(tt.s, tt.base)
		got := ""
		if ok {
			got = n.decimal()
		}
		if got != tt.want {
			t.Errorf("int(%q, %d) = %q, want %q", tt.s, tt.base, got, tt.want)
		}
	}
}

func TestPyIntFormat(t *testing.T) {
	tests := []struct {
		s        string
		dec, hex string
	}{
		{"255", "255", "0xff"}, {"-255", "-255", "-0xff"}, {"0", "0", "0x0"},
		{"-9223372036854775808", "-9223372036854775808", "-0x8000000000000000"},
		{"18446744073709551616", "18446744073709551616", "0x10000000000000000"},
	}
	for _, tt := range tests {
		n, ok := parsePyInt(tt.s, 10)
		if !ok || n.decimal() != tt.dec || n.hex() != tt.hex {
			t.Errorf("%s: str %q hex %q, want %q %q", tt.s, n.decimal(), n.hex(), tt.dec, tt.hex)
		}
	}
	a, _ := parsePyInt("99999999999999999999", 10)
	b, _ := parsePyInt("5", 10)
	if a.cmp(b) != 1 || b.cmp(a) != -1 || a.cmp(a) != 0 {
		t.Error("big comparison")
	}
}

func TestFnmatch(t *testing.T) {
	tests := []struct {
		name, pat string
		want      bool
	}{
		{"Kconfig", "Kconfig", true}, {"Kconfig", "K*", true}, {"Kconfig.x", "Kconfig.*", true},
		{"Kconfig", "Kconfig.*", false}, {"a", "?", true}, {"ab", "?", false}, {"", "*", true},
		{"b", "[abc]", true}, {"d", "[abc]", false}, {"d", "[!abc]", true}, {"b", "[a-c]", true},
		{"-", "[a-]", true}, {"]", "[]]", true}, {"[x", "[x", true}, {"x", "[]", false},
		{"abcabc", "*abc", true}, {"axbxc", "a*b*c", true}, {"axbx", "a*b*c", false}, {"é", "?", true},
	}
	for _, tt := range tests {
		if got := fnmatch(tt.name, tt.pat); got != tt.want {
			t.Errorf("fnmatch(%q, %q) = %v, want %v", tt.name, tt.pat, got, tt.want)
		}
	}
}

func TestExpandVars(t *testing.T) {
	env := map[string]string{"A": "1", "LONG_NAME": "x/y", "EMPTY": ""}
	tests := map[string]string{
		"$A":            "1",
		"${A}b":         "1b",
		"$Ab":           "$Ab",
		"$LONG_NAME/z":  "x/y/z",
		"$UNSET/$A":     "$UNSET/1",
		"${UNSET":       "${UNSET",
		"$":             "$",
		"$$A":           "$1",
		"a$EMPTY.b":     "a.b",
		"${}":           "${}",
		"$(A)":          "$(A)",
		"no dollar":     "no dollar",
		"${LONG_NAME}$": "x/y$",
	}
	for in, want := range tests {
		if got := expandVars(in, env); got != want {
			t.Errorf("expandvars(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIndentAndExpand(t *testing.T) {
	tests := []struct {
		line   string
		indent int
		skip   int
		want   string
	}{
		{"\t  text\n", 10, 10, "text\n"},
		{"\t\ttext\n", 16, 10, "      text\n"},
		{"  \ta\tb\n", 8, 2, "      a       b\n"},
		{"    x\n", 4, 4, "x\n"},
		{"\u00a0\u00a0y\n", 2, 2, "y\n"},
	}
	for _, tt := range tests {
		if got := indentWidth(tt.line); got != tt.indent {
			t.Errorf("indentWidth(%q) = %d, want %d", tt.line, got, tt.indent)
		}
		var b strings.Builder
		appendExpanded(&b, tt.line, tt.skip)
		if got := b.String(); got != tt.want {
			t.Errorf("appendExpanded(%q, %d) = %q, want %q", tt.line, tt.skip, got, tt.want)
		}
	}
}

func TestPyStrings(t *testing.T) {
	if !pyIsSpace(" \t\x1c\u3000\n") || pyIsSpace("") || pyIsSpace(" x ") {
		t.Error("pyIsSpace")
	}
	if pyStrip("\u00a0 a b \x1f") != "a b" || pyRStrip("a \n") != "a" || pyLStrip("\t a") != "a" {
		t.Error("strip")
	}
	if !pyIsUpper("FOO_1") || pyIsUpper("Foo") || pyIsUpper("123") {
		t.Error("isupper")
	}
	if got := splitLines("a\r\nb\rc\n\n"); !reflect.DeepEqual(got, []string{"a", "b", "c", ""}) {
		t.Errorf("splitLines = %q", got)
	}
	if pyDirname("a/b/c") != "a/b" || pyDirname("Kconfig") != "" || pyDirname("/x") != "/" {
		t.Error("dirname")
	}
	if pyJoin("", "x") != "x" || pyJoin("a", "/b") != "/b" || pyJoin("a/", "b") != "a/b" || pyJoin("a", "b") != "a/b" {
		t.Error("join")
	}
	if escape(`a"b\c`) != `a\"b\\c` || unescape(`a\"b\\c\x`) != `a"b\cx` {
		t.Error("escape")
	}
}
