package server

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// MaxJSONBody bounds every JSON request body: the largest legitimate one is
// a report with a 64 KiB description, JSON-escaped.
const MaxJSONBody = 1 << 20

// readBody reads at most max bytes of the request body; a larger body is a
// 413 before anything else is looked at.
func readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, error) {
	if r.ContentLength > max {
		return nil, tooLarge(max)
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, tooLarge(max)
	}
	if err != nil {
		return nil, errorf(http.StatusBadRequest, CodeMalformed, "", "", "reading the body: %v", err)
	}
	return data, nil
}

func tooLarge(max int64) *apiError {
	return errorf(http.StatusRequestEntityTooLarge, "too_large", "", "send at most "+strconv.FormatInt(max, 10)+" bytes",
		"request body larger than %d bytes", max)
}

// requireJSON refuses a body that does not say it is JSON. Only UTF-8 is
// accepted, as RFC 8259 requires.
func requireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return errorf(http.StatusUnsupportedMediaType, CodeMediaType, "", "send Content-Type: application/json",
			"content type %q is not accepted here", clipText(ct, 80))
	}
	for k, v := range params {
		if k != "charset" || !strings.EqualFold(v, "utf-8") {
			return errorf(http.StatusUnsupportedMediaType, CodeMediaType, "", "send Content-Type: application/json",
				"content type parameter %s=%s is not accepted", clipText(k, 40), clipText(v, 40))
		}
	}
	return nil
}

// decodeJSON reads the body of r into v (a pointer to a request struct)
// strictly: the right content type, at most MaxJSONBody bytes, one JSON
// value, no field v does not have, none twice, every value of the type v
// expects. The error names the field by its path ("stride/1") and the
// line and column of a syntax error.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if err := requireJSON(r); err != nil {
		return err
	}
	data, err := readBody(w, r, MaxJSONBody)
	if err != nil {
		return err
	}
	return decodeBytes(data, v)
}

// decodeBytes is decodeJSON after the body was read; the fuzz target
// drives it directly.
func decodeBytes(data []byte, v any) error {
	if len(strings.TrimSpace(string(data))) == 0 {
		return errorf(http.StatusBadRequest, CodeMalformed, "", "send a JSON object", "empty body")
	}
	tree, err := jsonpos.Parse(data)
	if err != nil {
		var pe *jsonpos.Error
		msg := err.Error()
		if errors.As(err, &pe) {
			line, col := jsonpos.LineCol(data, pe.Off)
			msg = "line " + strconv.Itoa(line) + " column " + strconv.Itoa(col) + ": " + pe.Msg
		}
		return errorf(http.StatusBadRequest, CodeMalformed, "", "send one JSON object", "malformed JSON: %s", msg)
	}
	if err := shape(tree, reflect.TypeOf(v).Elem(), ""); err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		// shape accepts only what Unmarshal accepts; this is a bug if reached.
		return errorf(http.StatusBadRequest, CodeMalformed, "", "", "malformed JSON: %v", err)
	}
	return nil
}

var timeType = reflect.TypeOf(time.Time{})

// shape checks that the JSON value x fits Go type t, naming the first
// misfit by its path. A null is accepted anywhere, as encoding/json
// accepts it (it leaves the field as it was).
func shape(x *jsonpos.Value, t reflect.Type, path string) error {
	if x.Kind == jsonpos.Null {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := func(what string) error {
		return errorf(http.StatusBadRequest, CodeWrongType, path, "", "expected %s, found %s", what, x.Kind)
	}
	if t == timeType {
		if x.Kind != jsonpos.String {
			return want("a time (RFC 3339 string)")
		}
		if _, err := time.Parse(time.RFC3339, x.Str); err != nil {
			return errorf(http.StatusBadRequest, CodeWrongType, path, "write it like 2026-03-01T09:00:00Z", "%q is not an RFC 3339 time", clipText(x.Str, 40))
		}
		return nil
	}
	switch t.Kind() {
	case reflect.String:
		if x.Kind != jsonpos.String {
			return want("a string")
		}
	case reflect.Bool:
		if x.Kind != jsonpos.Bool {
			return want("true or false")
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if x.Kind != jsonpos.Number {
			return want("a whole number")
		}
		if _, err := strconv.ParseInt(x.Str, 10, t.Bits()); err != nil {
			return errorf(http.StatusBadRequest, CodeWrongType, path, "", "%s is not a whole number in range", clipText(x.Str, 40))
		}
	case reflect.Float64:
		if x.Kind != jsonpos.Number {
			return want("a number")
		}
		if _, err := strconv.ParseFloat(x.Str, 64); err != nil {
			return errorf(http.StatusBadRequest, CodeWrongType, path, "", "%s is not a number in range", clipText(x.Str, 40))
		}
	case reflect.Slice:
		if x.Kind != jsonpos.Array {
			return want("a list")
		}
		for i, e := range x.Elems {
			if err := shape(e, t.Elem(), join(path, strconv.Itoa(i))); err != nil {
				return err
			}
		}
	case reflect.Struct:
		if x.Kind != jsonpos.Object {
			return want("an object")
		}
		fields := jsonFields(t)
		seen := map[string]bool{}
		for i, k := range x.Keys {
			p := join(path, k)
			if seen[k] {
				return errorf(http.StatusBadRequest, CodeDuplicate, p, "give each field once", "field %q given twice", clipText(k, 40))
			}
			seen[k] = true
			f, ok := fields[k]
			if !ok {
				return errorf(http.StatusBadRequest, CodeUnknownField, p, "known fields here: "+strings.Join(sortedKeys(fields), ", "),
					"unknown field %q", clipText(k, 40))
			}
			if err := shape(x.Vals[i], f, p); err != nil {
				return err
			}
		}
	default:
		return want("nothing") // a request type with a field kind shape does not know: a bug, refused
	}
	return nil
}

// jsonFields maps the JSON names of t's exported fields to their types,
// following encoding/json's tag rules (embedded structs are not used by
// request types).
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// join builds a field path the way vuln names fields: "stride/1".
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "/" + key
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
