package tracker

import (
	"encoding/json"
	"errors"
	"regexp"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// parseJSON reads one document. Its syntax errors keep encoding/json's
// words, which the issue list and the trackers' errors have always used;
// jsonpos accepts exactly what encoding/json accepts, so encoding/json is
// asked only to word a document jsonpos refused.
func parseJSON(data []byte) (*jsonpos.Value, error) {
	v, err := jsonpos.Parse(data)
	if err == nil {
		return v, nil
	}
	var raw json.RawMessage
	uerr := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	switch {
	case errors.As(uerr, &se):
		// Offset counts the bytes read, the bad one included; at the end
		// of input it points just past the last byte.
		off := int(se.Offset)
		if off < len(data) {
			off = max(0, off-1)
		}
		return nil, &jsonpos.Error{Off: off, Msg: se.Error()}
	case uerr != nil:
		return nil, &jsonpos.Error{Msg: uerr.Error()}
	}
	return nil, err
}

func wrongType(v *jsonpos.Value, path, want string) error {
	return &jsonpos.Error{Off: v.Off, Path: path, Msg: "want " + want + ", got " + v.Kind.String()}
}

// stringField returns the string under the first present name of names;
// absent and null both give "".
func stringField(obj *jsonpos.Value, path string, names ...string) (string, error) {
	v, k := obj.First(names...)
	if v == nil {
		return "", nil
	}
	if v.Kind != jsonpos.String {
		return "", wrongType(v, jsonpos.Key(path, k), "a string")
	}
	return v.Str, nil
}

// objectField returns the object under name, or nil when it is absent.
func objectField(obj *jsonpos.Value, path, name string) (*jsonpos.Value, string, error) {
	p := jsonpos.Key(path, name)
	v, _ := obj.First(name)
	if v == nil {
		return nil, p, nil
	}
	if v.Kind != jsonpos.Object {
		return nil, p, wrongType(v, p, "an object")
	}
	return v, p, nil
}

var reWhole = regexp.MustCompile(`^[0-9]+$`)

// keyField reads an issue key that may be written as a string or, as
// GitHub's number and many ids are, as a whole number.
func keyField(obj *jsonpos.Value, path string, names ...string) (string, error) {
	v, k := obj.First(names...)
	if v == nil {
		return "", nil
	}
	switch {
	case v.Kind == jsonpos.String:
		return v.Str, nil
	case v.Kind == jsonpos.Number && reWhole.MatchString(v.Str):
		return trimZeros(v.Str), nil
	case v.Kind == jsonpos.Number:
		return "", &jsonpos.Error{Off: v.Off, Path: jsonpos.Key(path, k), Msg: "want a whole number, got " + v.Str}
	}
	return "", wrongType(v, jsonpos.Key(path, k), "a string or a whole number")
}
