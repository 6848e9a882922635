package harden

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse: any input gives a file or an error naming the file and a
// line, never a panic or a hang.
func FuzzParse(f *testing.F) {
	seed, _ := os.ReadFile("testdata/hardening.yaml")
	f.Add(seed)
	f.Add([]byte("rules:\n  A: {value: y, rationale: r, references: [CWE-1]}\n"))
	f.Add([]byte("profiles:\n  a: {description: x, extends: a}\n"))
	f.Add([]byte("rules:\n  A: {min: 5, max: 1, rationale: r}\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("h.yaml", src)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "h.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		db, err := Merge([]*File{file}, nil)
		if err != nil {
			return
		}
		for _, p := range db.ProfileNames() {
			if _, err := db.RulesFor(p); err != nil {
				t.Fatalf("profile %s of a merged database: %v", p, err)
			}
		}
	})
}
