// Package analysis turns the output of static analyzers and coding-convention
// tools into one normalised list of results: it runs the analyzer steps the
// model configures, streams their SARIF (or text) output, and gives every
// result a fingerprint of our own that survives code moving within a file.
// Waivers (internal/waiver) and the gate speak in these results.
package analysis

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Level is SARIF's result level, normalised: error, warning, note or none.
type Level string

const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNote    Level = "note"
	LevelNone    Level = "none"
)

// Region is where in a file a result is, 1-based; zero means unknown.
type Region struct {
	StartLine   int `json:"start_line,omitempty"`
	StartColumn int `json:"start_column,omitempty"`
	EndLine     int `json:"end_line,omitempty"`
	EndColumn   int `json:"end_column,omitempty"`
}

// Result is one finding of one analyzer, normalised from whatever the tool
// wrote.
type Result struct {
	// Tool is the analyzer's driver name as it calls itself ("flawfinder",
	// "clang", "cppcheck", "gosec", "CodeQL"); Version its version.
	Tool    string `json:"tool"`
	Version string `json:"version,omitempty"`
	// Step is the model's analyzer step that produced it ("" for a SARIF
	// file given directly).
	Step  string `json:"step,omitempty"`
	Rule  string `json:"rule"`
	Level Level  `json:"level"`
	// File is slash-separated and relative to the repository root.
	File    string `json:"file"`
	Region  Region `json:"region"`
	Message string `json:"message"`
	// Snippet is the source text of the region as the tool or the file
	// gives it, trimmed.
	Snippet string `json:"snippet,omitempty"`
	// Fingerprint is assure's own stable id of the result: it survives lines
	// moving up and down the file, and two rules on one line never share it.
	Fingerprint string `json:"fingerprint"`
	// Suppressed records a suppression the tool itself reported (SARIF
	// suppressions), kept so the waiver cross-check can see native forms.
	Suppressed bool `json:"suppressed,omitempty"`
	// Source names the SARIF file (and result index) it came from, for
	// messages: "build/flawfinder.sarif#results[12]".
	Source string `json:"source,omitempty"`
}

// Location renders where the result is: file:line:col, or the file alone.
func (r *Result) Location() string {
	s := r.File
	if r.Region.StartLine > 0 {
		s += ":" + strconv.Itoa(r.Region.StartLine)
		if r.Region.StartColumn > 0 {
			s += ":" + strconv.Itoa(r.Region.StartColumn)
		}
	}
	return s
}

// Compare is the one order of results: by file, position, tool, rule,
// then fingerprint and message, so that output never depends on the order
// analyzers finished or wrote in.
func Compare(a, b *Result) int {
	return cmp.Or(
		strings.Compare(a.File, b.File),
		cmp.Compare(a.Region.StartLine, b.Region.StartLine),
		cmp.Compare(a.Region.StartColumn, b.Region.StartColumn),
		strings.Compare(a.Tool, b.Tool),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Fingerprint, b.Fingerprint),
		strings.Compare(a.Step, b.Step),
		strings.Compare(a.Message, b.Message),
		strings.Compare(a.Source, b.Source),
	)
}

// Sort puts results in Compare order.
func Sort(rs []Result) {
	slices.SortStableFunc(rs, func(a, b Result) int { return Compare(&a, &b) })
}

// ParseLevel maps a level as tools write it to a Level; ok is false for an
// unknown word.
func ParseLevel(s string) (Level, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error", "fatal error", "fatal":
		return LevelError, true
	case "warning":
		return LevelWarning, true
	case "note", "info", "information", "remark":
		return LevelNote, true
	case "none":
		return LevelNone, true
	}
	return "", false
}
