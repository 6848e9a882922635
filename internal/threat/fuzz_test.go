package threat

import (
	"errors"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

// FuzzParse: any bytes give a model or a *model.Error whose every line
// names the file; never a panic. A model that loads analyses into unique
// ids and one obligation per applicable cell.
func FuzzParse(f *testing.F) {
	for _, s := range exampleSources(f) {
		f.Add(string(s.Data))
	}
	seeds := []string{
		"", base, "- a\n", "module: [x\n", "a: &a [1,2]\nb: &b [*a,*a]\nc: [*b,*b]\n",
		base + "threats:\n  - {id: t1, title: x, stride: spoofing, elements: [phone], cvss: 'CVSS:3.1/AV:Q'}\n",
		base + "not_applicable:\n  - {element: f1, stride: [all], reason: r}\n",
		strings.Replace(base, "  - {id: dev}\n", "  - {id: dev, parent: kern}\n", 1),
		withFlow("  - {id: f3, from: store, to: phone}\n"),
		base + "threats:\n  - {id: gen.x@f1, treatment: accepted, expires: 2026-13-01}\n",
		"layout: {rankdir: LR}\nprocesses: [{id: p, traits: [parser], controls: [bounds-checking]}]\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	rm := rootModel(f)
	f.Fuzz(func(t *testing.T, src string) {
		m, err := Parse([]Source{{Name: "t.yaml", Data: []byte(src)}}, rm)
		if err != nil {
			var me *model.Error
			if !errors.As(err, &me) || len(me.Diagnostics) == 0 {
				t.Fatalf("error %T without diagnostics: %v", err, err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "t.yaml") {
					t.Fatalf("diagnostic does not name the file: %q", line)
				}
			}
			return
		}
		a := Analyze(m, []Rule{testRule})
		seen := map[string]bool{}
		for _, th := range a.Threats {
			if seen[th.ID] {
				t.Fatalf("duplicate threat id %s", th.ID)
			}
			seen[th.ID] = true
		}
		want := 0
		for _, e := range m.Elements {
			want += len(Applicable(e.Kind, e.Logs))
		}
		want += 3 * len(m.Flows)
		if len(a.Obligations) != want {
			t.Fatalf("%d obligations, want %d", len(a.Obligations), want)
		}
		for _, e := range m.Elements {
			m.BoundaryPath(e.ID)
		}
	})
}
