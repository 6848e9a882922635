package jsonpos

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// toAny converts a tree to what encoding/json decodes, for comparison.
func toAny(v *Value) any {
	switch v.Kind {
	case Null:
		return nil
	case Bool:
		return v.Bool
	case Number:
		return json.Number(v.Str)
	case String:
		return v.Str
	case Array:
		out := []any{}
		for _, e := range v.Elems {
			out = append(out, toAny(e))
		}
		return out
	}
	out := map[string]any{}
	for i, k := range v.Keys {
		out[k] = toAny(v.Vals[i])
	}
	return out
}

func stdDecode(data string) (any, error) {
	d := json.NewDecoder(strings.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

var jsonCases = []struct {
	in   string
	line int // of the syntax error, 0 when valid
	col  int
}{
	{`{"a": [1, -2.5e+3, true, false, null, "x\u00e9\ud83d\ude00\n\"\\\/"], "b": {}}`, 0, 0},
	{`  "just a string"  `, 0, 0},
	{`{"dup": 1, "dup": 2}`, 0, 0},
	{"[\n1,\n2,\n]", 4, 1},
	{`{"a" 1}`, 1, 6},
	{`[01]`, 1, 3},
	{`[1.]`, 1, 4},
	{`[-]`, 1, 3},
	{`[1e]`, 1, 4},
	{"[\"a\tb\"]", 1, 4},
	{`["\u12"]`, 1, 7},
	{`["é\q"]`, 1, 4},
	{"{\"é\": x}", 1, 7},
	{`[nul]`, 1, 2},
	{`{"a":1`, 1, 7},
	{`"abc`, 1, 5},
	{strings.Repeat("[", MaxDepth+1), 1, MaxDepth + 1},
}

func TestParseStream(t *testing.T) {
	for _, tc := range jsonCases {
		docs, err := ParseStream([]byte(tc.in))
		var se *Error
		if tc.line == 0 {
			if err != nil || len(docs) != 1 {
				t.Errorf("%q: %v, %d documents", tc.in, err, len(docs))
				continue
			}
			want, err := stdDecode(tc.in)
			if err != nil {
				t.Fatalf("test case %q is not valid JSON: %v", tc.in, err)
			}
			if got := toAny(docs[0]); !reflect.DeepEqual(got, want) {
				t.Errorf("%q: got %#v, encoding/json says %#v", tc.in, got, want)
			}
			continue
		}
		if !errors.As(err, &se) || se.Path != "" {
			t.Errorf("%q: got %v, want a syntax error", tc.in, err)
			continue
		}
		if line, col := LineCol([]byte(tc.in), se.Off); line != tc.line || col != tc.col {
			t.Errorf("%q: error %q at %d:%d, want %d:%d", tc.in, se.Msg, line, col, tc.line, tc.col)
		}
		if json.Valid([]byte(tc.in)) {
			t.Errorf("%q: rejected, but encoding/json accepts it", tc.in)
		}
	}
}

func TestParseStreamDocuments(t *testing.T) {
	docs, err := ParseStream([]byte("[1][2]\n{\"a\":3}\n\n \"s\"12 "))
	if err != nil || len(docs) != 5 {
		t.Fatalf("got %d documents, %v", len(docs), err)
	}
	if docs[2].Kind != Object || docs[2].Off != 7 || docs[4].Str != "12" {
		t.Errorf("documents read as %+v", docs)
	}
	if docs, err := ParseStream([]byte(" \n")); err != nil || len(docs) != 0 {
		t.Errorf("white space: %d documents, %v", len(docs), err)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in, err string
		off     int
	}{
		{in: " [1, {\"a\": null}] \n"},
		{in: "", err: "unexpected end of JSON input", off: 0},
		{in: " \n", err: "unexpected end of JSON input", off: 2},
		{in: "[] []", err: "invalid character '[' after top-level value", off: 3},
		{in: "1 x", err: "invalid character 'x' after top-level value", off: 2},
		{in: "[1,]", err: "invalid character ']' looking for a JSON value", off: 3},
	}
	for _, tc := range tests {
		v, err := Parse([]byte(tc.in))
		if tc.err == "" {
			if err != nil || v == nil || v.Kind != Array || v.Off != 1 {
				t.Errorf("%q: %+v, %v", tc.in, v, err)
			}
			continue
		}
		var se *Error
		if !errors.As(err, &se) || se.Msg != tc.err || se.Off != tc.off {
			t.Errorf("%q: got %#v, want %q at %d", tc.in, err, tc.err, tc.off)
		}
	}
}

// FuzzJSONStream holds the parser to encoding/json: one document is accepted
// exactly when encoding/json accepts it, and decodes to the same value; Parse
// agrees with ParseStream on single documents.
func FuzzJSONStream(f *testing.F) {
	for _, tc := range jsonCases {
		f.Add([]byte(tc.in))
	}
	f.Add([]byte("[1] {\"a\": [true]}\n\"x\""))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := ParseStream(data)
		one, oneErr := Parse(data)
		if err != nil {
			var se *Error
			if !errors.As(err, &se) || se.Off < 0 || se.Off > len(data) || se.Path != "" {
				t.Fatalf("bad error %v", err)
			}
			if json.Valid(data) {
				t.Fatalf("rejected valid JSON %q: %v", data, err)
			}
			if oneErr == nil {
				t.Fatalf("Parse accepted %q, ParseStream says %v", data, err)
			}
			return
		}
		if (len(docs) == 1) != (oneErr == nil) {
			t.Fatalf("%q: %d documents, but Parse says %v", data, len(docs), oneErr)
		}
		if len(docs) != 1 {
			return
		}
		want, err := stdDecode(string(data))
		if err != nil || !json.Valid(data) {
			t.Fatalf("accepted %q, encoding/json says %v", data, err)
		}
		if got := toAny(docs[0]); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %#v, want %#v", data, got, want)
		}
		if !reflect.DeepEqual(one, docs[0]) {
			t.Fatalf("%q: Parse and ParseStream disagree", data)
		}
	})
}

// TestParseDepth holds the nesting limit to encoding/json's, so that an
// export either of them reads the other reads too.
func TestParseDepth(t *testing.T) {
	for _, depth := range []int{MaxDepth, MaxDepth + 1} {
		data := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
		_, err := Parse(data)
		if (err == nil) != json.Valid(data) {
			t.Errorf("depth %d: Parse says %v, encoding/json says valid=%v", depth, err, json.Valid(data))
		}
	}
}
