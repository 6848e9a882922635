package review

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// ParseError is an export that is not valid JSON or not in the shape the
// review source produces. Path is the JSON path of the offending value
// ("[2].state", `[0].labels["Code-Review"].all[1].value`).
type ParseError struct {
	File   string
	Line   int
	Column int
	Path   string
	Msg    string
	Hint   string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// decoder turns a parsed tree into typed values, failing with the first
// wrong field's path and position.
type decoder struct {
	file  string
	data  []byte // the whole file, for line and column
	base  int    // offset of the parsed bytes within data
	hint  string
	lines *jsonpos.Lines
}

// parse parses data[base:] as a stream of JSON documents.
func (d *decoder) parse() ([]*jsonpos.Value, error) {
	if bytes.HasPrefix(d.data[d.base:], []byte("\ufeff")) {
		d.base += len("\ufeff") // a byte-order mark some Windows tools write
	}
	docs, err := jsonpos.ParseStream(d.data[d.base:])
	var se *jsonpos.Error
	if errors.As(err, &se) {
		line, col := jsonpos.LineCol(d.data, d.base+se.Off)
		return nil, &ParseError{File: d.file, Line: line, Column: col, Msg: "invalid JSON: " + se.Msg, Hint: d.hint}
	}
	return docs, err
}

// pos is the line and column of v; every review and change records its
// line, so the lines are indexed once rather than counted for each.
func (d *decoder) pos(v *jsonpos.Value) (line, col int) {
	if d.lines == nil {
		d.lines = jsonpos.NewLines(d.data)
	}
	return d.lines.Pos(d.base + v.Off)
}

func (d *decoder) errorf(v *jsonpos.Value, path, format string, args ...any) *ParseError {
	e := &ParseError{File: d.file, Path: path, Msg: fmt.Sprintf(format, args...), Hint: d.hint}
	if v != nil {
		e.Line, e.Column = d.pos(v)
	}
	return e
}

// fields reads the members of one object; the first wrong member is kept in
// err and later reads return zero values, so a decoding function reads all
// it needs and checks err once.
type fields struct {
	d    *decoder
	v    *jsonpos.Value
	path string
	err  error
}

func (d *decoder) object(v *jsonpos.Value, path string) (*fields, error) {
	if v == nil || v.Kind != jsonpos.Object {
		return nil, d.errorf(v, path, "expected an object, got %s", describe(v))
	}
	return &fields{d: d, v: v, path: path}, nil
}

// member returns key's value when it is present, not null, and of kind k.
func (f *fields) member(key string, k jsonpos.Kind, required bool) *jsonpos.Value {
	if f.err != nil {
		return nil
	}
	v := f.v.Get(key)
	if v == nil || v.Kind == jsonpos.Null {
		if required {
			f.err = f.d.errorf(f.v, jsonpos.Key(f.path, key), "missing")
		}
		return nil
	}
	if v.Kind != k {
		f.err = f.d.errorf(v, jsonpos.Key(f.path, key), "expected %s, got %s", k, describe(v))
		return nil
	}
	return v
}

func (f *fields) str(key string, required bool) string {
	if v := f.member(key, jsonpos.String, required); v != nil {
		return v.Str
	}
	return ""
}

// integer reads a whole number; Gerrit's query output writes some numbers
// as strings ("value":"2"), so stringy accepts those too.
func (f *fields) integer(key string, required, stringy bool) (int64, bool) {
	if f.err != nil {
		return 0, false
	}
	v := f.v.Get(key)
	if v != nil && v.Kind == jsonpos.String && stringy {
		n, err := strconv.ParseInt(strings.TrimSpace(v.Str), 10, 64)
		if err != nil {
			f.err = f.d.errorf(v, jsonpos.Key(f.path, key), "expected a whole number, got %q", v.Str)
			return 0, false
		}
		return n, true
	}
	v = f.member(key, jsonpos.Number, required)
	if v == nil {
		return 0, false
	}
	n, err := strconv.ParseInt(v.Str, 10, 64)
	if err != nil {
		f.err = f.d.errorf(v, jsonpos.Key(f.path, key), "expected a whole number, got %s", v.Str)
		return 0, false
	}
	return n, true
}

func (f *fields) array(key string, required bool) []*jsonpos.Value {
	if v := f.member(key, jsonpos.Array, required); v != nil {
		return v.Elems
	}
	return nil
}

// oneOf reads a string that must be one of allowed.
func (f *fields) oneOf(key string, required bool, allowed ...string) string {
	s := f.str(key, required)
	if f.err != nil || (s == "" && !required) {
		return s
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	f.err = f.d.errorf(f.v.Get(key), jsonpos.Key(f.path, key), "expected one of %s, got %q", strings.Join(allowed, ", "), s)
	return ""
}

func describe(v *jsonpos.Value) string {
	switch {
	case v == nil:
		return "nothing"
	case v.Kind == jsonpos.String:
		if len(v.Str) > 40 {
			return strconv.Quote(v.Str[:40] + "...")
		}
		return strconv.Quote(v.Str)
	case v.Kind == jsonpos.Number:
		return v.Str
	case v.Kind == jsonpos.Bool:
		return strconv.FormatBool(v.Bool)
	}
	return v.Kind.String()
}
