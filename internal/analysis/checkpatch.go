package analysis

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// checkpatchLine is one report of checkpatch.pl --terse: file:line: LEVEL:
// message, with --show-types LEVEL:TYPE: message.
var checkpatchLine = regexp.MustCompile(`^(.+?):(\d+): (ERROR|WARNING|CHECK):(?:([A-Z0-9_]+):)? (.*)$`)

// checkpatchNoise are the other lines --terse still prints: the totals, the
// notes at the end and the verdict per file.
var checkpatchNoise = regexp.MustCompile(`^(?:\s*$|total: \d+ errors?, \d+ warnings?|NOTE: |.* has (?:style problems, please review|no obvious style problems and is ready for submission)\.$)`)

// parseCheckpatch reads checkpatch.pl --terse output. Run it with
// --show-types so each result carries its message type (LONG_LINE,
// SPACING …) as the rule; without it the rule is the level. Any other line
// is an error: the long format spreads one report over several lines, and
// reading it line by line would attribute them wrongly.
func parseCheckpatch(name string, r io.Reader, emit func(Result) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		m := checkpatchLine.FindStringSubmatch(text)
		if m == nil {
			if checkpatchNoise.MatchString(text) {
				continue
			}
			return fmt.Errorf("%s:%d: not checkpatch --terse output: %q (hint: run checkpatch.pl with --terse --show-types, and --showfile when it reads a patch)", name, n, clip(text))
		}
		if m[1] == "-" {
			return fmt.Errorf("%s:%d: checkpatch names the patch it read from standard input, not a source file (hint: add --showfile so reports name the patched file)", name, n)
		}
		line, err := strconv.Atoi(m[2])
		if err != nil {
			return fmt.Errorf("%s:%d: line number %q is out of range", name, n, m[2])
		}
		rule := m[4]
		if rule == "" {
			rule = m[3]
		}
		level := map[string]Level{"ERROR": LevelError, "WARNING": LevelWarning, "CHECK": LevelNote}[m[3]]
		err = emit(Result{
			Tool: "checkpatch", Rule: rule, Level: level, File: m[1], Message: strings.TrimSpace(m[5]),
			Region: Region{StartLine: line}, Source: fmt.Sprintf("%s:%d", name, n),
		})
		if err != nil {
			return err
		}
	}
	return scanErr(name, sc.Err())
}

// clip shortens a quoted line for a message.
func clip(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
