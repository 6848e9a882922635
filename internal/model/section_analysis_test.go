package model

import (
	"strings"
	"testing"
	"time"
)

func TestAnalysisSectionLoads(t *testing.T) {
	dir := writeTree(t, map[string]string{DefaultPath: header + `analysis:
  jobs: 2
  steps:
    - id: flawfinder
      run: [flawfinder, --sarif, src]
      format: sarif
      timeout: 90s
    - id: clang-format
      shell: "git ls-files '*.c' | xargs clang-format --dry-run -Werror"
      format: gcc
      output: stderr
      tool: clang-format
      version: [clang-format, --version]
      exit_codes: [0, 1, 123]
  sarif:
    - build/codeql/*.sarif
    - path: coverity/*.sarif
      source_root: /builds/fw
`})
	m, err := Load(dir, DefaultPath)
	if err != nil {
		t.Fatal(err)
	}
	a := m.Analysis
	if !a.Configured() || a.Jobs != 2 || len(a.Steps) != 2 || a.Pos.String() != DefaultPath+":5:3" {
		t.Fatalf("analysis = %+v", a)
	}
	ff, cf := a.Steps[0], a.Steps[1]
	if ff.TimeoutDuration() != 90*time.Second || ff.OutputTo() != OutputStdout || ff.ToolName() != "flawfinder" ||
		len(ff.AcceptedExitCodes()) != 2 || ff.Pos.String() != DefaultPath+":7:7" {
		t.Errorf("flawfinder step = %+v", ff)
	}
	if cf.TimeoutDuration() != DefaultStepTimeout || cf.OutputTo() != OutputStderr || cf.Shell == "" ||
		cf.AcceptedExitCodes()[2] != 123 || cf.Version[0] != "clang-format" {
		t.Errorf("clang-format step = %+v", cf)
	}
	want := []SARIFInput{{Path: "build/codeql/*.sarif"}, {Path: "coverity/*.sarif", SourceRoot: "/builds/fw"}}
	for i, in := range a.SARIF {
		in.Pos = Pos{}
		if in != want[i] {
			t.Errorf("sarif[%d] = %+v, want %+v", i, in, want[i])
		}
	}
}

func TestAnalysisSectionErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", `  steps:
    - id: a
      run: [x]
      format: sarif
      frmat: gcc
`, `:9:7: unknown key "frmat"`},
		{"unknown format", `  steps:
    - id: a
      run: [x]
      format: xml
`, `:8:15: `},
		{"no command", `  steps:
    - id: a
      format: sarif
`, `:6:7: analysis step "a" has no command (hint: add run:`},
		{"run and shell", `  steps:
    - id: a
      run: [x]
      shell: x
      format: sarif
`, `:8:14: analysis step "a" has both run and shell`},
		{"duplicate id", `  steps:
    - {id: a, run: [x], format: sarif}
    - {id: a, run: [y], format: sarif}
`, `:7:12: duplicate analysis step id "a" (hint: first defined at security/assure.yaml:6:7)`},
		{"bad timeout", `  steps:
    - {id: a, run: [x], format: sarif, timeout: 0s}
`, `:6:49: timeout "0s" is not a positive duration`},
		{"timeout pattern", `  steps:
    - {id: a, run: [x], format: sarif, timeout: soon}
`, `:6:49: timeout "soon" is not a positive duration`},
		{"output leaves", `  steps:
    - {id: a, run: [x], format: sarif, output: ../a.sarif}
`, `:6:48: output: "../a.sarif" leaves the repository`},
		{"absolute dir", `  steps:
    - {id: a, run: [x], format: sarif, dir: /tmp}
`, `:6:45: dir: "/tmp" must be relative to the repository root`},
		{"same output twice", `  steps:
    - {id: a, run: [x], format: sarif, output: o.sarif}
    - {id: b, run: [x], format: sarif, output: ./o.sarif}
`, `:7:48: steps "a" and "b" write the same output "./o.sarif"`},
		{"version on sarif", `  steps:
    - {id: a, run: [x], format: sarif, version: [x, --version]}
`, `:6:49: analysis step "a": version is for text formats`},
		{"sarif glob leaves", `  sarif: [../x.sarif]
`, `:5:11: path "../x.sarif" leaves the repository`},
		{"relative source root", `  sarif:
    - {path: x.sarif, source_root: builds}
`, `:6:36: source_root "builds" is not an absolute path`},
		{"sarif entry of wrong type", `  sarif: [3]
`, `:5:11: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := loadErr(t, map[string]string{DefaultPath: header + "analysis:\n" + tt.yaml}, LoadOptions{})
			got := diagLines(ds)
			if !strings.Contains(got, DefaultPath+tt.want) {
				t.Fatalf("diagnostics:\n%s\nwant one containing %q", got, DefaultPath+tt.want)
			}
		})
	}
}
