package tracker

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
)

// jnode is a JSON value together with the byte offset it starts at.
// encoding/json forgets where a value was once it is decoded; keeping the
// offset lets an error about "[3].state" also say which line that is on.
type jnode struct {
	kind jkind
	off  int
	str  string // string value, number literal, or "true"/"false"
	obj  map[string]*jnode
	arr  []*jnode
}

type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jObject
	jArray
)

func (k jkind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an object", "an array"}[k]
}

// jsonError is a problem at a place in a JSON document: a syntax error
// (path empty) or a value of the wrong type or form.
type jsonError struct {
	off  int
	path string
	msg  string
}

func (e *jsonError) Error() string {
	if e.path == "" {
		return e.msg
	}
	return e.path + ": " + e.msg
}

// parseJSON reads a whole document into a tree.
func parseJSON(data []byte) (*jnode, error) {
	// Validate first: the syntax error of a full check carries an absolute
	// offset, and the tree builder below may then trust the input.
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// Offset counts the bytes read, the bad one included; at the
			// end of input it points just past the last byte.
			off := int(se.Offset)
			if off < len(data) {
				off = max(0, off-1)
			}
			return nil, &jsonError{off: off, msg: se.Error()}
		}
		return nil, &jsonError{msg: err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return build(dec, data)
}

func build(dec *json.Decoder, data []byte) (*jnode, error) {
	n := &jnode{off: valueStart(data, int(dec.InputOffset()))}
	tok, err := dec.Token()
	if err != nil {
		return nil, &jsonError{off: n.off, msg: err.Error()}
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			n.kind, n.obj = jObject, map[string]*jnode{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, &jsonError{off: n.off, msg: err.Error()}
				}
				k, _ := kt.(string)
				var v *jnode
				if off := valueStart(data, int(dec.InputOffset())); !containers[k] && off < len(data) && (data[off] == '{' || data[off] == '[') {
					v, err = skip(dec, data, off)
				} else {
					v, err = build(dec, data)
				}
				if err != nil {
					return nil, err
				}
				n.obj[k] = v
			}
		} else {
			n.kind = jArray
			for dec.More() {
				v, err := build(dec, data)
				if err != nil {
					return nil, err
				}
				n.arr = append(n.arr, v)
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, &jsonError{off: n.off, msg: err.Error()}
		}
	case string:
		n.kind, n.str = jString, t
	case json.Number:
		n.kind, n.str = jNumber, t.String()
	case bool:
		n.kind, n.str = jBool, "false"
		if t {
			n.str = "true"
		}
	default:
		n.kind = jNull
	}
	return n, nil
}

// containers are the object members whose objects and arrays the issue
// shapes and error answers look into. Others are skipped unread: an issue
// export carries users, labels and reactions for every issue, and building
// them token by token would make large exports slow for nothing.
var containers = map[string]bool{
	"issues": true, "items": true, "fields": true, "status": true, "issuetype": true,
	"errorMessages": true, "errors": true,
}

// ignored swallows a value without building it.
type ignored struct{}

func (*ignored) UnmarshalJSON([]byte) error { return nil }

// skip reads an object or array that no one will look into; the node keeps
// its kind so that type errors can still say what was found.
func skip(dec *json.Decoder, data []byte, off int) (*jnode, error) {
	n := &jnode{off: off, kind: jObject}
	if data[off] == '[' {
		n.kind = jArray
	}
	if err := dec.Decode(&ignored{}); err != nil {
		return nil, &jsonError{off: off, msg: err.Error()}
	}
	return n, nil
}

// valueStart skips what the decoder's offset leaves before a value: the
// separator of the previous token and white space.
func valueStart(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// get returns the first of names that is present and not null, and its name.
func (n *jnode) get(names ...string) (*jnode, string) {
	if n == nil || n.kind != jObject {
		return nil, ""
	}
	for _, k := range names {
		if v := n.obj[k]; v != nil && v.kind != jNull {
			return v, k
		}
	}
	return nil, ""
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func (n *jnode) wrongType(path, want string) error {
	return &jsonError{off: n.off, path: path, msg: "want " + want + ", got " + n.kind.String()}
}

// stringField returns the string under the first present name of names;
// absent and null both give "".
func stringField(obj *jnode, path string, names ...string) (string, error) {
	v, k := obj.get(names...)
	if v == nil {
		return "", nil
	}
	if v.kind != jString {
		return "", v.wrongType(joinPath(path, k), "a string")
	}
	return v.str, nil
}

// objectField returns the object under name, or nil when it is absent.
func objectField(obj *jnode, path, name string) (*jnode, string, error) {
	p := joinPath(path, name)
	v, _ := obj.get(name)
	if v == nil {
		return nil, p, nil
	}
	if v.kind != jObject {
		return nil, p, v.wrongType(p, "an object")
	}
	return v, p, nil
}

var reWhole = regexp.MustCompile(`^[0-9]+$`)

// keyField reads an issue key that may be written as a string or, as
// GitHub's number and many ids are, as a whole number.
func keyField(obj *jnode, path string, names ...string) (string, error) {
	v, k := obj.get(names...)
	if v == nil {
		return "", nil
	}
	switch {
	case v.kind == jString:
		return v.str, nil
	case v.kind == jNumber && reWhole.MatchString(v.str):
		return trimZeros(v.str), nil
	case v.kind == jNumber:
		return "", &jsonError{off: v.off, path: joinPath(path, k), msg: "want a whole number, got " + v.str}
	}
	return "", v.wrongType(joinPath(path, k), "a string or a whole number")
}
