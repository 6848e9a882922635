package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/complexity"
)

func init() { register(newComplexityCmd) }

type complexityFlags struct {
	format  string
	output  string
	over    int
	top     int
	exclude []string
	jobs    int
}

func newComplexityCmd(e *env) *cobra.Command {
	var f complexityFlags
	cmd := &cobra.Command{
		Use:   "complexity [PATH]...",
		Short: "measure the cyclomatic complexity of every C, C++ and Go function",
		Long: `complexity measures every function of the C, C++ and Go files under the
paths (default: the current directory): cyclomatic complexity (CCN, counted as
lizard counts it), lines of code (NLOC), parameters and nesting depth, and
prints them worst first.

The table shows the 20 worst functions unless --top says otherwise; csv, json
and sarif list every function. With --over N only functions with a CCN above N
are listed and the command exits with 1 when there is one. Budgets per module
and language live in the model and are enforced by 'assure check'
(docs/complexity.md).

Exit codes: 0 done, 1 a function is over --over, 2 usage or input error.`,
		Example: `  assure complexity
  assure complexity src lib --over 15
  assure complexity --format sarif --output complexity.sarif
  assure complexity --format csv --exclude 'third_party/**' > complexity.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runComplexity(cmd.Context(), e, f, args, cmd.Flags().Changed("top"))
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "table", "output `FORMAT`: "+strings.Join(complexity.Formats(), ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write to `FILE` instead of standard output")
	fl.IntVar(&f.over, "over", 0, "list only functions with a CCN above `N`; exit 1 if there is one")
	fl.IntVar(&f.top, "top", 20, "list only the `N` worst functions (0: all; default 20 for the table, all otherwise)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "leave out files matching `GLOB` (** for any directories); repeatable")
	fl.IntVarP(&f.jobs, "jobs", "j", 0, "analyse `N` files at a time (0: one per CPU)")
	return cmd
}

func runComplexity(ctx context.Context, e *env, f complexityFlags, paths []string, topSet bool) error {
	if ctx == nil {
		ctx = context.Background()
	}
	valid := false
	for _, x := range complexity.Formats() {
		valid = valid || x == f.format
	}
	if !valid {
		return usageErr("unknown format %q (hint: use one of %s)", f.format, strings.Join(complexity.Formats(), ", "))
	}
	if f.over < 0 || f.top < 0 || f.jobs < 0 {
		return usageErr("--over, --top and --jobs take a number of 0 or more")
	}
	if st, err := os.Stat(e.dir); err != nil || !st.IsDir() {
		return usageErr("-C %s: no such directory", e.dir)
	}
	opts := complexity.Options{Paths: paths, Dir: e.dir, Exclude: f.exclude, Workers: f.jobs}
	stop := func() {}
	if isTerminal(e.stderr) {
		opts.Progress, stop = progressBar(e.stderr, time.Now)
	}
	res, err := complexity.Analyze(ctx, opts)
	stop()
	if err != nil {
		return inputErr(err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(e.stderr, "assure: warning: %s\n", w)
	}
	fs := res.Functions
	complexity.SortWorstFirst(fs)
	if f.over > 0 {
		fs = complexity.Over(fs, f.over)
	}
	rep := &complexity.Report{Total: len(res.Functions), Files: res.Files, Over: f.over, Warnings: res.Warnings, Version: Version}
	top := f.top
	if !topSet && f.format != "table" {
		top = 0
	}
	if top > 0 && len(fs) > top {
		rep.Hidden = len(fs) - top
		fs = fs[:top]
	}
	rep.Functions = fs
	var buf bytes.Buffer
	if err := complexity.Write(&buf, f.format, rep); err != nil {
		return inputErr(err)
	}
	if f.output == "" {
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			return inputErr(err)
		}
	} else {
		path := f.output
		if !filepath.IsAbs(path) {
			path = filepath.Join(e.dir, path)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			return inputErr(fmt.Errorf("writing %s: %w", f.output, err))
		}
	}
	if f.over > 0 && len(rep.Functions)+rep.Hidden > 0 {
		return gateFailed
	}
	return nil
}

// progressBar draws "[#####     ] 120/173 files" on a terminal, at most
// every 50 ms by the clock now, and erases it when stopped.
func progressBar(w io.Writer, now func() time.Time) (func(done, total int), func()) {
	var mu sync.Mutex
	var last time.Time
	drawn := false
	update := func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if t := now(); t.Sub(last) >= 50*time.Millisecond || done == total {
			last = t
			const width = 30
			n := width * done / max(total, 1)
			fmt.Fprintf(w, "\r[%s%s] %d/%d files", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
			drawn = true
		}
	}
	stop := func() {
		mu.Lock()
		defer mu.Unlock()
		if drawn {
			fmt.Fprintf(w, "\r%s\r", strings.Repeat(" ", 60))
		}
	}
	return update, stop
}
