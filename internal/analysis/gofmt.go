package analysis

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// gofmtError is what gofmt prints for a file it cannot parse.
var gofmtError = regexp.MustCompile(`^\S+:\d+:\d+: `)

// parseGofmt reads gofmt -l (or goimports -l): the files whose formatting
// differs, one per line. Each is one result of rule "gofmt" for the whole
// file. A parse error in the list means gofmt could not read a file, which
// is an error, not a clean result.
func parseGofmt(name string, r io.Reader, emit func(Result) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	for n := 1; sc.Scan(); n++ {
		file := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(file) == "" {
			continue
		}
		if gofmtError.MatchString(file) {
			return fmt.Errorf("%s:%d: gofmt could not read a file: %s (hint: fix the syntax error; gofmt -l lists files, it does not report errors)", name, n, clip(file))
		}
		err := emit(Result{
			Rule: "gofmt", Level: LevelWarning, File: file,
			Message: "file is not formatted as gofmt formats it (run gofmt -w " + file + ")",
			Source:  fmt.Sprintf("%s:%d", name, n),
		})
		if err != nil {
			return err
		}
	}
	return scanErr(name, sc.Err())
}
