package model

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Analysis is the `analysis` section of the root model file: static
// analysis (issue #3). Steps are the analyzer and coding-convention
// commands `assure check` runs; SARIF names logs produced elsewhere
// (Coverity, CodeQL) to ingest as they are. internal/analysis runs and reads
// both. Its schema is sections/analysis.schema.json; keys other
// capabilities of the same issue add (the waiver registry, the baseline)
// are further fields of this struct.
type Analysis struct {
	// Jobs is how many steps run at once (default: the number of CPUs).
	Jobs  int            `yaml:"jobs,omitempty" json:"jobs,omitempty"`
	Steps []AnalysisStep `yaml:"steps,omitempty" json:"steps,omitempty"`
	SARIF []SARIFInput   `yaml:"sarif,omitempty" json:"sarif,omitempty"`
	// Waivers is the waiver registry, relative to the repository root
	// (default security/waivers.yaml; internal/waiver reads it).
	Waivers string `yaml:"waivers,omitempty" json:"waivers,omitempty"`
	// BaselineProfiles are the gate profiles in which only results the
	// range's base revision did not have count (default [pr]); every other
	// profile asks for zero unwaived results and no waiver pending.
	BaselineProfiles []string `yaml:"baseline_profiles,omitempty" json:"baseline_profiles,omitempty"`
	// PendingProfiles are the gate profiles in which a result covered by a
	// complete waiver that still awaits approval counts as recorded: it is
	// reported as a warning and the waiver's missing approval does not fail
	// the gate. Everything else about the record still does. The Security
	// Overview asks for approvals "before each release", so a development
	// gate may let a recorded waiver wait for its reviewer; release may not
	// be listed.
	PendingProfiles []string `yaml:"pending_profiles,omitempty" json:"pending_profiles,omitempty"`

	// Pos is where the section was written (zero when it is absent).
	Pos Pos `yaml:"-" json:"-"`
}

// ComparesWithBase reports whether profile counts only results that are
// new since the base revision of the range.
func (a Analysis) ComparesWithBase(profile string) bool {
	if a.BaselineProfiles == nil {
		return profile == ProfilePR
	}
	for _, p := range a.BaselineProfiles {
		if p == profile {
			return true
		}
	}
	return false
}

// AllowsPending reports whether profile accepts waivers that await
// approval as a record (see PendingProfiles).
func (a Analysis) AllowsPending(profile string) bool {
	return profile != ProfileRelease && slices.Contains(a.PendingProfiles, profile)
}

// Analyzer output formats a step may declare.
const (
	FormatSARIF       = "sarif"        // SARIF 2.1.0 (flawfinder --sarif, clang --analyze, gosec, semgrep …)
	FormatGCC         = "gcc"          // file:line:col: severity: message [rule] (gcc, clang, clang-format --dry-run)
	FormatCppcheckXML = "cppcheck-xml" // cppcheck --xml --xml-version=2 (Debian 12's cppcheck 2.10 has no SARIF)
	FormatCheckpatch  = "checkpatch"   // checkpatch.pl --terse --show-types (--file, or --showfile for patches)
	FormatGofmt       = "gofmt"        // gofmt -l: one file per line
)

// AnalysisFormats lists the formats, in the order the documentation gives them.
var AnalysisFormats = []string{FormatSARIF, FormatGCC, FormatCppcheckXML, FormatCheckpatch, FormatGofmt}

// Where a step's output lands, besides a file.
const (
	OutputStdout = "stdout"
	OutputStderr = "stderr"
	// OutputDir means every file the step writes into the fresh, empty
	// directory assure names in the environment variable of that name:
	// for tools that write one log per input (clang --analyze -o).
	OutputDir = "$ASSURE_OUTPUT_DIR"
)

// DefaultStepTimeout bounds a step that names no timeout.
const DefaultStepTimeout = 10 * time.Minute

// AnalysisStep is one analyzer command.
type AnalysisStep struct {
	ID string `yaml:"id" json:"id"`
	// Run is the command as an argument vector, run without a shell;
	// Shell is a command line for sh -c (pipes, globs). Exactly one is set.
	Run   []string `yaml:"run,omitempty" json:"run,omitempty"`
	Shell string   `yaml:"shell,omitempty" json:"shell,omitempty"`
	// Format of the output (Format* constants).
	Format string `yaml:"format" json:"format"`
	// Output is stdout (default), stderr, $ASSURE_OUTPUT_DIR (the files the
	// command writes there), or a file the command writes, relative to the
	// repository root.
	Output string `yaml:"output,omitempty" json:"output,omitempty"`
	// Dir is the working directory relative to the repository root
	// (default the root); relative paths in the output are relative to it.
	Dir string `yaml:"dir,omitempty" json:"dir,omitempty"`
	// Timeout is a Go duration ("90s", "5m"); default DefaultStepTimeout.
	Timeout string `yaml:"timeout,omitempty" json:"timeout,omitempty"`
	// ExitCodes are the exit statuses that mean the analyzer ran (default
	// 0 and 1: most analyzers exit 1 when they find something).
	ExitCodes []int `yaml:"exit_codes,omitempty" json:"exit_codes,omitempty"`
	// Tool names the analyzer for text formats, which do not say who wrote
	// them (default: the step id). SARIF names its own tool.
	Tool string `yaml:"tool,omitempty" json:"tool,omitempty"`
	// Version is a command printing the tool's version (first line kept),
	// for text formats; SARIF carries its own.
	Version []string `yaml:"version,omitempty" json:"version,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// TimeoutDuration is the step's time limit.
func (s AnalysisStep) TimeoutDuration() time.Duration {
	if d, err := time.ParseDuration(s.Timeout); err == nil && d > 0 {
		return d
	}
	return DefaultStepTimeout
}

// AcceptedExitCodes are the exit statuses that mean the analyzer ran.
func (s AnalysisStep) AcceptedExitCodes() []int {
	if len(s.ExitCodes) > 0 {
		return s.ExitCodes
	}
	return []int{0, 1}
}

// ToolName is the tool results of a text format are attributed to.
func (s AnalysisStep) ToolName() string {
	if s.Tool != "" {
		return s.Tool
	}
	return s.ID
}

// OutputTo is where the output lands: stdout, stderr or a file.
func (s AnalysisStep) OutputTo() string {
	if s.Output == "" {
		return OutputStdout
	}
	return s.Output
}

// SARIFInput is a SARIF log produced outside assure: a glob relative to the
// repository root, and, when the tool ran elsewhere (a CI machine,
// Coverity's build host), the absolute directory its URIs call the source
// root. In YAML it is either the glob alone or {path, source_root}.
type SARIFInput struct {
	Path       string `yaml:"path" json:"path"`
	SourceRoot string `yaml:"source_root,omitempty" json:"source_root,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// UnmarshalJSON accepts the short form, a bare glob.
func (in *SARIFInput) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*in = SARIFInput{Path: s}
		return nil
	}
	type plain SARIFInput
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*in = SARIFInput(p)
	return nil
}

// Configured reports whether the model names any analyzer or SARIF log.
func (a Analysis) Configured() bool { return len(a.Steps) > 0 || len(a.SARIF) > 0 }

// checkAnalysis holds the rules of the analysis section that a schema
// cannot express, and records positions so that a failing step can be
// traced back to where it was configured.
func checkAnalysis(m *Model, root src, _ personRefs, ds *diags) {
	a := &m.Analysis
	sec := root.child("/analysis")
	if a.Configured() {
		a.Pos = sec.pos("")
	}
	ids := map[string]int{}
	outputs := map[string]int{}
	for i := range a.Steps {
		s := &a.Steps[i]
		at := sec.child("/steps/" + strconv.Itoa(i))
		s.Pos = at.pos("")
		if first, dup := ids[s.ID]; dup {
			ds.add(at.pos("/id"), fmt.Sprintf("duplicate analysis step id %q", s.ID), "first defined at "+a.Steps[first].Pos.String())
		} else {
			ids[s.ID] = i
		}
		switch {
		case len(s.Run) == 0 && s.Shell == "":
			ds.add(at.pos(""), fmt.Sprintf("analysis step %q has no command", s.ID),
				"add run: [program, args…] (no shell), or shell: \"a command line\" for pipes and globs")
		case len(s.Run) > 0 && s.Shell != "":
			ds.add(at.pos("/shell"), fmt.Sprintf("analysis step %q has both run and shell", s.ID), "keep one of them")
		}
		if s.Timeout != "" {
			if d, err := time.ParseDuration(s.Timeout); err != nil || d <= 0 {
				ds.add(at.pos("/timeout"), fmt.Sprintf("timeout %q is not a positive duration", s.Timeout), `write a Go duration such as "90s", "5m" or "1h30m"`)
			}
		}
		if s.Dir != "" {
			if msg, hint := checkRelPath(s.Dir, true); msg != "" {
				ds.add(at.pos("/dir"), "dir: "+msg, hint)
			}
		}
		if out := s.OutputTo(); out != OutputStdout && out != OutputStderr && out != OutputDir {
			if msg, hint := checkRelPath(out, false); msg != "" {
				ds.add(at.pos("/output"), "output: "+msg, hint)
			} else if first, dup := outputs[path.Clean(out)]; dup {
				ds.add(at.pos("/output"), fmt.Sprintf("steps %q and %q write the same output %q", a.Steps[first].ID, s.ID, out),
					"give each step its own output file; they run at the same time")
			} else {
				outputs[path.Clean(out)] = i
			}
		}
		if len(s.Version) > 0 && s.Format == FormatSARIF {
			ds.add(at.pos("/version"), fmt.Sprintf("analysis step %q: version is for text formats", s.ID),
				"a SARIF log names its tool's version itself; remove version")
		}
	}
	checkWaiverSettings(m, sec, ds)
	for i := range a.SARIF {
		in := &a.SARIF[i]
		at := sec.child("/sarif/" + strconv.Itoa(i))
		in.Pos = at.pos("")
		sub := ""
		if in.SourceRoot != "" {
			sub = "/path"
			if !strings.HasPrefix(in.SourceRoot, "/") {
				ds.add(at.pos("/source_root"), fmt.Sprintf("source_root %q is not an absolute path", in.SourceRoot),
					"write the directory the tool analysed as its URIs name it, e.g. /builds/fw")
			}
		}
		if msg, hint := checkGlob(in.Path); msg != "" {
			ds.add(at.pos(sub), msg, hint)
		}
	}
}

// checkRelPath explains why p cannot name a place inside the repository.
func checkRelPath(p string, dirOK bool) (msg, hint string) {
	clean := path.Clean(p)
	switch {
	case strings.HasPrefix(p, "/"):
		return fmt.Sprintf("%q must be relative to the repository root", p), ""
	case clean == ".." || strings.HasPrefix(clean, "../"):
		return fmt.Sprintf("%q leaves the repository", p), "steps read and write inside the repository only"
	case clean == "." && !dirOK:
		return fmt.Sprintf("%q is the repository root, not a file", p), "name the file the step writes"
	}
	return "", ""
}

// checkWaiverSettings: the registry is a file inside the repository, and a
// baseline profile is one the model knows.
func checkWaiverSettings(m *Model, sec src, ds *diags) {
	a := &m.Analysis
	if a.Waivers != "" {
		if msg, hint := checkRelPath(a.Waivers, false); msg != "" {
			ds.add(sec.pos("/waivers"), "waivers: "+msg, hint+" (default security/waivers.yaml)")
		}
	}
	for i, p := range a.BaselineProfiles {
		if !m.HasProfile(p) {
			ds.add(sec.pos("/baseline_profiles/"+strconv.Itoa(i)), fmt.Sprintf("baseline_profiles names unknown profile %q", p),
				"use one of "+strings.Join(m.ProfileNames(), ", ")+", or define it under policy.profiles")
		}
	}
	for i, p := range a.PendingProfiles {
		at := sec.pos("/pending_profiles/" + strconv.Itoa(i))
		switch {
		case p == ProfileRelease:
			ds.add(at, "pending_profiles names release: a release needs every waiver approved (Static Code Analysis: \"before each release\")",
				"remove release from analysis.pending_profiles")
		case !m.HasProfile(p):
			ds.add(at, fmt.Sprintf("pending_profiles names unknown profile %q", p),
				"use one of "+strings.Join(m.ProfileNames(), ", ")+", or define it under policy.profiles")
		}
	}
}
