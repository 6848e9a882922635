package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/testresult"
	"github.com/assure-dev/assure/internal/threat/trace"
)

func init() { threatSubcommands = append(threatSubcommands, newThreatRecordTestsCmd) }

func newThreatRecordTestsCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "record-tests FILE...",
		Short: "bind test result files (go test -json, JUnit XML) to the commit checked out",
		Long: `record-tests writes FILE.stamp.json next to each test result file: the commit
checked out (HEAD), the file's SHA-256, and any uncommitted changes of the work
tree. The threat-tests check counts a result file only for the commit its stamp
names, only while the file is unchanged, and never when the tests ran on
uncommitted changes. (Instead of a stamp, the file's path may name the commit's
full id: build/tests/<commit>/go.json.)

The format is read from the content: XML is JUnit, anything else go test -json.
A file that cannot be read (cut off, not XML) is refused.`,
		Example: `  go test -json ./... > build/tests/go.json
  assure threat record-tests build/tests/go.json build/twister/twister.xml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := threatCtx(cmd)
			root, err := repoRoot(ctx, e)
			if err != nil {
				return err
			}
			var files []trace.ResultFile
			for _, a := range args {
				p := a
				if !filepath.IsAbs(p) {
					p, _ = filepath.Abs(filepath.Join(e.dir, a))
				}
				files = append(files, trace.ResultFile{Path: p, Format: sniffFormat(p), Name: a})
			}
			stamps, err := trace.Record(ctx, root, files)
			if err != nil {
				return inputErr(err)
			}
			for i, s := range stamps {
				fmt.Fprintf(e.stdout, "recorded %s (%s) → %s\n", args[i], files[i].Format, filepath.Base(s))
			}
			return nil
		},
	}
	return cmd
}

// sniffFormat says JUnit for a file whose first non-space byte is "<".
func sniffFormat(path string) testresult.Format {
	// assure: waive W-0016 -- the test result file the user names
	f, err := os.Open(path)
	if err != nil {
		return testresult.GoTestJSON // Record reports the error
	}
	defer f.Close()
	buf := make([]byte, 512)
	n, _ := f.Read(buf)
	if t := bytes.TrimLeft(bytes.TrimPrefix(buf[:n], []byte("\xef\xbb\xbf")), " \t\r\n"); len(t) > 0 && t[0] == '<' {
		return testresult.JUnit
	}
	return testresult.GoTestJSON
}
