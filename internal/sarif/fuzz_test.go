package sarif

import (
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
