package sarif

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzValidate feeds arbitrary bytes: Validate must never panic, and every
// error must name the file.
func FuzzValidate(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(``))
	f.Add([]byte(`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b"}, "region": {"startLine": 0}}}]}]}]}`))
	f.Add([]byte(`{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [], "x": [1e400]}`))
	f.Add([]byte("{\"version\": \"2.1.0\",\n\"runs\": [,]}"))
	f.Add([]byte(`[] []`))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Validate("fuzz.sarif", data)
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz.sarif: ") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// FuzzReader checks the streaming reader against validating the whole
// document at once: they accept and reject the same logs with the same
// message for schema violations, except that the reader also
// refuses a name twice in one object. An accepted log's results can all be
// read back.
func FuzzReader(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(resultsLast))
	f.Add([]byte(`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": 1}}, "results": [{"message": {"text": "m"}, "level": "x"}]}]}`))
	f.Add([]byte(`{"version": "2.1.0", "runs": [{"results": [{"message": {}}], "tool": {"driver": {}}}, 1]}`))
	f.Add([]byte(`[[{"a": [1, 2]}]]`))
	f.Add([]byte("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"\xff\"}}, \"results\": [{\"message\": {\"text\": \"\\udc80\"}}]}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		whole := validateWhole("fuzz.sarif", data)
		rd, err := NewReader("fuzz.sarif", bytes.NewReader(data), int64(len(data)))
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz.sarif: ") {
			t.Fatalf("error does not name the file: %v", err)
		}
		if err != nil && strings.Contains(err.Error(), "duplicate object member name") {
			return
		}
		if !sameKind(err, whole) {
			t.Fatalf("stream: %v\nwhole:  %v", err, whole)
		}
		if err != nil {
			return
		}
		for i := range rd.Log().Runs {
			want, _ := rd.ResultCount(i)
			n := 0
			if err := rd.Results(i, func(int, *Result) error { n++; return nil }); err != nil {
				t.Fatalf("Results(%d) of a valid log: %v", i, err)
			}
			if n != want {
				t.Fatalf("run %d: read %d results, counted %d", i, n, want)
			}
		}
	})
}

// sameKind is sameVerdict where the decoders may disagree on where a
// truncated or garbled document went wrong ("{n" is a bad key to one, a
// truncated literal to the other): syntax errors need only both be syntax
// errors.
func sameKind(a, b error) bool {
	syntax := func(e error) bool {
		s := e.Error()
		return strings.Contains(s, "invalid JSON") || strings.Contains(s, "unexpected data after") || strings.Contains(s, "empty file")
	}
	if a != nil && b != nil && syntax(a) && syntax(b) {
		return true
	}
	return sameVerdict(a, b)
}
