package analysis

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// gccLine is the diagnostic line gcc, clang, clang-tidy and
// clang-format --dry-run write: file:line[:col]: severity: message [rule].
var gccLine = regexp.MustCompile(`^(.+?):(\d+):(?:(\d+):)? ?(fatal error|error|warning|note|remark): (.*)$`)

// gccRule is the option or checker in brackets at the end of the message:
// [-Wunused-variable], [core.DivideZero], [bugprone-use-after-move].
var gccRule = regexp.MustCompile(`\s\[([^\[\]\s]+)\]$`)

// parseGCC reads compiler-style diagnostics. Everything else these tools
// print (the source line echoed, the caret under it, "In file included
// from", "3 warnings generated.") is skipped, and so are notes and remarks:
// they explain the diagnostic above them rather than report one. A
// diagnostic without a [rule] is attributed to the rule named by its
// severity ("warning", "error").
func parseGCC(name string, r io.Reader, emit func(Result) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	for n := 1; sc.Scan(); n++ {
		m := gccLine.FindStringSubmatch(strings.TrimSuffix(sc.Text(), "\r"))
		if m == nil || m[4] == "note" || m[4] == "remark" {
			continue
		}
		line, err := strconv.Atoi(m[2])
		if err != nil {
			return fmt.Errorf("%s:%d: line number %q is out of range", name, n, m[2])
		}
		col := 0
		if m[3] != "" {
			if col, err = strconv.Atoi(m[3]); err != nil {
				return fmt.Errorf("%s:%d: column %q is out of range", name, n, m[3])
			}
		}
		level, _ := ParseLevel(m[4])
		msg, rule := m[5], m[4]
		if rm := gccRule.FindStringSubmatchIndex(msg); rm != nil {
			rule, msg = msg[rm[2]:rm[3]], msg[:rm[0]]
		}
		err = emit(Result{
			Rule: rule, Level: level, File: m[1], Message: strings.TrimSpace(msg),
			Region: Region{StartLine: line, StartColumn: col},
			Source: fmt.Sprintf("%s:%d", name, n),
		})
		if err != nil {
			return err
		}
	}
	return scanErr(name, sc.Err())
}

// maxLine bounds one line of text output; a longer one is an error rather
// than a silently dropped diagnostic.
const maxLine = 1 << 20

func scanErr(name string, err error) error {
	if err == bufio.ErrTooLong {
		return fmt.Errorf("%s: a line is longer than %d bytes (hint: is this the analyzer's text output?)", name, maxLine)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
