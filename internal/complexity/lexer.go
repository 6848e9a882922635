package complexity

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// The lexer cuts source into raw tokens with the rules of lizard's
// tokenizer (lizard_languages/code_reader.py and clike.py), tried in the
// same order at every position, because the first rule that matches decides
// how the rest of the line is read: a quote in "#error don't" starts a
// character literal that ends at the next quote, maybe lines later, and
// lizard's CCN depends on that. The one deliberate difference is that "<<"
// is one token (see cfinder.go).
//
// Tokens are contiguous: every byte belongs to exactly one token.

type rawKind uint8

const (
	rkSpace       rawKind = iota // blanks other than a newline
	rkNewline                    // "\n"
	rkBackslashNL                // "\\\n" outside a comment or literal
	rkComment                    // /* */ or //
	rkHash                       // "#": starts a preprocessor line
	rkWord                       // identifier, keyword or number
	rkString                     // "…", '…', raw string, Go `…`
	rkGeneric                    // Java-style <?…> lizard reads as one token
	rkPunct                      // operators and any other single character
)

// byte classes for the hot loops
const (
	clsOther = iota
	clsWord
	clsDigit
	clsSpace
	clsHigh
)

var class = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clsWord
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = clsWord
	}
	t['_'] = clsWord
	for c := '0'; c <= '9'; c++ {
		t[c] = clsDigit
	}
	for _, c := range []byte{' ', '\t', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f} {
		t[c] = clsSpace
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = clsHigh
	}
	return
}()

// lexer holds the position and, per kind of delimited token, the position
// from which no closing delimiter exists: Python's regex engine rescans to
// the end of the file for every unterminated quote, which is quadratic; the
// memo keeps this lexer linear.
type lexer struct {
	src  []byte
	pos  int
	lang Language

	noCommentEnd, noDQuote, noSQuote, noRawEnd, noBacktick int
}

func newLexer(src []byte, lang Language) lexer {
	n := len(src) + 1
	return lexer{src: src, lang: lang, noCommentEnd: n, noDQuote: n, noSQuote: n, noRawEnd: n, noBacktick: n}
}

// next returns the next raw token; ok is false at the end of the input.
func (l *lexer) next() (k rawKind, start, end int, ok bool) {
	src, p := l.src, l.pos
	if p >= len(src) {
		return 0, p, p, false
	}
	k, end = l.scan(p)
	l.pos = end
	return k, p, end, true
}

func (l *lexer) scan(p int) (rawKind, int) {
	src := l.src
	c := src[p]
	switch class[c] {
	case clsWord:
		if l.lang != LangGo && (c == 'u' || c == 'U' || c == 'L' || c == 'R') {
			if e := l.rawString(p); e > 0 {
				return rkString, e
			}
		}
		return rkWord, l.word(p)
	case clsDigit:
		// Most numbers are plain; the float and separator rules only
		// apply when a "." or "'" follows the digits.
		q := digits(src, p)
		if q < len(src) {
			switch d := src[q]; {
			case d == '.' && l.lang != LangGo:
				if e := float1(src, p); e > 0 {
					return rkWord, e
				}
				return rkWord, float2(src, p)
			case d == '\'' || c == '0' && (d == 'x' || d == 'b'):
				if e := digitSeparated(src, p); e > 0 {
					return rkWord, e
				}
			}
		}
		return rkWord, l.word(p)
	case clsSpace:
		return rkSpace, l.spaces(p)
	case clsHigh:
		r, size := utf8.DecodeRune(src[p:])
		if isWordRune(r) {
			return rkWord, l.word(p)
		}
		if r != '\n' && unicode.IsSpace(r) {
			return rkSpace, l.spaces(p)
		}
		return rkPunct, p + size
	}
	switch c {
	case '\n':
		return rkNewline, p + 1
	case '/':
		if p+1 < len(src) {
			switch src[p+1] {
			case '*':
				if e := l.blockComment(p); e > 0 {
					return rkComment, e
				}
			case '/':
				return rkComment, lineComment(src, p)
			}
		}
		return rkPunct, p + 1
	case '.':
		if l.lang != LangGo {
			if e := float1(src, p); e > 0 {
				return rkWord, e
			}
		}
		if hasAt(src, p, "...") {
			return rkPunct, p + 3
		}
		return rkPunct, p + 1
	case '`':
		if l.lang == LangGo {
			if e := l.backtick(p); e > 0 {
				return rkString, e
			}
		}
		return rkPunct, p + 1
	case '"':
		if e := l.quoted(p, '"', &l.noDQuote); e > 0 {
			return rkString, e
		}
		return rkPunct, p + 1
	case '\'':
		if e := l.quoted(p, '\'', &l.noSQuote); e > 0 {
			return rkString, e
		}
		return rkPunct, p + 1
	case '#':
		return rkHash, p + 1
	case '\\':
		if p+1 < len(src) && src[p+1] == '\n' {
			return rkBackslashNL, p + 2
		}
		return rkPunct, p + 1
	case '<':
		if e := generic(src, p); e > 0 {
			return rkGeneric, e
		}
	}
	return rkPunct, p + punctLen(src, p)
}

// punctLen is the length of the operator at p, by lizard's list of combined
// symbols tried in its order ("*" before "*=", so "*=" is two tokens), plus
// ":=", "::", "**" and "<<" (ours, see cfinder.go).
func punctLen(src []byte, p int) int {
	c := src[p]
	var c1, c2 byte
	if p+1 < len(src) {
		c1 = src[p+1]
	}
	if p+2 < len(src) {
		c2 = src[p+2]
	}
	switch c {
	case '<':
		switch {
		case c1 == '<' && c2 == '=':
			return 3
		case c1 == '<':
			return 2
		case c1 == '=':
			return 2
		}
	case '>':
		switch {
		case c1 == '>' && c2 == '=':
			return 3
		case c1 == '=':
			return 2
		}
	case '|':
		if c1 == '|' || c1 == '=' {
			return 2
		}
	case '&':
		if c1 == '&' || c1 == '=' {
			return 2
		}
	case '=':
		switch {
		case c1 == '=' && c2 == '=':
			return 3
		case c1 == '=' || c1 == '>':
			return 2
		}
	case '!':
		switch {
		case c1 == '=' && c2 == '=':
			return 3
		case c1 == '=':
			return 2
		}
	case '-':
		if c1 == '>' || c1 == '-' || c1 == '=' {
			return 2
		}
	case '+':
		if c1 == '+' || c1 == '=' {
			return 2
		}
	case '*':
		if c1 == '*' {
			return 2
		}
	case '^':
		if c1 == '=' {
			return 2
		}
	case ':':
		if c1 == '=' || c1 == ':' {
			return 2
		}
	}
	return 1
}

func hasAt(src []byte, p int, s string) bool {
	return len(src)-p >= len(s) && string(src[p:p+len(s)]) == s
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// word scans \w+ from p (p is known to start a word).
func (l *lexer) word(p int) int {
	src := l.src
	i := p
	for i < len(src) {
		c := src[i]
		switch class[c] {
		case clsWord, clsDigit:
			i++
			continue
		case clsHigh:
			r, size := utf8.DecodeRune(src[i:])
			if isWordRune(r) {
				i += size
				continue
			}
		}
		break
	}
	if i == p { // a lone byte that is no word character
		i = p + 1
	}
	return i
}

func (l *lexer) spaces(p int) int {
	src := l.src
	i := p
	for i < len(src) {
		c := src[i]
		if class[c] == clsSpace {
			i++
			continue
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRune(src[i:])
			if r != utf8.RuneError && unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		break
	}
	if i == p {
		i = p + 1
	}
	return i
}

func digits(src []byte, p int) int {
	for p < len(src) && class[src[p]] == clsDigit {
		p++
	}
	return p
}

// exponent scans an optional [eE][-+]?\d+ at p.
func exponent(src []byte, p int) int {
	if p < len(src) && (src[p] == 'e' || src[p] == 'E') {
		q := p + 1
		if q < len(src) && (src[q] == '-' || src[q] == '+') {
			q++
		}
		if e := digits(src, q); e > q {
			return e
		}
	}
	return p
}

// float1 is \d*\.\d+(?:[eE][-+]?\d+)?
func float1(src []byte, p int) int {
	q := digits(src, p)
	if q >= len(src) || src[q] != '.' {
		return 0
	}
	e := digits(src, q+1)
	if e == q+1 {
		return 0
	}
	return exponent(src, e)
}

// float2 is \d+\.(?:\d+)?(?:[eE][-+]?\d+)?
func float2(src []byte, p int) int {
	q := digits(src, p)
	if q == p || q >= len(src) || src[q] != '.' {
		return 0
	}
	return exponent(src, digits(src, q+1))
}

// digitSeparated is (?:\d+')+\d+ and the 0x… and 0b… forms with
// separators; 0 when the number has none.
func digitSeparated(src []byte, p int) int {
	if src[p] == '0' && p+1 < len(src) {
		switch src[p+1] {
		case 'x':
			return separated(src, p+2, isHex)
		case 'b':
			return separated(src, p+2, isBin)
		}
	}
	return separated(src, p, isDec)
}

const (
	isDec = iota
	isHex
	isBin
)

func digitOf(c byte, kind int) bool {
	switch kind {
	case isHex:
		return class[c] == clsDigit || (c|0x20) >= 'a' && (c|0x20) <= 'f'
	case isBin:
		return c == '0' || c == '1'
	}
	return class[c] == clsDigit
}

func separated(src []byte, p int, kind int) int {
	i := p
	for i < len(src) && digitOf(src[i], kind) {
		i++
	}
	if i == p || i+1 >= len(src) || src[i] != '\'' || !digitOf(src[i+1], kind) {
		return 0
	}
	for i+1 < len(src) && src[i] == '\'' && digitOf(src[i+1], kind) {
		i++
		for i < len(src) && digitOf(src[i], kind) {
			i++
		}
	}
	return i
}

func (l *lexer) blockComment(p int) int {
	if p >= l.noCommentEnd {
		return 0
	}
	i := bytes.Index(l.src[p+2:], []byte("*/"))
	if i < 0 {
		l.noCommentEnd = p
		return 0
	}
	return p + 2 + i + 2
}

// lineComment is //(?:\\\n|[^\n])*
func lineComment(src []byte, p int) int {
	i := p + 2
	for {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return len(src)
		}
		i += j
		if src[i-1] != '\\' {
			return i
		}
		// A backslash right before the newline continues the comment,
		// whatever precedes the backslash.
		i++
	}
}

// quoted scans "(?:\\.|[^"\\])*" (and the same with '), which ends at the
// first unescaped quote, across lines.
func (l *lexer) quoted(p int, q byte, memo *int) int {
	if p >= *memo {
		return 0
	}
	src := l.src
	for i := p + 1; i < len(src); i++ {
		switch src[i] {
		case q:
			return i + 1
		case '\\':
			i++ // the character it escapes
		}
	}
	*memo = p
	return 0
}

// rawString is (?:u8|u|U|L)?R"\((?:[^)]|\)(?!"))*\)" : C++ raw strings with
// an empty delimiter; others are read as ordinary strings, as lizard does.
func (l *lexer) rawString(p int) int {
	src := l.src
	i := p
	switch {
	case hasAt(src, i, "u8R"):
		i += 2
	case hasAt(src, i, "uR"), hasAt(src, i, "UR"), hasAt(src, i, "LR"):
		i++
	}
	if !hasAt(src, i, `R"(`) {
		return 0
	}
	if p >= l.noRawEnd {
		return 0
	}
	j := bytes.Index(src[i+3:], []byte(`)"`))
	if j < 0 {
		l.noRawEnd = p
		return 0
	}
	return i + 3 + j + 2
}

func (l *lexer) backtick(p int) int {
	if p >= l.noBacktick {
		return 0
	}
	j := bytes.IndexByte(l.src[p+1:], '`')
	if j < 0 {
		l.noBacktick = p
		return 0
	}
	return p + 1 + j + 1
}

// generic is lizard's rule for Java wildcards, \<(?=(?:[^<>?]*\?)+[^<>]*\>)
// (?:[\w\s,.?]|(?:extends))+\> : "<" then only word characters, blanks,
// commas, dots and question marks, at least one "?", then ">". In C it
// rarely matches, but when it does it swallows a "?" that would count.
func generic(src []byte, p int) int {
	i := p + 1
	question := false
	for i < len(src) {
		c := src[i]
		switch {
		case c == '?':
			question = true
		case c == ',' || c == '.' || c == '\n':
		case class[c] == clsWord || class[c] == clsDigit || class[c] == clsSpace:
		case c >= 0x80:
			r, size := utf8.DecodeRune(src[i:])
			if !isWordRune(r) && !unicode.IsSpace(r) {
				return 0
			}
			i += size
			continue
		case c == '>':
			if question {
				return i + 1
			}
			return 0
		default:
			return 0
		}
		i++
	}
	return 0
}
