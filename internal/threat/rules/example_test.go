package rules

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const example = "../testdata/firmware"

func exampleModel(t testing.TB) *threat.Model {
	t.Helper()
	rm, err := model.Load(example, "security/assure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := threat.Load(example, rm)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update after checking the change):\n%s", path, got)
	}
}

// TestExampleGolden pins the analysis of the worked example of
// docs/threat-modeling.md: text and JSON, byte for byte.
func TestExampleGolden(t *testing.T) {
	a, err := Analyze(exampleModel(t))
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := threat.WriteText(&text, a); err != nil {
		t.Fatal(err)
	}
	golden(t, "firmware.txt", text.Bytes())
	js, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "firmware.json", append(js, '\n'))
}

// TestIDsIndependentOfOrder writes the example's files with every list
// reversed and the files in the other order, and expects the same
// threats, ids, scores and obligations.
func TestIDsIndependentOfOrder(t *testing.T) {
	names, _ := filepath.Glob(example + "/security/threats/*.yaml")
	var fwd, rev []threat.Source
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		fwd = append(fwd, threat.Source{Name: filepath.Base(n), Data: b})
		var doc map[string]any
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		for _, v := range doc {
			if list, ok := v.([]any); ok {
				slices.Reverse(list)
			}
		}
		out, err := yaml.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		// Other names sort the files the other way round.
		rev = append([]threat.Source{{Name: "z" + filepath.Base(n), Data: out}}, rev...)
	}
	strip := func(src []threat.Source) string {
		m, err := threat.Parse(src, nil)
		if err != nil {
			t.Fatal(err)
		}
		a := threat.Analyze(m, All())
		for i := range a.Threats {
			a.Threats[i].Pos = model.Pos{}
		}
		for i := range a.Obligations {
			a.Obligations[i].Pos = model.Pos{}
		}
		for i := range a.Stale {
			a.Stale[i].Pos, a.Stale[i].CVSSPos = model.Pos{}, model.Pos{}
		}
		b, _ := json.Marshal(a)
		return string(b)
	}
	a, b := strip(fwd), strip(rev)
	if a != b {
		t.Errorf("analysis depends on input order:\n%s\n%s", a, b)
	}
	if len(a) < 1000 {
		t.Errorf("suspiciously small analysis: %s", a)
	}
}
