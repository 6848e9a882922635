package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

// fuzzParser checks the properties every text parser keeps on any input:
// no panic, errors that name the output, positions that are not negative.
func fuzzParser(f *testing.F, p textParser, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := p("out.txt", strings.NewReader(string(data)), func(r Result) error {
			if r.Region.StartLine < 0 || r.Region.StartColumn < 0 || r.Rule == "" || r.Level == "" {
				t.Fatalf("bad result %+v", r)
			}
			return nil
		})
		if err != nil && !strings.HasPrefix(err.Error(), "out.txt") {
			t.Fatalf("error does not name the output: %v", err)
		}
	})
}

func FuzzParseGCC(f *testing.F) {
	fuzzParser(f, parseGCC, "src/a.c:5:29: error: code should be clang-formatted [-Wclang-format-violations]\n  x\n  ^\n",
		"a.c:1: warning: w\nb.c:2:3: note: n\n", "a.c:99999999999999999999:1: error: x [r]\n")
}

func FuzzParseCheckpatch(f *testing.F) {
	fuzzParser(f, parseCheckpatch, "a.c:12: WARNING:LONG_LINE: too long\ntotal: 0 errors, 1 warnings, 3 lines checked\n",
		"a.c:3: ERROR: x\nNOTE: y\n", "-:1: CHECK:X: y\n")
}

func FuzzParseGofmt(f *testing.F) {
	fuzzParser(f, parseGofmt, "a.go\nb/c.go\n", "x.go:1:2: expected 'package'\n")
}

func FuzzParseCppcheckXML(f *testing.F) {
	fuzzParser(f, parseCppcheckXML, cppcheckOut, `<results version="2"><errors><error id="x" severity="error" msg="m"><location file="a.c" line="-1" column="2"/></error></errors></results>`,
		"<results version=\"2\">\n<error")
}

// FuzzIngestSARIF feeds arbitrary logs through the whole SARIF path:
// validation, streaming, rule and level lookup, URI resolution and
// fingerprints against a real file.
func FuzzIngestSARIF(f *testing.F) {
	f.Add([]byte(log1(`{"ruleId": "R1", "message": {"id": "m", "arguments": ["a"]}, `+loc+`}`, ``)))
	f.Add([]byte(log1(`{"rule": {"id": "X1", "toolComponent": {"index": 0}}, "message": {"text": "{0}{{"}, "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 9, "startColumn": 40, "endColumn": 3}}}]}`,
		`, "artifacts": [{"location": {"uri": "a.c", "uriBaseId": "S"}}], "originalUriBaseIds": {"S": {"uri": "src/"}}, "columnKind": "utf16CodeUnits"`)))
	f.Add([]byte(`{"version": "2.1.0", "runs": []}`))
	root := f.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "src"), 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "src", "a.c"), []byte(src+"\xff\xfe é 𝄞\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tmp, err := os.CreateTemp(root, "*.sarif")
		if err != nil {
			t.Fatal(err)
		}
		p := tmp.Name()
		defer os.Remove(p)
		_, err = tmp.Write(data)
		if cerr := tmp.Close(); err != nil || cerr != nil {
			t.Fatal(err, cerr)
		}
		err = Ingest(root, Input{Path: p, Name: "x.sarif", Format: model.FormatSARIF}, func(r *Result) error {
			if !strings.HasPrefix(r.Fingerprint, "A-") || strings.HasPrefix(r.File, "/") || strings.HasPrefix(r.File, "..") {
				t.Fatalf("bad result %+v", r)
			}
			return nil
		})
		if err != nil && !strings.HasPrefix(err.Error(), "x.sarif") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
