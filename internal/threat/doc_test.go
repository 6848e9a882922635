package threat

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestDocsShowTheExample keeps docs/threat-modeling.md true: every file it
// shows under a "<!-- file: … -->" marker is the example the tests load.
func TestDocsShowTheExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/threat-modeling.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- file: (\\S+) -->\n```yaml\n(.*?)```")
	blocks := re.FindAllSubmatch(doc, -1)
	if len(blocks) != 3 {
		t.Fatalf("%d file blocks in the doc, want 3", len(blocks))
	}
	for _, b := range blocks {
		want, err := os.ReadFile(filepath.Join("testdata/firmware", string(b[1])))
		if err != nil {
			t.Fatal(err)
		}
		if string(b[2]) != string(want) {
			t.Errorf("docs/threat-modeling.md shows %s differently from testdata/firmware/%s", b[1], b[1])
		}
	}
}
