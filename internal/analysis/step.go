package analysis

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/model"
)

// StepReport says what one analyzer step, or one SARIF log given in the
// model, contributed.
type StepReport struct {
	// ID is the step's id, or "sarif:<path>" for a log produced elsewhere.
	ID     string `json:"id"`
	Format string `json:"format"`
	// Command is the step's command as written in the model.
	Command string `json:"command,omitempty"`
	// Tool and Version are those of the step's results (the step's tool
	// name when it found nothing).
	Tool    string `json:"tool,omitempty"`
	Version string `json:"version,omitempty"`
	// ExitCode of the command; Results is how many it reported.
	ExitCode int `json:"exit_code"`
	Results  int `json:"results"`
	// Inputs are the files read, relative to the root ("stdout" and
	// "stderr" for captured streams).
	Inputs []string `json:"inputs,omitempty"`
	// Duration varies from run to run; reports that must be byte-identical
	// leave it out.
	Duration time.Duration `json:"-"`
	// Err is why the step failed; nil when it ran and was read.
	Err error `json:"-"`
}

// stepRun is one step being run: where it runs, where its streams go.
type stepRun struct {
	root string // the repository root, absolute
	step model.AnalysisStep
	tmp  string // a directory of this step's own
	env  []string
}

// run executes the step and ingests its output, appending to results.
func (sr *stepRun) run(ctx context.Context, rep *StepReport, emit func(*Result) error) error {
	s := sr.step
	rep.ID, rep.Format, rep.Command, rep.Tool = s.ID, s.Format, command(s), s.ToolName()
	outDir := filepath.Join(sr.tmp, "out")
	if err := os.Mkdir(outDir, 0o700); err != nil {
		return err
	}
	dir := sr.root
	if s.Dir != "" {
		dir = filepath.Join(sr.root, filepath.FromSlash(s.Dir))
	}
	var outFile string
	var before os.FileInfo
	if out := s.OutputTo(); out != model.OutputStdout && out != model.OutputStderr && out != model.OutputDir {
		outFile = filepath.Join(sr.root, filepath.FromSlash(out))
		before, _ = os.Stat(outFile)
	}
	env := append(slices.Clone(sr.env), "ASSURE_OUTPUT_DIR="+outDir, "ASSURE_ROOT="+sr.root)
	stdout, stderr := filepath.Join(sr.tmp, "stdout"), filepath.Join(sr.tmp, "stderr")
	argv := s.Run
	if len(argv) == 0 {
		argv = []string{"/bin/sh", "-c", s.Shell}
	}
	start := time.Now()
	code, err := execute(ctx, argv, dir, env, stdout, stderr, s.TimeoutDuration())
	rep.Duration, rep.ExitCode = time.Since(start), code
	if err != nil {
		return sr.fail(err, stderr)
	}
	if !slices.Contains(s.AcceptedExitCodes(), code) {
		return sr.fail(fmt.Errorf("exited with status %d, which is not one of exit_codes %v (hint: if the analyzer exits %d when it finds something, add it to exit_codes)",
			code, s.AcceptedExitCodes(), code), stderr)
	}
	version := ""
	if len(s.Version) > 0 {
		if version, err = toolVersion(ctx, s.Version, dir, env, sr.tmp); err != nil {
			return sr.fail(err, "")
		}
	}
	var inputs []Input
	switch out := s.OutputTo(); out {
	case model.OutputStdout, model.OutputStderr:
		p := map[string]string{model.OutputStdout: stdout, model.OutputStderr: stderr}[out]
		inputs = append(inputs, Input{Path: p, Name: out})
		rep.Inputs = append(rep.Inputs, out)
	case model.OutputDir:
		names, err := filesIn(outDir)
		if err != nil {
			return sr.fail(err, "")
		}
		if len(names) == 0 {
			return sr.fail(errors.New("wrote no file into $ASSURE_OUTPUT_DIR (hint: the command must write its output files into the directory that variable names)"), stderr)
		}
		for _, n := range names {
			inputs = append(inputs, Input{Path: filepath.Join(outDir, n), Name: "$ASSURE_OUTPUT_DIR/" + n})
			rep.Inputs = append(rep.Inputs, "$ASSURE_OUTPUT_DIR/"+n)
		}
	default:
		after, err := os.Stat(outFile)
		if err != nil {
			return sr.fail(fmt.Errorf("did not write its output %s (hint: check the command's output option, or set output to stdout)", out), stderr)
		}
		if before != nil && after.ModTime().Equal(before.ModTime()) && after.Size() == before.Size() {
			return sr.fail(fmt.Errorf("did not write its output %s: the file is left over from an earlier run", out), stderr)
		}
		inputs = append(inputs, Input{Path: outFile, Name: out})
		rep.Inputs = append(rep.Inputs, out)
	}
	for _, in := range inputs {
		in.Format, in.Step, in.Tool, in.Version, in.Dir = s.Format, s.ID, s.Tool, version, s.Dir
		err := Ingest(sr.root, in, func(r *Result) error {
			rep.Results++
			if rep.Results == 1 {
				rep.Tool, rep.Version = r.Tool, r.Version
			}
			return emit(r)
		})
		if err != nil {
			return sr.fail(err, "")
		}
	}
	if code != 0 && rep.Results == 0 {
		return sr.fail(fmt.Errorf("exited with status %d but reported nothing: an analyzer that finds nothing exits 0, so the run probably failed", code), stderr)
	}
	return nil
}

// fail words a step failure: which step, where the model configures it,
// and the end of what the command wrote to standard error.
func (sr *stepRun) fail(err error, stderr string) error {
	msg := fmt.Sprintf("analysis step %q (%s): %v", sr.step.ID, sr.step.Pos, err)
	if tail := tailOf(stderr, 800); tail != "" {
		msg += "\n\tstderr: " + strings.ReplaceAll(tail, "\n", "\n\t        ")
	}
	return errors.New(msg)
}

// tailOf returns the last n bytes of a file, trimmed: the part of an error
// output that usually says what went wrong.
func tailOf(path string, n int64) string {
	if path == "" {
		return ""
	}
	// assure: waive W-0003 -- the step's own stderr file, in assure's temporary directory
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return ""
	}
	off := max(st.Size()-n, 0)
	b := make([]byte, st.Size()-off)
	if _, err := f.ReadAt(b, off); err != nil && err != io.EOF {
		return ""
	}
	s := strings.TrimSpace(string(bytes.ToValidUTF8(b, []byte("?"))))
	if off > 0 {
		s = "…" + s
	}
	return s
}

// toolVersion runs a version command and keeps its first non-empty line.
func toolVersion(ctx context.Context, argv []string, dir string, env []string, tmp string) (string, error) {
	out, errOut := filepath.Join(tmp, "version.out"), filepath.Join(tmp, "version.err")
	code, err := execute(ctx, argv, dir, env, out, errOut, time.Minute)
	if err == nil && code != 0 {
		err = fmt.Errorf("exited with status %d", code)
	}
	if err != nil {
		return "", fmt.Errorf("version command %s: %v", strings.Join(argv, " "), err)
	}
	for _, p := range []string{out, errOut} {
		b, _ := readHead(p, 64<<10)
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				return line, nil
			}
		}
	}
	return "", fmt.Errorf("version command %s printed nothing", strings.Join(argv, " "))
}

// readHead reads at most n bytes from the start of a file: a version is
// on the first lines, and a command that printed without end must not
// fill the memory.
func readHead(path string, n int64) ([]byte, error) {
	// assure: waive W-0004 -- the version command's output, in assure's temporary directory
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

func filesIn(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(names)
	return names, err
}

// command renders the step's command for reports.
func command(s model.AnalysisStep) string {
	if s.Shell != "" {
		return s.Shell
	}
	parts := make([]string, len(s.Run))
	for i, a := range s.Run {
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`*?[]{}();&|<>#~") {
			a = strconv.Quote(a)
		}
		parts[i] = a
	}
	return strings.Join(parts, " ")
}

// execute runs argv in dir with its streams in files, in a process group of
// its own, and kills the whole group when the time limit passes or ctx ends:
// analyzers fork (xargs, make, shell pipelines), and killing only the first
// process would leave the rest running. The error is nil when the command
// ran to an exit status, whatever it was.
func execute(parent context.Context, argv []string, dir string, env []string, stdout, stderr string, limit time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(parent, limit)
	defer cancel()
	// assure: waive W-0005 -- assure's own temporary file
	outF, err := os.Create(stdout)
	if err != nil {
		return 0, err
	}
	defer outF.Close()
	// assure: waive W-0006 -- assure's own temporary file
	errF, err := os.Create(stderr)
	if err != nil {
		return 0, err
	}
	defer errF.Close()
	// assure: waive W-0001 -- the command the model's analysis step names; run: without a shell
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, outF, errF
	cmd.Stdin = nil
	ownGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("cannot start %s: %v (hint: install it, or fix run/shell in the model)", argv[0], err)
	}
	err = cmd.Wait()
	// Whatever the command left behind in its group goes with it.
	killGroup(cmd)
	if err := parent.Err(); err != nil {
		return -1, err
	}
	if ctx.Err() != nil {
		return -1, fmt.Errorf("timed out after %s; its process group was killed (hint: raise the step's timeout, or make it analyse less)", limit)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if sig := signalOf(ee.ProcessState); sig != "" {
			return -1, fmt.Errorf("crashed: killed by signal %s", sig)
		}
		return ee.ExitCode(), nil
	}
	if err != nil {
		return -1, err
	}
	return 0, nil
}
