package threat

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

// rootModel loads the root model of the firmware example: people and
// modules the threat model files refer to.
func rootModel(t testing.TB) *model.Model {
	t.Helper()
	m, err := model.Load("testdata/firmware", "security/assure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// exampleSources reads the firmware example's threat model files.
func exampleSources(t testing.TB) []Source {
	t.Helper()
	names, err := filepath.Glob("testdata/firmware/security/threats/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no example files: %v", err)
	}
	var out []Source
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Source{Name: "security/threats/" + filepath.Base(n), Data: b})
	}
	return out
}
