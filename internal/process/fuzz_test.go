package process

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	f.Add(catalogYAML)
	f.Add([]byte(smallCatalog))
	f.Add([]byte("requirements:\n" + validEntry))
	f.Add([]byte("requirements:\n" + validEntry + validEntry))
	f.Add([]byte("requirements: [{id: AU-1, section: A, level: MUST, statement: x, method: automated}]\n"))
	f.Add([]byte("requirements:\n  - &a {id: AU-1}\n  - *a\n"))
	f.Add([]byte("requirements:\n  - !!map {id: AU-1}\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("requirements: [\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "fuzz.yaml")
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "fuzz.yaml:") || strings.Contains(msg, "\n") {
				t.Fatalf("error is not one line naming the file: %q", msg)
			}
			if c != nil {
				t.Fatal("catalog returned with an error")
			}
			return
		}
		if c.Len() == 0 {
			t.Fatal("parsed an empty catalog without error")
		}
		seen := make(map[string]bool)
		for _, r := range c.All() {
			if err := check(r); err != nil {
				t.Fatalf("%s passed Parse but fails check: %v", r.ID, err)
			}
			if seen[r.ID] {
				t.Fatalf("duplicate id %s", r.ID)
			}
			seen[r.ID] = true
			if got, ok := c.Get(r.ID); !ok || got != r {
				t.Fatalf("Get(%s) = %+v, %v", r.ID, got, ok)
			}
		}
		checks := map[string][]string{"x": {c.All()[0].ID}}
		for _, format := range Formats {
			var buf bytes.Buffer
			if err := Render(&buf, format, c, checks); err != nil {
				t.Fatalf("Render %s: %v", format, err)
			}
			if format == "json" && !json.Valid(buf.Bytes()) {
				t.Fatal("Render json wrote invalid JSON")
			}
		}
		cov := c.Coverage(checks)
		if cov.Automated+cov.Attested+cov.NotCovered != c.Len() {
			t.Fatalf("coverage %+v does not add up to %d", cov, c.Len())
		}
	})
}
