package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

// The tests in this file drive the real analyzers on the C fixture under
// testdata/c, as a project configures them in its model.

// cSteps are the analyzer steps of a C project; clang writes one SARIF log
// per translation unit, so it writes them into $ASSURE_OUTPUT_DIR.
func cSteps(t *testing.T) []model.AnalysisStep {
	needTool(t, "flawfinder", "apt-get install flawfinder")
	needTool(t, "clang", "apt-get install clang")
	needTool(t, "cppcheck", "apt-get install cppcheck")
	needTool(t, "clang-format", "apt-get install clang-format")
	return []model.AnalysisStep{
		{ID: "flawfinder", Run: []string{"flawfinder", "--sarif", "--quiet", "src"}, Format: model.FormatSARIF},
		{ID: "clang-analyzer", Format: model.FormatSARIF, Output: model.OutputDir,
			Shell: `for f in src/*.c; do clang --analyze --analyzer-output sarif -o "$ASSURE_OUTPUT_DIR/$(basename "$f").sarif" "$f" || exit 2; done`},
		{ID: "cppcheck", Run: []string{"cppcheck", "--xml", "--xml-version=2", "--enable=warning,style,portability", "--quiet", "src"},
			Format: model.FormatCppcheckXML, Output: model.OutputStderr},
		{ID: "clang-format", Shell: "clang-format --style=LLVM --dry-run -Werror src/*.c", Format: model.FormatGCC,
			Output: model.OutputStderr, Version: []string{"clang-format", "--version"}},
	}
}

func collect(t *testing.T, root string, steps []model.AnalysisStep) ([]Result, []StepReport) {
	t.Helper()
	m := &model.Model{Analysis: model.Analysis{Steps: steps}}
	rs, reps, err := Collect(context.Background(), root, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rs, reps
}

func reportLines(reps []StepReport) string {
	var b strings.Builder
	for _, r := range reps {
		fmt.Fprintf(&b, "step %s format=%s tool=%s version=%q exit=%d results=%d inputs=%v\n", r.ID, r.Format, r.Tool, r.Version, r.ExitCode, r.Results, r.Inputs)
	}
	return b.String()
}

// TestRealAnalyzers runs flawfinder, the clang static analyzer, cppcheck
// and clang-format on the fixture and compares every normalised result
// with the golden file.
func TestRealAnalyzers(t *testing.T) {
	root := fixture(t, "c")
	rs, reps := collect(t, root, cSteps(t))
	for _, r := range rs {
		if r.File == "" || r.Fingerprint == "" || r.Step == "" {
			t.Errorf("incomplete result %+v", r)
		}
	}
	golden(t, "c-analyzers.txt", reportLines(reps)+render(rs))
}

// TestFlawfinderThreeRulesOneLine: flawfinder reports three rules on one
// line of greet.c and gives all three the same contextHash; assure's
// fingerprints keep them apart.
func TestFlawfinderThreeRulesOneLine(t *testing.T) {
	root := fixture(t, "c")
	steps := cSteps(t)[:1]
	rs, _ := collect(t, root, steps)
	const line = `strcpy(buf, name); sprintf(buf, "%s", getenv("USER"));`
	var rules, fps []string
	for _, r := range rs {
		if r.File == "src/greet.c" && r.Snippet == line {
			rules, fps = append(rules, r.Rule), append(fps, r.Fingerprint)
		}
	}
	if len(rules) != 3 || len(uniq(rules)) != 3 || len(uniq(fps)) != 3 {
		t.Fatalf("results on the line: rules %v, fingerprints %v; want three rules with three ids", rules, fps)
	}
	// The tool's own fingerprint is one value for all three.
	out := filepath.Join(t.TempDir(), "ff.sarif")
	runTo(t, root, out, "flawfinder", "--sarif", "--quiet", "src")
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						Region struct {
							Snippet struct{ Text string }
						}
					}
				}
				Fingerprints map[string]string
			}
		}
	}
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	var theirs []string
	for _, r := range log.Runs[0].Results {
		if strings.TrimSpace(r.Locations[0].PhysicalLocation.Region.Snippet.Text) == line {
			theirs = append(theirs, r.Fingerprints["contextHash/v1"])
		}
	}
	if len(theirs) != 3 || len(uniq(theirs)) != 1 {
		t.Fatalf("flawfinder's contextHash/v1 on the line: %v (expected one value for all three, the reason assure has its own)", theirs)
	}
}

// TestFingerprintsSurviveMovingCode analyses the fixture, then moves code:
// a comment block inserted at the top of each file, a function moved from
// the end of greet.c to its start, and the whole body re-indented with
// spaces. Every result moves to another line; every fingerprint stays.
func TestFingerprintsSurviveMovingCode(t *testing.T) {
	root := fixture(t, "c")
	steps := cSteps(t)[:3] // clang-format's results are about the layout itself
	before, _ := collect(t, root, steps)

	greet := filepath.Join(root, "src", "greet.c")
	b, _ := os.ReadFile(greet)
	text := string(b)
	i := strings.Index(text, "void leak(void)")
	leak, rest := text[i:], text[:i]
	j := strings.Index(rest, "void greet(")
	moved := rest[:j] + leak + "\n" + rest[j:]
	moved = strings.ReplaceAll(moved, "\t", "    ")
	banner := "/*\n * A comment block\n * pushes everything\n * down by five lines.\n */\n"
	writeFile(t, greet, banner+moved)
	cp := filepath.Join(root, "src", "copy.c")
	b, _ = os.ReadFile(cp)
	writeFile(t, cp, banner+string(b))

	after, _ := collect(t, root, steps)
	key := func(rs []Result) (map[string]string, []string) {
		m := map[string]string{}
		var fps []string
		for _, r := range rs {
			m[r.Fingerprint] = r.Location()
			fps = append(fps, r.Fingerprint)
		}
		slices.Sort(fps)
		return m, fps
	}
	bm, bf := key(before)
	am, af := key(after)
	if len(before) < 10 || !slices.Equal(bf, af) {
		t.Fatalf("fingerprints changed when code moved:\nbefore: %s\nafter:  %s", render(before), render(after))
	}
	movedCount := 0
	for fp, loc := range bm {
		if am[fp] != loc {
			movedCount++
		}
	}
	if movedCount != len(bm) {
		t.Fatalf("only %d of %d results changed line; the test moves every one", movedCount, len(bm))
	}
}

// TestIdenticalLinesStayApart: copy.c has the same strcpy line twice.
func TestIdenticalLinesStayApart(t *testing.T) {
	root := fixture(t, "c")
	rs, _ := collect(t, root, cSteps(t)[:1])
	var fps []string
	for _, r := range rs {
		if r.File == "src/copy.c" && r.Rule == "FF1001" {
			fps = append(fps, r.Fingerprint)
		}
	}
	if len(fps) != 2 || fps[0] == fps[1] {
		t.Fatalf("strcpy on two identical lines: fingerprints %v", fps)
	}
}

// TestGofmt runs gofmt -l, the Go coding convention, on a fixture.
func TestGofmt(t *testing.T) {
	needTool(t, "gofmt", "install Go")
	root := fixture(t, "gofmt")
	rs, reps := collect(t, root, []model.AnalysisStep{{ID: "gofmt", Run: []string{"gofmt", "-l", "unformatted.go.txt"}, Format: model.FormatGofmt}})
	golden(t, "gofmt.txt", reportLines(reps)+render(rs))
}

// TestGosecOnAssure is dogfooding: gosec on this package, which runs the
// commands the model names (G204) by design. gosec writes paths relative to
// the directory of its package pattern, so the step runs in that
// directory.
func TestGosecOnAssure(t *testing.T) {
	needTool(t, "gosec", "go install github.com/securego/gosec/v2/cmd/gosec@v2.30.0")
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	rs, reps := collect(t, root, []model.AnalysisStep{{ID: "gosec", Format: model.FormatSARIF, Dir: "internal/analysis",
		Run: []string{"gosec", "-fmt", "sarif", "-quiet", "-exclude-generated", "./..."}}})
	if len(rs) == 0 || reps[0].Tool != "gosec" {
		t.Fatalf("gosec reported nothing: %+v", reps)
	}
	found := false
	for _, r := range rs {
		if !strings.HasPrefix(r.File, "internal/analysis/") {
			t.Errorf("result outside the analysed packages: %s", r.Location())
		}
		if r.Rule == "G204" && r.File == "internal/analysis/step.go" {
			found = true
		}
	}
	if !found {
		t.Errorf("no G204 in internal/analysis/step.go, which runs the commands the model names:\n%s", render(rs))
	}
}

func uniq(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

func runTo(t *testing.T, dir, out string, argv ...string) {
	t.Helper()
	code, err := execute(context.Background(), argv, dir, os.Environ(), out, out+".err", defaultTestLimit)
	if err != nil || code != 0 {
		t.Fatalf("%v: exit %d, %v", argv, code, err)
	}
}

// TestCommittedSamples reads the hand-written SARIF samples of tools CI
// cannot run (testdata/sarif/README.md) against the C fixture.
func TestCommittedSamples(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("testdata", "c"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range []struct{ file, sourceRoot string }{
		{"codeql-cpp.sarif", ""}, {"semgrep.sarif", ""}, {"coverity.sarif", "/builds/fw"},
	} {
		var rs []Result
		in := Input{Path: filepath.Join("testdata", "sarif", s.file), Name: s.file, Format: model.FormatSARIF, SourceRoot: s.sourceRoot}
		if err := Ingest(root, in, collectInto(&rs)); err != nil {
			t.Fatal(err)
		}
		Sort(rs)
		fmt.Fprintf(&b, "# %s\n%s", s.file, render(rs))
	}
	golden(t, "samples.txt", b.String())
}
