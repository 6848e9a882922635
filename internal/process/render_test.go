package process

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

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
		t.Errorf("%s differs from the rendering (run go test -update and review the diff)\ngot:\n%s", path, got)
	}
}

func TestRenderGolden(t *testing.T) {
	catalogs := []struct {
		name   string
		c      *Catalog
		checks map[string][]string
	}{
		{"catalog", embeddedCatalog(t), releaseChecks},
		// CR-1 has no check: shows how an unevidenced automation renders.
		{"small", parseSmall(t), map[string][]string{"change-management": {"CM-1"}}},
	}
	exts := map[string]string{"text": "txt", "json": "json", "markdown": "md"}
	for _, cat := range catalogs {
		for _, format := range Formats {
			t.Run(cat.name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Render(&buf, format, cat.c, cat.checks); err != nil {
					t.Fatal(err)
				}
				golden(t, cat.name+"."+exts[format], buf.Bytes())
			})
		}
	}
}

func TestRenderText(t *testing.T) {
	var buf bytes.Buffer
	c := embeddedCatalog(t)
	if err := Render(&buf, "text", c, releaseChecks); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	cov := c.Coverage(releaseChecks)
	if last := lines[len(lines)-1]; last != summary(cov) {
		t.Errorf("last line %q, want the coverage line %q", last, summary(cov))
	}
	for _, r := range c.All() {
		if !strings.Contains(out, r.Statement) {
			t.Errorf("%s: statement missing from the text output", r.ID)
		}
	}
	for _, s := range c.Sections() {
		if !strings.Contains(out, "\n"+s+"\n") && !strings.HasPrefix(out, s+"\n") {
			t.Errorf("section %q is not a heading line of the text output", s)
		}
	}
}

func TestRenderJSON(t *testing.T) {
	var buf bytes.Buffer
	c := embeddedCatalog(t)
	if err := Render(&buf, "json", c, releaseChecks); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Requirement
		Checks []string `json:"checks"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	all := c.All()
	if len(got) != len(all) {
		t.Fatalf("%d entries, want %d", len(got), len(all))
	}
	by := checksByRequirement(releaseChecks)
	for i, g := range got {
		if g.Requirement != all[i] {
			t.Errorf("entry %d = %+v, want %+v", i, g.Requirement, all[i])
		}
		if g.Checks == nil || strings.Join(g.Checks, ",") != strings.Join(by[g.ID], ",") {
			t.Errorf("%s: checks %v, want %v", g.ID, g.Checks, by[g.ID])
		}
	}
	if bytes.Contains(buf.Bytes(), []byte(`\u003e`)) {
		t.Error("section separators are HTML-escaped")
	}
}

func TestRenderMarkdownTableCells(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, "markdown", parseSmall(t), nil); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(buf.String(), "\n") {
		if !strings.HasPrefix(l, "| ") {
			continue
		}
		if n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|"); n != 6 {
			t.Errorf("table row has %d cell separators, want 6: %q", n, l)
		}
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := Render(&buf, "sarif", parseSmall(t), nil)
	if err == nil || !strings.Contains(err.Error(), `unknown format "sarif": use one of text, json, markdown`) {
		t.Errorf("Render(sarif) error = %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("Render wrote %d bytes for an unknown format", buf.Len())
	}
}

// failingWriter makes every write fail, as a closed pipe would.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestRenderWriteError(t *testing.T) {
	for _, format := range Formats {
		if err := Render(failingWriter{}, format, embeddedCatalog(t), releaseChecks); err == nil {
			t.Errorf("%s: write error not returned", format)
		}
	}
}
