// Package testresult reads the results of test runs — `go test -json`
// streams (test2json events) and JUnit XML as ctest, pytest, Zephyr twister
// and Maven surefire write it — into one model: which test, what status,
// how long, from which file, when it ran. The threat-tests gate uses it to
// decide whether the tests that prove a countermeasure ran and passed.
//
// Both readers refuse what they cannot read with one message naming
// file:line, never a guess: a result file that is cut in half could hide a
// failing test.
package testresult

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Status is what a test ended as.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "fail"
	Skip Status = "skip"
)

// rank orders statuses from worst to best, so a test that ran twice with
// different outcomes counts as its worst.
func (s Status) rank() int {
	switch s {
	case Fail:
		return 0
	case Skip:
		return 1
	default:
		return 2
	}
}

// Worse reports whether s is a worse outcome than t.
func (s Status) Worse(t Status) bool { return s.rank() < t.rank() }

// Format is the kind of file a result was read from.
type Format string

const (
	GoTestJSON Format = "go-test-json"
	JUnit      Format = "junit"
)

// Result is the outcome of one test case (or, for Go, of one package: a
// package that failed to build has no test results, only its own).
type Result struct {
	// ID is the name the test is known by: "import/path.TestName/subtest"
	// for Go, "classname.name" for JUnit (just the name when the name
	// already starts with the class name, as twister writes it).
	ID string `json:"id"`
	// Suite is the Go package import path or the JUnit classname.
	Suite string `json:"suite,omitempty"`
	// Name is the test name, with subtests for Go.
	Name string `json:"name"`
	// Package marks a Go package's own result, not a test's.
	Package  bool          `json:"package,omitempty"`
	Status   Status        `json:"status"`
	Duration time.Duration `json:"duration"`
	// Time is when the test (or its suite) started, zero when the file
	// does not say. JUnit timestamps without a zone are read as UTC.
	Time time.Time `json:"time,omitzero"`
	// File and Line say where the result was recorded.
	File   string `json:"file"`
	Line   int    `json:"line"`
	Format Format `json:"format"`
	// Message is why a test failed or was skipped, when the tool says.
	Message string `json:"message,omitempty"`
	// Output is the tail of a failing test's output.
	Output string `json:"output,omitempty"`
}

// Where is file:line of the result.
func (r Result) Where() string { return r.File + ":" + strconv.Itoa(r.Line) }

// Error is a result file that cannot be read: where and what to do.
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
	Hint   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// maxOutput bounds the output kept per failing test: enough for the
// assertion that failed, not a whole log.
const maxOutput = 4096

func tail(s string) string {
	if len(s) <= maxOutput {
		return s
	}
	s = s[len(s)-maxOutput:]
	if i := strings.IndexByte(s, '\n'); i >= 0 && i < len(s)-1 {
		s = s[i+1:]
	}
	return "…\n" + s
}
