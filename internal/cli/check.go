package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/report"
)

type checkFlags struct {
	profile string
	rng     string
	since   string
	all     bool
	checks  []string
	reviews []string
	format  string
	output  string
	reports []string
	verbose bool
	server  string
}

func newCheckCmd(e *env) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check",
		Short: "run the gate: check the range against the process",
		Long: `check runs the checks of a profile over a range of history and reports which
requirement of the process holds, which fails, where, and what to do.

The range is --range A..B (a pull request: origin/main..HEAD), --since REV
(REV..HEAD), or --all (the whole history). Without one, the model's
policy.change_management.since baseline applies, else the whole history.

Exit codes: 0 the gate passed, 1 the gate failed, 2 usage or input error.`,
		Example: `  assure check --range origin/main..HEAD
  assure check --profile release --since v3.6.0 --report sarif=assure.sarif --report junit=assure.xml
  assure check --format markdown --output comment.md --reviews pr-reviews.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCheck(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.profile, "profile", "p", "pr", "gate `PROFILE`: pr, release, or one the model defines")
	fl.StringVar(&f.rng, "range", "", "check commits in `A..B` (or all history reachable from one revision)")
	fl.StringVar(&f.since, "since", "", "check commits in `REV`..HEAD")
	fl.BoolVar(&f.all, "all", false, "check the whole history")
	fl.StringSliceVar(&f.checks, "check", nil, "run only these check `IDS`")
	fl.StringArrayVar(&f.reviews, "reviews", nil, "review export `FILE` (GitHub PR reviews JSON or Gerrit change JSON); repeatable")
	fl.StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: "+strings.Join(report.Formats(), ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fl.StringArrayVar(&f.reports, "report", nil, "also write a report as `FORMAT=FILE`; repeatable")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "list every requirement in the conformance summary")
	fl.StringVar(&f.server, "server", "", "resolve change requests against the assure server at `URL` and read its review votes (token: ASSURE_TOKEN)")
	return cmd
}

func runCheck(ctx context.Context, e *env, f checkFlags) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if !validFormat(f.format) {
		return usageErr("unknown format %q (hint: use one of %s)", f.format, strings.Join(report.Formats(), ", "))
	}
	extra, err := parseReports(f.reports)
	if err != nil {
		return err
	}
	root, err := repoRoot(ctx, e)
	if err != nil {
		return err
	}
	reviews := absAll(e.dir, f.reviews)
	if f.server != "" {
		file, cleanup, err := serverReviews(ctx, e, f.server)
		if err != nil {
			return err
		}
		defer cleanup()
		reviews = append(reviews, file)
	}
	rep, err := gate.Run(ctx, gate.Options{
		Root: root, Display: e.dir, ModelPath: e.modelPath, Profile: f.profile,
		Range: f.rng, Since: f.since, All: f.all, Checks: f.checks, ReviewFiles: reviews,
		Server: f.server, Getenv: checkEnv(e, f.server), Version: Version,
	})
	if err != nil {
		return inputErr(err)
	}
	opts := report.TextOptions{Verbose: f.verbose}
	if f.output == "" {
		opts.Color = isTerminal(e.stdout) && e.getenv("NO_COLOR") == ""
		if err := report.Render(e.stdout, f.format, rep, opts); err != nil {
			return inputErr(err)
		}
	} else if err := writeReport(e.dir, f.output, f.format, rep, opts); err != nil {
		return err
	}
	for _, x := range extra {
		if err := writeReport(e.dir, x[1], x[0], rep, report.TextOptions{Verbose: f.verbose}); err != nil {
			return err
		}
	}
	if rep.Verdict != report.Pass {
		return gateFailed
	}
	return nil
}

func validFormat(f string) bool {
	for _, x := range report.Formats() {
		if x == f {
			return true
		}
	}
	return false
}

func parseReports(specs []string) ([][2]string, error) {
	var out [][2]string
	for _, s := range specs {
		format, file, ok := strings.Cut(s, "=")
		if !ok || file == "" {
			return nil, usageErr("--report %q: want FORMAT=FILE, e.g. sarif=assure.sarif", s)
		}
		if !validFormat(format) {
			return nil, usageErr("--report %q: unknown format %q (hint: use one of %s)", s, format, strings.Join(report.Formats(), ", "))
		}
		out = append(out, [2]string{format, file})
	}
	return out, nil
}

// writeReport renders into memory first so that a failed render never
// leaves a truncated file behind. Reports name weaknesses, so they are
// private to their owner (0600) until shared on purpose: secure by default.
func writeReport(dir, file, format string, rep *report.Report, opts report.TextOptions) error {
	var buf bytes.Buffer
	if err := report.Render(&buf, format, rep, opts); err != nil {
		return inputErr(err)
	}
	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		return inputErr(fmt.Errorf("writing %s report: %w", format, err))
	}
	return nil
}

func absAll(dir string, files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		if filepath.IsAbs(f) {
			out[i] = f
		} else {
			out[i], _ = filepath.Abs(filepath.Join(dir, f))
		}
	}
	return out
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// repoRoot finds the top of the git work tree containing -C.
func repoRoot(ctx context.Context, e *env) (string, error) {
	if st, err := os.Stat(e.dir); err != nil || !st.IsDir() {
		return "", usageErr("-C %s: no such directory", e.dir)
	}
	root, err := gate.TopLevel(ctx, e.dir)
	if err != nil {
		return "", inputErr(err)
	}
	return root, nil
}
