package kconfig

import (
	"strings"
	"unicode/utf8"
)

// The reference is Python: where its behaviour depends on Python's notion
// of whitespace (str.isspace, str.strip) or on regular expressions in ASCII
// mode (\s), these helpers reproduce it, so the same file parses the same.

// pyIsSpaceRune is Python's str.isspace for one character.
func pyIsSpaceRune(r rune) bool {
	switch {
	case r == ' ' || (r >= '\t' && r <= '\r') || (r >= 0x1c && r <= 0x1f):
		return true
	case r < 0x80:
		return false
	case r == 0x85 || r == 0xa0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200a) ||
		r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000:
		return true
	}
	return false
}

// isASCIISpace is \s in an ASCII-mode regular expression.
func isASCIISpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

// pyIsSpace is Python's s.isspace(): non-empty and all whitespace.
func pyIsSpace(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !pyIsSpaceRune(r) {
			return false
		}
	}
	return true
}

func pyStrip(s string) string { return pyRStrip(pyLStrip(s)) }

func pyLStrip(s string) string {
	for len(s) > 0 {
		if s[0] < utf8.RuneSelf {
			if !pyIsSpaceRune(rune(s[0])) {
				return s
			}
			s = s[1:]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		if !pyIsSpaceRune(r) {
			return s
		}
		s = s[n:]
	}
	return s
}

func pyRStrip(s string) string {
	for len(s) > 0 {
		if c := s[len(s)-1]; c < utf8.RuneSelf {
			if !pyIsSpaceRune(rune(c)) {
				return s
			}
			s = s[:len(s)-1]
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s)
		if !pyIsSpaceRune(r) {
			return s
		}
		s = s[:len(s)-n]
	}
	return s
}

// indentWidth is len(e) - len(e.lstrip()) for e = line.expandtabs():
// the characters of leading whitespace once tabs are expanded.
func indentWidth(line string) int {
	col := 0
	for i := 0; i < len(line); {
		c := line[i]
		if c == '\t' {
			col += 8 - col%8
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if !pyIsSpaceRune(rune(c)) {
				return col
			}
			if c == '\n' || c == '\r' {
				// expandtabs restarts columns here; only a blank line
				// gets this far.
				col++
				i++
				continue
			}
			col++
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		if !pyIsSpaceRune(r) {
			return col
		}
		col++
		i += n
	}
	return col
}

// appendExpanded writes line.expandtabs()[skip:] (Python characters) to b.
// Help lines are long runs without tabs after their indentation, so those
// runs are copied whole.
func appendExpanded(b *strings.Builder, line string, skip int) {
	col := 0 // column in the expanded line (help lines hold no newline but the last)
	out := 0 // characters of the expanded line produced so far
	i := 0
	for i < len(line) {
		c := line[i]
		if c == '\t' {
			n := 8 - col%8
			col += n
			for ; n > 0; n-- {
				if out >= skip {
					b.WriteByte(' ')
				}
				out++
			}
			i++
			continue
		}
		if out >= skip {
			end := strings.IndexByte(line[i:], '\t')
			if end < 0 {
				b.WriteString(line[i:])
				return
			}
			chunk := line[i : i+end]
			b.WriteString(chunk)
			n := utf8.RuneCountInString(chunk)
			col += n
			out += n
			i += end
			continue
		}
		size := 1
		if c >= utf8.RuneSelf {
			_, size = utf8.DecodeRuneInString(line[i:])
		}
		col++
		out++
		i += size
	}
}
