package jsonpos

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDepth bounds nesting. It is encoding/json's own limit, so that a
// document one of them accepts the other accepts too; real exports nest
// less than ten deep.
const MaxDepth = 10000

// Parse parses data as exactly one JSON document. A syntax error is an
// *Error with an empty Path.
func Parse(data []byte) (*Value, error) {
	p := &parser{data: data}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	if p.skipSpace(); p.pos < len(p.data) {
		return nil, p.fail("invalid character %s after top-level value", quoteChar(p.data[p.pos:]))
	}
	return v, nil
}

// ParseStream parses whitespace-separated JSON documents, as `gh api
// --paginate` and `gerrit query --format=JSON` print them. Empty data is no
// documents. A syntax error is an *Error with an empty Path.
func ParseStream(data []byte) ([]*Value, error) {
	p := &parser{data: data}
	var docs []*Value
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

type parser struct {
	data  []byte
	pos   int
	depth int
}

func (p *parser) fail(msg string, args ...any) error {
	return &Error{Off: p.pos, Msg: fmt.Sprintf(msg, args...)}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

var literals = [...]struct {
	text string
	v    Value
}{{"true", Value{Kind: Bool, Bool: true}}, {"false", Value{Kind: Bool}}, {"null", Value{Kind: Null}}}

func (p *parser) value() (*Value, error) {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, p.fail("unexpected end of JSON input")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{' || c == '[':
		if p.depth++; p.depth > MaxDepth {
			return nil, p.fail("JSON nested more than %d deep", MaxDepth)
		}
		defer func() { p.depth-- }()
		if c == '{' {
			return p.object()
		}
		return p.array()
	case c == '"':
		s, err := p.str()
		return &Value{Kind: String, Off: start, Str: s}, err
	case c == '-' || ('0' <= c && c <= '9'):
		return p.number()
	}
	for _, lit := range literals {
		if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(lit.text))]), lit.text) {
			p.pos += len(lit.text)
			v := lit.v
			v.Off = start
			return &v, nil
		}
	}
	return nil, p.fail("invalid character %s looking for a JSON value", quoteChar(p.data[p.pos:]))
}

func (p *parser) object() (*Value, error) {
	v := &Value{Kind: Object, Off: p.pos}
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
		v.Keys, v.Vals = append(v.Keys, k), append(v.Vals, e)
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

func (p *parser) array() (*Value, error) {
	v := &Value{Kind: Array, Off: p.pos}
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
		v.Elems = append(v.Elems, e)
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

func (p *parser) expected(what string) error {
	if p.pos >= len(p.data) {
		return p.fail("unexpected end of JSON input, expected %s", what)
	}
	return p.fail("invalid character %s, expected %s", quoteChar(p.data[p.pos:]), what)
}

// str scans a string literal and leaves unescaping to encoding/json, whose
// rules (surrogate pairs, invalid UTF-8) are the reference. A literal
// without escapes that is valid UTF-8 is its own value, and common enough
// (names, titles) to be worth not asking.
func (p *parser) str() (string, error) {
	start := p.pos
	p.pos++ // "
	plain, ascii := true, true
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			raw := p.data[start:p.pos]
			if plain && (ascii || utf8.Valid(raw)) {
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", &Error{Off: start, Msg: "invalid string literal: " + strings.TrimPrefix(err.Error(), "json: ")}
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
			ascii = false
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
func (p *parser) number() (*Value, error) {
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
	return &Value{Kind: Number, Off: start, Str: string(p.data[start:p.pos])}, nil
}

func quoteChar(b []byte) string {
	r, _ := utf8.DecodeRune(b)
	return strconv.QuoteRune(r)
}
