package review

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// toAny converts a tree to what encoding/json decodes, for comparison.
func toAny(v *jval) any {
	switch v.kind {
	case jNull:
		return nil
	case jBool:
		return v.b
	case jNum:
		return json.Number(v.s)
	case jStr:
		return v.s
	case jArr:
		out := []any{}
		for _, e := range v.arr {
			out = append(out, toAny(e))
		}
		return out
	}
	out := map[string]any{}
	for i, k := range v.keys {
		out[k] = toAny(v.vals[i])
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
	{strings.Repeat("[", maxDepth+1), 1, maxDepth + 1},
}

func TestParseJSONStream(t *testing.T) {
	for _, tc := range jsonCases {
		docs, err := parseJSONStream([]byte(tc.in))
		var se *jsyntaxError
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
		if !errors.As(err, &se) {
			t.Errorf("%q: got %v, want a syntax error", tc.in, err)
			continue
		}
		if line, col := lineCol([]byte(tc.in), se.off); line != tc.line || col != tc.col {
			t.Errorf("%q: error %q at %d:%d, want %d:%d", tc.in, se.msg, line, col, tc.line, tc.col)
		}
		if json.Valid([]byte(tc.in)) && !strings.Contains(se.msg, "nested") {
			t.Errorf("%q: rejected, but encoding/json accepts it", tc.in)
		}
	}
}

func TestParseJSONStreamDocuments(t *testing.T) {
	docs, err := parseJSONStream([]byte("[1][2]\n{\"a\":3}\n\n \"s\"12 "))
	if err != nil || len(docs) != 5 {
		t.Fatalf("got %d documents, %v", len(docs), err)
	}
	if docs[2].kind != jObj || docs[2].off != 7 || docs[4].s != "12" {
		t.Errorf("documents read as %+v", docs)
	}
}

// FuzzJSONStream holds the parser to encoding/json: one document is accepted
// exactly when encoding/json accepts it, and decodes to the same value.
func FuzzJSONStream(f *testing.F) {
	for _, tc := range jsonCases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := parseJSONStream(data)
		if err != nil {
			var se *jsyntaxError
			if !errors.As(err, &se) || se.off < 0 || se.off > len(data) {
				t.Fatalf("bad error %v", err)
			}
			if json.Valid(data) && !strings.Contains(se.msg, "nested") {
				t.Fatalf("rejected valid JSON %q: %v", data, err)
			}
			return
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
	})
}
