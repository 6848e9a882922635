package review

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
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
	file string
	data []byte // the whole file, for line and column
	base int    // offset of the parsed bytes within data
	hint string
}

// parse parses data[base:] as a stream of JSON documents.
func (d *decoder) parse() ([]*jval, error) {
	if bytes.HasPrefix(d.data[d.base:], []byte("\ufeff")) {
		d.base += len("\ufeff") // a byte-order mark some Windows tools write
	}
	docs, err := parseJSONStream(d.data[d.base:])
	var se *jsyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(d.data, d.base+se.off)
		return nil, &ParseError{File: d.file, Line: line, Column: col, Msg: "invalid JSON: " + se.msg, Hint: d.hint}
	}
	return docs, err
}

func (d *decoder) errorf(v *jval, path, format string, args ...any) *ParseError {
	e := &ParseError{File: d.file, Path: path, Msg: fmt.Sprintf(format, args...), Hint: d.hint}
	if v != nil {
		e.Line, e.Column = lineCol(d.data, d.base+v.off)
	}
	return e
}

// join appends an object key to a path, in the bracket form when the key is
// not a plain identifier.
func join(path, key string) string {
	plain := key != ""
	for i, r := range key {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			plain = false
			break
		}
	}
	switch {
	case !plain:
		return path + "[" + strconv.Quote(key) + "]"
	case path == "":
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// fields reads the members of one object; the first wrong member is kept in
// err and later reads return zero values, so a decoding function reads all
// it needs and checks err once.
type fields struct {
	d    *decoder
	v    *jval
	path string
	err  error
}

func (d *decoder) object(v *jval, path string) (*fields, error) {
	if v == nil || v.kind != jObj {
		return nil, d.errorf(v, path, "expected an object, got %s", describe(v))
	}
	return &fields{d: d, v: v, path: path}, nil
}

// member returns key's value when it is present, not null, and of kind k.
func (f *fields) member(key string, k jkind, required bool) *jval {
	if f.err != nil {
		return nil
	}
	v := f.v.get(key)
	if v == nil || v.kind == jNull {
		if required {
			f.err = f.d.errorf(f.v, join(f.path, key), "missing")
		}
		return nil
	}
	if v.kind != k {
		f.err = f.d.errorf(v, join(f.path, key), "expected %s, got %s", k, describe(v))
		return nil
	}
	return v
}

func (f *fields) str(key string, required bool) string {
	if v := f.member(key, jStr, required); v != nil {
		return v.s
	}
	return ""
}

// integer reads a whole number; Gerrit's query output writes some numbers
// as strings ("value":"2"), so stringy accepts those too.
func (f *fields) integer(key string, required, stringy bool) (int64, bool) {
	if f.err != nil {
		return 0, false
	}
	v := f.v.get(key)
	if v != nil && v.kind == jStr && stringy {
		n, err := strconv.ParseInt(strings.TrimSpace(v.s), 10, 64)
		if err != nil {
			f.err = f.d.errorf(v, join(f.path, key), "expected a whole number, got %q", v.s)
			return 0, false
		}
		return n, true
	}
	v = f.member(key, jNum, required)
	if v == nil {
		return 0, false
	}
	n, err := strconv.ParseInt(v.s, 10, 64)
	if err != nil {
		f.err = f.d.errorf(v, join(f.path, key), "expected a whole number, got %s", v.s)
		return 0, false
	}
	return n, true
}

func (f *fields) array(key string, required bool) []*jval {
	if v := f.member(key, jArr, required); v != nil {
		return v.arr
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
	f.err = f.d.errorf(f.v.get(key), join(f.path, key), "expected one of %s, got %q", strings.Join(allowed, ", "), s)
	return ""
}

func describe(v *jval) string {
	switch {
	case v == nil:
		return "nothing"
	case v.kind == jStr:
		if len(v.s) > 40 {
			return strconv.Quote(v.s[:40] + "...")
		}
		return strconv.Quote(v.s)
	case v.kind == jNum:
		return v.s
	case v.kind == jBool:
		return strconv.FormatBool(v.b)
	}
	return v.kind.String()
}
