package review

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The exports are read with a small JSON parser of our own rather than
// encoding/json because every complaint must say where: encoding/json's
// Decoder does not report reliable offsets for a stream of documents (which
// `gh api --paginate` and `gerrit query` both produce), and a tree that keeps
// each value's offset lets a wrong field be named by path, line and column.

type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNum
	jStr
	jArr
	jObj
)

func (k jkind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// jval is a parsed JSON value and the byte offset where it starts.
type jval struct {
	kind jkind
	off  int
	s    string // string value or number literal
	b    bool
	arr  []*jval
	keys []string
	vals []*jval
}

// get is the value of key, the last one when a key repeats (as
// encoding/json does), or nil.
func (v *jval) get(key string) *jval {
	if v == nil || v.kind != jObj {
		return nil
	}
	for i := len(v.keys) - 1; i >= 0; i-- {
		if v.keys[i] == key {
			return v.vals[i]
		}
	}
	return nil
}

// maxDepth bounds nesting; real exports nest less than ten deep.
const maxDepth = 100

type jsyntaxError struct {
	off int
	msg string
}

func (e *jsyntaxError) Error() string { return e.msg }

type jparser struct {
	data  []byte
	pos   int
	depth int
}

// parseJSONStream parses whitespace-separated JSON documents.
func parseJSONStream(data []byte) ([]*jval, error) {
	p := &jparser{data: data}
	var docs []*jval
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return docs, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		docs = append(docs, v)
	}
}

func (p *jparser) fail(msg string, args ...any) error {
	return &jsyntaxError{off: p.pos, msg: fmt.Sprintf(msg, args...)}
}

func (p *jparser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jparser) value() (*jval, error) {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, p.fail("unexpected end of JSON input")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{' || c == '[':
		if p.depth++; p.depth > maxDepth {
			return nil, p.fail("JSON nested more than %d deep", maxDepth)
		}
		defer func() { p.depth-- }()
		if c == '{' {
			return p.object()
		}
		return p.array()
	case c == '"':
		s, err := p.str()
		return &jval{kind: jStr, off: start, s: s}, err
	case c == '-' || ('0' <= c && c <= '9'):
		return p.number()
	}
	for _, lit := range []struct {
		text string
		v    jval
	}{{"true", jval{kind: jBool, b: true}}, {"false", jval{kind: jBool}}, {"null", jval{kind: jNull}}} {
		if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(lit.text))]), lit.text) {
			p.pos += len(lit.text)
			v := lit.v
			v.off = start
			return &v, nil
		}
	}
	return nil, p.fail("invalid character %s looking for a JSON value", quoteChar(p.data[p.pos:]))
}

func (p *jparser) object() (*jval, error) {
	v := &jval{kind: jObj, off: p.pos}
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.expected("a string key")
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.expected("':' after object key")
		}
		p.pos++
		e, err := p.value()
		if err != nil {
			return nil, err
		}
		v.keys, v.vals = append(v.keys, k), append(v.vals, e)
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			p.pos++
			return v, nil
		}
		return nil, p.expected("',' or '}' after object value")
	}
}

func (p *jparser) array() (*jval, error) {
	v := &jval{kind: jArr, off: p.pos}
	p.pos++ // [
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v, nil
	}
	for {
		e, err := p.value()
		if err != nil {
			return nil, err
		}
		v.arr = append(v.arr, e)
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return v, nil
		}
		return nil, p.expected("',' or ']' after array element")
	}
}

func (p *jparser) expected(what string) error {
	if p.pos >= len(p.data) {
		return p.fail("unexpected end of JSON input, expected %s", what)
	}
	return p.fail("invalid character %s, expected %s", quoteChar(p.data[p.pos:]), what)
}

// str scans a string literal and leaves unescaping to encoding/json, whose
// rules (surrogate pairs, invalid UTF-8) are the reference.
func (p *jparser) str() (string, error) {
	start := p.pos
	p.pos++ // "
	plain := true
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			raw := p.data[start:p.pos]
			if plain {
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", &jsyntaxError{off: start, msg: "invalid string literal: " + strings.TrimPrefix(err.Error(), "json: ")}
			}
			return s, nil
		case c == '\\':
			plain = false
			if p.pos+1 >= len(p.data) {
				p.pos++
				return "", p.fail("unexpected end of JSON input in string literal")
			}
			if p.data[p.pos+1] == 'u' {
				for i := 2; i < 6; i++ {
					if p.pos+i >= len(p.data) || !isHex(p.data[p.pos+i]) {
						p.pos += i
						return "", p.fail("invalid \\u escape in string literal")
					}
				}
				p.pos += 6
				continue
			}
			if !strings.ContainsRune(`"\/bfnrt`, rune(p.data[p.pos+1])) {
				return "", p.fail("invalid escape %s in string literal", quoteChar(p.data[p.pos+1:]))
			}
			p.pos += 2
		case c < 0x20:
			return "", p.fail("invalid control character %s in string literal", quoteChar(p.data[p.pos:]))
		case c >= utf8.RuneSelf:
			plain = false
			p.pos++
		default:
			p.pos++
		}
	}
	return "", p.fail("unexpected end of JSON input in string literal")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// number checks the JSON number grammar and keeps the literal.
func (p *jparser) number() (*jval, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && '0' <= p.data[p.pos] && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.data[p.pos] == '-' {
		p.pos++
	}
	if p.pos < len(p.data) && p.data[p.pos] == '0' {
		p.pos++
	} else if digits() == 0 {
		return nil, p.fail("invalid number: expected a digit")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.fail("invalid number: expected a digit after '.'")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.fail("invalid number: expected a digit in the exponent")
		}
	}
	return &jval{kind: jNum, off: start, s: string(p.data[start:p.pos])}, nil
}

func quoteChar(b []byte) string {
	r, _ := utf8.DecodeRune(b)
	return strconv.QuoteRune(r)
}

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters.
func lineCol(data []byte, off int) (int, int) {
	off = min(off, len(data))
	line, lineStart := 1, 0
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line, lineStart = line+1, i+1
		}
	}
	return line, utf8.RuneCount(data[lineStart:off]) + 1
}
