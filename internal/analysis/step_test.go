package analysis

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/model"
)

// The runner is tested with small shell scripts standing in for analyzers:
// what matters here is exit statuses, signals, streams and files, which a
// script produces exactly.

const aC = "int f(void)\n{\n\treturn 0;\n}\n"

func runSteps(t *testing.T, root string, opts Options, steps ...model.AnalysisStep) ([]Result, []StepReport, error) {
	t.Helper()
	for i := range steps {
		steps[i].Pos = model.Pos{File: "security/assure.yaml", Line: 10 + i, Column: 7}
	}
	return Collect(context.Background(), root, &model.Model{Analysis: model.Analysis{Steps: steps}}, opts)
}

func TestStepExitStatus(t *testing.T) {
	warn := `echo "a.c:3:2: warning: unused [-Wunused]"`
	tests := []struct {
		name    string
		step    model.AnalysisStep
		results int
		wantErr string
	}{
		{"exit 0, nothing found", model.AnalysisStep{Shell: "true"}, 0, ""},
		{"exit 1 with findings is not a failure", model.AnalysisStep{Shell: warn + "; exit 1"}, 1, ""},
		{"exit 1 without findings is", model.AnalysisStep{Shell: "echo oops >&2; exit 1"}, 0,
			`analysis step "s" (security/assure.yaml:10:7): exited with status 1 but reported nothing: an analyzer that finds nothing exits 0, so the run probably failed` + "\n\tstderr: oops"},
		{"status not listed", model.AnalysisStep{Shell: warn + "; echo 'cannot read config' >&2; exit 3"}, 0,
			`analysis step "s" (security/assure.yaml:10:7): exited with status 3, which is not one of exit_codes [0 1]`},
		{"status listed by the step", model.AnalysisStep{Shell: warn + "; exit 123", ExitCodes: []int{0, 123}}, 1, ""},
		{"crash", model.AnalysisStep{Shell: "kill -SEGV $$"}, 0, `analysis step "s" (security/assure.yaml:10:7): crashed: killed by signal segmentation fault`},
		{"missing program", model.AnalysisStep{Run: []string{"no-such-analyzer-xyz", "--sarif"}}, 0,
			`analysis step "s" (security/assure.yaml:10:7): cannot start no-such-analyzer-xyz: exec: "no-such-analyzer-xyz": executable file not found in $PATH (hint: install it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeTree(t, map[string]string{"a.c": aC})
			tt.step.ID, tt.step.Format = "s", model.FormatGCC
			rs, reps, err := runSteps(t, root, Options{}, tt.step)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v\nwant it to contain %q", err, tt.wantErr)
				}
				if reps[0].Err == nil {
					t.Error("the report does not carry the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != tt.results || reps[0].Results != tt.results {
				t.Fatalf("%d results (report says %d), want %d", len(rs), reps[0].Results, tt.results)
			}
		})
	}
}

// TestStepTimeoutKillsTheGroup: a step that forks and sleeps past its time
// limit fails, and its children die with it.
func TestStepTimeoutKillsTheGroup(t *testing.T) {
	root := writeTree(t, map[string]string{"a.c": aC})
	pids := filepath.Join(t.TempDir(), "pids")
	_, _, err := runSteps(t, root, Options{}, model.AnalysisStep{ID: "slow", Format: model.FormatGCC, Timeout: "300ms",
		Shell: "sleep 600 & echo $! > " + pids + "; sleep 600"})
	if err == nil || !strings.Contains(err.Error(), `analysis step "slow" (security/assure.yaml:10:7): timed out after 300ms; its process group was killed`) {
		t.Fatalf("err = %v", err)
	}
	b, rerr := os.ReadFile(pids)
	if rerr != nil {
		t.Fatal(rerr)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if pid <= 0 {
		t.Fatalf("no child pid in %q", b)
	}
	// SIGKILL is delivered asynchronously: wait until the child is gone or
	// a zombie (its parent, the shell, died with it, and a container's init
	// may not reap). Signal 0 only asks whether the process exists.
	for i := 0; ; i++ {
		if err := syscall.Kill(pid, 0); err != nil {
			break
		}
		st, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if strings.Contains(string(st), ") Z ") {
			break
		}
		if i == 500 {
			t.Fatalf("child %d of the timed-out step is still running: %s", pid, st)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestStepCancelled(t *testing.T) {
	root := writeTree(t, map[string]string{"a.c": aC})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := Collect(ctx, root, &model.Model{Analysis: model.Analysis{Steps: []model.AnalysisStep{{ID: "s", Shell: "sleep 600", Format: model.FormatGCC}}}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("err = %v", err)
	}
}

func TestStepOutputs(t *testing.T) {
	sarifLog := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [{"ruleId": "r", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.c"}, "region": {"startLine": 3}}}]}]}]}`
	tests := []struct {
		name    string
		step    model.AnalysisStep
		pre     map[string]string // files present before the step runs
		inputs  string
		wantErr string
	}{
		{"stdout", model.AnalysisStep{Shell: "echo '" + sarifLog + "'"}, nil, "[stdout]", ""},
		{"stderr", model.AnalysisStep{Shell: "echo progress; echo '" + sarifLog + "' >&2", Output: "stderr"}, nil, "[stderr]", ""},
		{"a file the step writes", model.AnalysisStep{Shell: "mkdir -p build && echo '" + sarifLog + "' > build/t.sarif", Output: "build/t.sarif"}, nil, "[build/t.sarif]", ""},
		{"a file the step does not write", model.AnalysisStep{Shell: "true", Output: "build/t.sarif"}, nil, "",
			`analysis step "s" (security/assure.yaml:10:7): did not write its output build/t.sarif`},
		{"a file left over from an earlier run", model.AnalysisStep{Shell: "true", Output: "build/t.sarif"}, map[string]string{"build/t.sarif": sarifLog}, "",
			"did not write its output build/t.sarif: the file is left over from an earlier run"},
		{"files in $ASSURE_OUTPUT_DIR", model.AnalysisStep{Shell: `for n in 2 1; do echo '` + sarifLog + `' > "$ASSURE_OUTPUT_DIR/$n.sarif"; done`, Output: model.OutputDir}, nil,
			"[$ASSURE_OUTPUT_DIR/1.sarif $ASSURE_OUTPUT_DIR/2.sarif]", ""},
		{"nothing in $ASSURE_OUTPUT_DIR", model.AnalysisStep{Shell: "true", Output: model.OutputDir}, nil, "",
			"wrote no file into $ASSURE_OUTPUT_DIR"},
		{"a run in a subdirectory", model.AnalysisStep{Shell: `echo '` + strings.ReplaceAll(sarifLog, `"a.c"`, `"../a.c"`) + `'`, Dir: "sub"}, map[string]string{"sub/x": ""}, "[stdout]", ""},
		{"output that is not SARIF", model.AnalysisStep{Shell: "echo 'Checking a.c ...'"}, nil, "",
			`analysis step "s" (security/assure.yaml:10:7): stdout: line 1, column 1: invalid JSON: invalid character 'C' at start of value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"a.c": aC}
			for k, v := range tt.pre {
				files[k] = v
			}
			root := writeTree(t, files)
			tt.step.ID, tt.step.Format = "s", model.FormatSARIF
			rs, reps, err := runSteps(t, root, Options{}, tt.step)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v\nwant it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(reps[0].Inputs, " "); "["+got+"]" != tt.inputs {
				t.Errorf("inputs %q, want %s", got, tt.inputs)
			}
			for _, r := range rs {
				if r.Location() != "a.c:3" || r.Tool != "t" || r.Step != "s" || r.Snippet != "return 0;" {
					t.Errorf("result %+v", r)
				}
			}
			if len(rs) == 0 {
				t.Error("no results")
			}
		})
	}
}

func TestStepVersionAndTool(t *testing.T) {
	root := writeTree(t, map[string]string{"a.c": aC})
	rs, reps, err := runSteps(t, root, Options{}, model.AnalysisStep{ID: "fmt", Format: model.FormatGCC, Tool: "clang-format",
		Shell: `echo "a.c:2:1: error: code should be clang-formatted [-Wclang-format-violations]" >&2; exit 1`, Output: model.OutputStderr,
		Version: []string{"sh", "-c", "echo; echo '  Debian clang-format version 14.0.6  '"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Tool != "clang-format" || rs[0].Version != "Debian clang-format version 14.0.6" || reps[0].ExitCode != 1 || reps[0].Command == "" {
		t.Fatalf("results %+v\nreports %+v", rs, reps)
	}
	_, _, err = runSteps(t, root, Options{}, model.AnalysisStep{ID: "fmt", Format: model.FormatGCC, Shell: "true", Version: []string{"sh", "-c", "exit 2"}})
	if err == nil || !strings.Contains(err.Error(), `analysis step "fmt" (security/assure.yaml:10:7): version command sh -c exit 2: exited with status 2`) {
		t.Fatalf("err = %v", err)
	}
}

// TestCollectOrderAndSelection: results come sorted whatever order the
// steps finished in, reports in model order; Steps selects.
func TestCollectOrderAndSelection(t *testing.T) {
	root := writeTree(t, map[string]string{"a.c": aC, "b.c": aC})
	steps := []model.AnalysisStep{
		{ID: "late", Format: model.FormatGCC, Shell: `sleep 0.2; echo "b.c:1:1: warning: w [x]"; echo "a.c:2:1: warning: w [x]"; exit 1`},
		{ID: "early", Format: model.FormatGCC, Shell: `echo "a.c:1:1: warning: w [y]"; exit 1`},
	}
	rs, reps, err := runSteps(t, root, Options{Jobs: 2}, steps...)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.Location()+" "+r.Step)
	}
	if strings.Join(got, ", ") != "a.c:1:1 early, a.c:2:1 late, b.c:1:1 late" || reps[0].ID != "late" || reps[1].ID != "early" {
		t.Fatalf("results %v, reports %s %s", got, reps[0].ID, reps[1].ID)
	}
	rs, reps, err = runSteps(t, root, Options{Steps: []string{"early"}}, steps...)
	if err != nil || len(rs) != 1 || len(reps) != 1 {
		t.Fatalf("selected: %d results, %d reports, %v", len(rs), len(reps), err)
	}
	if _, _, err := runSteps(t, root, Options{Steps: []string{"nope"}}, steps...); err == nil || err.Error() != `no analysis step "nope" in the model` {
		t.Fatalf("err = %v", err)
	}
}

// TestCollectOneAtATime: with one job, steps never overlap.
func TestCollectOneAtATime(t *testing.T) {
	root := writeTree(t, map[string]string{"a.c": aC})
	log := filepath.Join(t.TempDir(), "log")
	var steps []model.AnalysisStep
	for _, id := range []string{"a", "b", "c"} {
		steps = append(steps, model.AnalysisStep{ID: id, Format: model.FormatGCC,
			Shell: "echo start >> " + log + "; sleep 0.05; echo end >> " + log})
	}
	if _, _, err := runSteps(t, root, Options{Jobs: 1}, steps...); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(log)
	if got := strings.Fields(string(b)); strings.Join(got, " ") != "start end start end start end" {
		t.Fatalf("steps overlapped: %v", got)
	}
}

func TestCollectSARIFInputs(t *testing.T) {
	sarifLog := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "semanticVersion": "2.19.0"}}, "results": [{"ruleId": "cpp/x", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///builds/fw/a.c"}, "region": {"startLine": 1}}}]}]}]}`
	root := writeTree(t, map[string]string{"a.c": aC, "ci/codeql-1.sarif": sarifLog, "ci/codeql-2.sarif": sarifLog})
	m := &model.Model{Analysis: model.Analysis{SARIF: []model.SARIFInput{{Path: "ci/*.sarif", SourceRoot: "/builds/fw"}}}}
	rs, reps, err := Collect(context.Background(), root, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Version != "2.19.0" || rs[0].Source != "ci/codeql-1.sarif#/runs/0/results/0" || reps[0].ID != "sarif:ci/*.sarif" || reps[0].Results != 2 {
		t.Fatalf("results %+v\nreports %+v", rs, reps)
	}
	m.Analysis.SARIF = []model.SARIFInput{{Path: "coverity/*.sarif", Pos: model.Pos{File: "security/assure.yaml", Line: 20, Column: 7}}}
	if _, _, err := Collect(context.Background(), root, m, Options{}); err == nil ||
		!strings.Contains(err.Error(), `analysis.sarif "coverity/*.sarif" (security/assure.yaml:20:7) matches no file`) {
		t.Fatalf("err = %v", err)
	}
	if _, reps, err := Collect(context.Background(), root, m, Options{OptionalSARIF: true}); err != nil || len(reps) != 1 || len(reps[0].Inputs) != 0 {
		t.Fatalf("optional: %+v, %v", reps, err)
	}
}

// TestTextOutputPaths: text formats name files relative to where the tool
// ran; absolute paths must lie in the repository, and the file must be in
// the tree.
func TestTextOutputPaths(t *testing.T) {
	root := writeTree(t, map[string]string{"src/a.c": aC})
	rs, _, err := runSteps(t, root, Options{}, model.AnalysisStep{ID: "s", Format: model.FormatGCC, Dir: "src",
		Shell: `echo "a.c:3:2: warning: w [r]"; echo "$ASSURE_ROOT/src/a.c:1:1: warning: w [r]"; exit 1`})
	if err != nil || len(rs) != 2 || rs[0].Location() != "src/a.c:1:1" || rs[1].Location() != "src/a.c:3:2" {
		t.Fatalf("%+v, %v", rs, err)
	}
	_, _, err = runSteps(t, root, Options{}, model.AnalysisStep{ID: "s", Format: model.FormatGCC,
		Shell: `echo "/usr/include/stdio.h:1:1: warning: w [r]"; exit 1`})
	if err == nil || !strings.Contains(err.Error(), `analysis step "s" (security/assure.yaml:10:7): stdout:1: /usr/include/stdio.h is outside the repository`) {
		t.Fatalf("err = %v", err)
	}
	_, _, err = runSteps(t, root, Options{}, model.AnalysisStep{ID: "s", Format: model.FormatGCC,
		Shell: `echo "a.c:1:1: warning: w [r]"; exit 1`})
	if err == nil || !strings.Contains(err.Error(), `(security/assure.yaml:10:7): stdout:1: a.c is not in the analysed tree`) {
		t.Fatalf("err = %v", err)
	}
}
