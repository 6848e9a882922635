package csrc

import "bytes"

// token is one lexical unit of a logical line of C.
type token struct {
	text string
	line int  // 1-based line where it starts
	kind byte // 'i' identifier, 'n' number, 's' string/char literal, 'p' punctuation
}

// lexer turns source into tokens, dropping comments (but reporting the
// CONFIG_ names they mention) and splicing continued lines. Preprocessor
// directives come out as one directive each.
type lexer struct {
	src  []byte
	pos  int
	line int
	// bol is set at the start of a line (only blanks seen), where a
	// directive may begin.
	bol bool
	// comment receives the text of each comment (raw bytes, line splices
	// kept) and the line it starts on.
	comment func(text []byte, line int)
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdent(c byte) bool      { return isIdentStart(c) || c >= '0' && c <= '9' }

// peek returns the byte at pos+off after line splices, and how many raw
// bytes it took; 0 at the end.
func (l *lexer) at(i int) (byte, int) {
	for i < len(l.src) {
		c := l.src[i]
		if c == '\\' && i+1 < len(l.src) && l.src[i+1] == '\n' {
			i += 2
			continue
		}
		if c == '\\' && i+2 < len(l.src) && l.src[i+1] == '\r' && l.src[i+2] == '\n' {
			i += 3
			continue
		}
		return c, i
	}
	return 0, len(l.src)
}

// advance moves past the byte at raw index i (as returned by at), counting
// newlines, including spliced ones.
func (l *lexer) advance(i int) {
	for ; l.pos <= i && l.pos < len(l.src); l.pos++ {
		if l.src[l.pos] == '\n' {
			l.line++
		}
	}
}

// directive is one preprocessor line: its name (if, ifdef, define …) and
// the tokens after it.
type directive struct {
	name string
	args []token
	line int
}

// item is what next returns: a token or a directive.
type item struct {
	tok token
	dir *directive
	eof bool
}

func (l *lexer) next() item {
	for {
		c, i := l.at(l.pos)
		if i >= len(l.src) {
			l.pos = len(l.src)
			return item{eof: true}
		}
		switch {
		case c == '\n':
			l.advance(i)
			l.bol = true
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			l.advance(i)
			continue
		case c == '/' && l.peekIs(i, '*'):
			l.blockComment(i)
			continue
		case c == '/' && l.peekIs(i, '/'):
			l.lineComment(i)
			continue
		case c == '#' && l.bol:
			l.advance(i)
			return item{dir: l.directive()}
		}
		l.bol = false
		return item{tok: l.token()}
	}
}

func (l *lexer) peekIs(i int, want byte) bool {
	c, _ := l.at(i + 1)
	return c == want
}

func (l *lexer) blockComment(i int) {
	start := l.line
	_, j := l.at(i + 1) // the '*'
	l.advance(j)
	// A comment ends at the first "*/"; a line splice inside the two
	// characters is too odd to honour, so search the raw bytes.
	end := bytes.Index(l.src[l.pos:], []byte("*/"))
	stop := len(l.src)
	if end >= 0 {
		stop = l.pos + end
	}
	text := l.src[l.pos:stop]
	l.line += bytes.Count(text, []byte{'\n'})
	l.pos = stop
	if end >= 0 {
		l.pos += 2
	}
	if l.comment != nil {
		l.comment(text, start)
	}
}

func (l *lexer) lineComment(i int) {
	start := l.line
	l.advance(i)
	from := l.pos
	for {
		c, k := l.at(l.pos)
		if k >= len(l.src) || c == '\n' {
			l.pos = k
			break
		}
		l.advance(k)
	}
	if l.comment != nil {
		l.comment(l.src[from:l.pos], start)
	}
}

// token reads one token at pos (not blank, not a comment).
func (l *lexer) token() token {
	c, i := l.at(l.pos)
	t := token{line: l.line}
	if slowOnly {
		return l.slowToken(t)
	}
	switch {
	case isIdentStart(c) && i == l.pos:
		// Fast path: an identifier without line splices is a slice of
		// the source.
		j := i
		for j < len(l.src) && isIdent(l.src[j]) {
			j++
		}
		if j < len(l.src) && (l.src[j] == '\\' || l.src[j] == '"' || l.src[j] == '\'') {
			return l.slowToken(t)
		}
		l.pos = j
		t.kind, t.text = 'i', string(l.src[i:j])
		return t
	case i == l.pos && !isIdent(c) && c != '.' && c != '"' && c != '\'' && c < 0x80:
		// Punctuation: one byte, or one of the pairs the scanner reads as
		// one operator; the text is shared, not allocated.
		if i+1 < len(l.src) {
			if op, ok := pairs[[2]byte{c, l.src[i+1]}]; ok {
				l.pos = i + 2
				t.kind, t.text = 'p', op
				return t
			}
			if l.src[i+1] == '\\' {
				break // a line splice may join a pair
			}
		}
		l.pos = i + 1
		t.kind, t.text = 'p', single[c]
		return t
	}
	return l.slowToken(t)
}

// slowOnly turns the fast paths off, for the test that holds them to the
// slow path's results.
var slowOnly = false

// single holds the one-byte strings, pairs the two-byte operators.
var (
	single [0x80]string
	pairs  = map[[2]byte]string{}
)

func init() {
	for c := range single {
		single[c] = string(rune(c))
	}
	for _, op := range []string{"&&", "||", "==", "!=", "<=", ">=", "##"} {
		pairs[[2]byte{op[0], op[1]}] = op
	}
}

// slowToken reads a token byte by byte, through line splices.
func (l *lexer) slowToken(t token) token {
	c, i := l.at(l.pos)
	var text []byte
	switch {
	case isIdentStart(c):
		t.kind = 'i'
		for isIdent(c) {
			text = append(text, c)
			l.advance(i)
			c, i = l.at(l.pos)
		}
		// L"wide", u8"text" and friends: the prefix belongs to the literal.
		if c == '"' || c == '\'' {
			t.kind = 's'
			text = append(text, l.literal()...)
		}
	case c >= '0' && c <= '9' || c == '.' && l.nextIsDigit(i):
		t.kind = 'n'
		for isIdent(c) || c == '.' || (c == '+' || c == '-') && len(text) > 0 && (text[len(text)-1]|0x20 == 'e' || text[len(text)-1]|0x20 == 'p') {
			text = append(text, c)
			l.advance(i)
			c, i = l.at(l.pos)
		}
	case c == '"' || c == '\'':
		t.kind = 's'
		text = l.literal()
	default:
		t.kind = 'p'
		text = append(text, c)
		l.advance(i)
		// Two-character operators the scanner cares about.
		if d, j := l.at(l.pos); (c == '&' && d == '&') || (c == '|' && d == '|') || (c == '=' && d == '=') ||
			(c == '!' && d == '=') || (c == '<' && d == '=') || (c == '>' && d == '=') || (c == '#' && d == '#') {
			text = append(text, d)
			l.advance(j)
		}
	}
	t.text = string(text)
	return t
}

func (l *lexer) nextIsDigit(i int) bool {
	c, _ := l.at(i + 1)
	return c >= '0' && c <= '9'
}

// literal reads a string or character literal, to its closing quote or the
// end of the line (an unterminated literal ends there, as a compiler would
// complain; the scanner moves on).
func (l *lexer) literal() []byte {
	q, i := l.at(l.pos)
	out := []byte{q}
	l.advance(i)
	for {
		c, k := l.at(l.pos)
		if k >= len(l.src) || c == '\n' {
			l.pos = k
			return out
		}
		out = append(out, c)
		l.advance(k)
		if c == '\\' {
			if d, m := l.at(l.pos); m < len(l.src) && d != '\n' {
				out = append(out, d)
				l.advance(m)
			}
			continue
		}
		if c == q {
			return out
		}
	}
}

// directive reads the rest of a preprocessor line after '#'.
func (l *lexer) directive() *directive {
	d := &directive{line: l.line}
	first := true
	for {
		c, i := l.at(l.pos)
		if i >= len(l.src) || c == '\n' {
			l.pos = i
			break
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			l.advance(i)
			continue
		case c == '/' && l.peekIs(i, '*'):
			l.blockComment(i)
			continue
		case c == '/' && l.peekIs(i, '/'):
			l.lineComment(i)
			continue
		}
		t := l.token()
		if first {
			first = false
			if t.kind == 'i' {
				d.name = t.text
				continue
			}
		}
		d.args = append(d.args, t)
	}
	l.bol = true
	return d
}
