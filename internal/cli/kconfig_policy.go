package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/kconfig/harden"
	"github.com/assure-dev/assure/internal/kconfig/kpolicy"
	"github.com/assure-dev/assure/internal/kconfig/lint"
	"github.com/assure-dev/assure/internal/kconfig/unused"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/report"
)

// The policy subcommands of `assure kconfig`: harden, unused, lint. They
// read the same model section as `assure check` (kconfig in the root model
// file, docs/kconfig-policy.md); flags override it, and without a model the
// flags alone describe the tree.

func init() {
	kconfigSubcommands = append(kconfigSubcommands, newKconfigHardenCmd, newKconfigUnusedCmd, newKconfigLintCmd)
}

var policyFormats = []string{"text", "json", "sarif"}

// policyFlags are the flags every policy subcommand shares.
type policyFlags struct {
	srctree, kconfig, config string
	env                      []string
	allowShell               bool
	format, output           string
}

func (f *policyFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.srctree, "srctree", "", "source tree `DIR` the Kconfig paths are relative to (default: the model's kconfig.srctree, else the current directory)")
	fl.StringVar(&f.kconfig, "kconfig", "", "root Kconfig `FILE`, relative to the source tree (default: the model's kconfig.root, else Kconfig)")
	fl.StringVar(&f.config, "config", "", "the .config or defconfig `FILE` to check (default: the model's kconfig.config)")
	fl.StringArrayVar(&f.env, "env", nil, "`NAME=VALUE` the tree sees as $(NAME) and \"$NAME\" (NAME alone: take it from the environment); repeatable")
	fl.BoolVar(&f.allowShell, "allow-shell", false, "let $(shell,...) in the Kconfig files run commands")
	fl.StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: "+strings.Join(policyFormats, ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write to `FILE` instead of standard output")
}

// policySetup resolves the model (when there is one) and the flags.
func policySetup(ctx context.Context, e *env, f *policyFlags) (*kpolicy.Setup, *model.Model, error) {
	valid := false
	for _, x := range policyFormats {
		valid = valid || x == f.format
	}
	if !valid {
		return nil, nil, usageErr("unknown format %q (hint: use one of %s)", f.format, strings.Join(policyFormats, ", "))
	}
	if st, err := os.Stat(e.dir); err != nil || !st.IsDir() {
		return nil, nil, usageErr("-C %s: no such directory", e.dir)
	}
	cwd, err := filepath.Abs(e.dir)
	if err != nil {
		return nil, nil, inputErr(err)
	}
	root := cwd
	if top, err := gate.TopLevel(ctx, e.dir); err == nil && top != "" {
		root = top
	}
	today := time.Now().UTC().Format("2006-01-02")
	var m *model.Model
	setup := &kpolicy.Setup{Root: root, Today: today, ModelFile: e.modelPath}
	setup.Tree.SrcTree = cwd
	if _, err := os.Stat(filepath.Join(root, e.modelPath)); err == nil {
		if m, err = gate.LoadModel(root, e.modelPath); err != nil {
			return nil, nil, inputErr(err)
		}
		if setup, err = kpolicy.FromModel(root, m, e.modelPath, today); err != nil {
			return nil, nil, inputErr(err)
		}
		if !m.Kconfig.Configured() {
			setup.Tree.SrcTree = cwd
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, inputErr(err)
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(cwd, p)
	}
	if f.srctree != "" {
		setup.Tree.SrcTree = abs(f.srctree)
		setup.Lint.Root = setup.Tree.SrcTree
	}
	if setup.Lint.Root == "" {
		setup.Lint.Root = setup.Tree.SrcTree
	}
	if f.kconfig != "" {
		setup.Tree.Root = f.kconfig
	}
	if f.config != "" {
		setup.Tree.Config = abs(f.config)
	}
	if len(f.env) > 0 {
		env := map[string]string{}
		for k, v := range setup.Tree.Env {
			env[k] = v
		}
		for _, kv := range f.env {
			k, v, ok := strings.Cut(kv, "=")
			if k == "" {
				return nil, nil, usageErr("--env %q: want NAME=VALUE or NAME", kv)
			}
			if !ok {
				val, set := os.LookupEnv(k)
				if !set {
					return nil, nil, usageErr("--env %s: %s is not set in the environment (hint: give its value, --env %s=VALUE)", k, k, k)
				}
				v = val
			}
			env[k] = v
		}
		setup.Tree.Env = env
	}
	if f.allowShell {
		setup.Tree.AllowShell = true
	}
	if _, err := os.Stat(filepath.Join(setup.Tree.SrcTree, treeRoot(setup))); err != nil {
		return nil, nil, usageErr("%s: no Kconfig tree here (hint: give --srctree and --kconfig, or set kconfig.root in the model)", setup.Display(filepath.Join(setup.Tree.SrcTree, treeRoot(setup))))
	}
	return setup, m, nil
}

func treeRoot(s *kpolicy.Setup) string {
	if s.Tree.Root == "" {
		return "Kconfig"
	}
	return s.Tree.Root
}

// absAllFrom resolves paths given on the command line.
func absFrom(dir string, paths []string) []string {
	cwd, _ := filepath.Abs(dir)
	out := make([]string, len(paths))
	for i, p := range paths {
		if filepath.IsAbs(p) {
			out[i] = p
		} else {
			out[i] = filepath.Join(cwd, p)
		}
	}
	return out
}

// writePolicy renders into memory first, then writes to --output or
// standard output.
func writePolicy(e *env, f *policyFlags, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return inputErr(err)
	}
	return writeOut(e, f.output, buf.Bytes())
}

// sarifOf wraps the findings of Kconfig checks in a report for the SARIF
// renderer.
func sarifOf(w io.Writer, setup *kpolicy.Setup, checks []string, fs []finding.Finding) error {
	var rules []report.Rule
	var results []report.CheckResult
	verdict := report.Pass
	for _, check := range checks {
		for _, r := range kpolicy.Rules[check] {
			rules = append(rules, report.Rule{ID: r.ID, Check: check, Summary: r.Summary, Help: r.Help})
		}
		n := 0
		for _, f := range fs {
			if f.Check == check {
				n++
			}
		}
		status := report.Pass
		if n > 0 {
			status, verdict = report.Fail, report.Fail
		}
		results = append(results, report.CheckResult{ID: check, Title: kpolicy.Titles[check], Requirements: kpolicy.Requirements[check], Status: status, Findings: n})
	}
	rep := &report.Report{
		Schema:   report.SchemaVersion,
		Tool:     report.Tool{Name: "assure", Version: Version, URI: "https://github.com/assure-dev/assure"},
		Profile:  "kconfig",
		Subject:  report.Subject{Repository: ".", Model: setup.ModelFile},
		Verdict:  verdict,
		Checks:   results,
		Rules:    rules,
		Findings: nonNil(fs),
	}
	return report.SARIF(w, rep)
}

// --- harden

type hardenFlags struct {
	policyFlags
	files, extra []string
	profile      string
}

func newKconfigHardenCmd(e *env) *cobra.Command {
	var f hardenFlags
	cmd := &cobra.Command{
		Use:   "harden",
		Short: "check a configuration against a hardening profile (PASS/FAIL/NA per rule)",
		Long: `harden checks the configuration of a Kconfig tree against a profile of a
hardening database in Zephyr's format (scripts/kconfig/hardening.yaml and its
fragments): every rule of the profile, and of the profiles it extends, is PASS,
FAIL, or NA when the symbol is not defined in the tree or its dependencies are
not met. Every enabled option that selects or depends on EXPERIMENTAL,
DEPRECATED or NOT_SECURE fails too. A failing row is accepted only by an
exception in the model (kconfig.hardening.exceptions), with its justification
and a security-reviewer as approver.

Without flags it reads the model's kconfig section; --hardening, --profile and
the tree flags override it.

Exit codes: 0 nothing fails, 1 a rule fails without an exception, 2 usage or input error.`,
		Example: `  assure kconfig harden
  assure kconfig harden --srctree zephyr --config build/zephyr/.config \
      --hardening zephyr/scripts/kconfig/hardening.yaml --profile strict
  assure kconfig harden --format sarif --output hardening.sarif`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runKconfigHarden(cmd.Context(), e, &f) },
	}
	f.add(cmd)
	fl := cmd.Flags()
	fl.StringArrayVar(&f.files, "hardening", nil, "hardening `FILE` in Zephyr's format: the central file first, then fragments; repeatable")
	fl.StringArrayVar(&f.extra, "extra", nil, "out-of-tree hardening `FILE` that may add profiles and override rules; repeatable")
	fl.StringVar(&f.profile, "profile", "", "the `PROFILE` to check against (default: the model's, else base)")
	return cmd
}

func runKconfigHarden(ctx context.Context, e *env, f *hardenFlags) error {
	setup, _, err := policySetup(ctx, e, &f.policyFlags)
	if err != nil {
		return err
	}
	h := &setup.Hardening
	if len(f.files) > 0 {
		h.InTree, h.Extra = relAll(setup, absFrom(e.dir, f.files)), nil
	}
	if len(f.extra) > 0 {
		h.Extra = relAll(setup, absFrom(e.dir, f.extra))
	}
	if f.profile != "" {
		h.Profile = f.profile
	}
	if h.Profile == "" {
		h.Profile = harden.DefaultProfile
	}
	if !h.Configured() {
		return usageErr("no hardening file (hint: give --hardening scripts/kconfig/hardening.yaml, or set kconfig.hardening.files in the model)")
	}
	ss, err := setup.Load()
	if err != nil {
		return inputErr(err)
	}
	res, err := ss.Harden()
	if err != nil {
		return inputErr(err)
	}
	res.Config.Stale = res.Stale()
	fs := ss.HardenFindings(res)
	for _, req := range []string{kpolicy.ReqStackProtection, kpolicy.ReqThreadSeparate} {
		fs = append(fs, ss.ProtectionFindings(res, req)...)
	}
	finding.Sort(fs)
	err = writePolicy(e, &f.policyFlags, func(w io.Writer) error {
		switch f.format {
		case "json":
			return writeJSON(w, hardenJSON{Config: ss.Table.Config, Report: res.Config, Defaults: res.Defaults, Missing: res.Missing, Findings: nonNil(fs)})
		case "sarif":
			return sarifOf(w, setup, []string{kpolicy.CheckHardening, kpolicy.CheckStackProtection, kpolicy.CheckThreadSeparation}, fs)
		}
		if err := res.Config.Text(w); err != nil {
			return err
		}
		return hardenExtras(w, res, fs)
	})
	if err != nil {
		return err
	}
	if failing(fs) {
		return gateFailed
	}
	return nil
}

// hardenJSON is the JSON output of harden.
type hardenJSON struct {
	Config   string               `json:"config"`
	Report   *harden.Report       `json:"report"`
	Defaults *harden.Report       `json:"defaults,omitempty"`
	Missing  []kpolicy.Protection `json:"missing_protections,omitempty"`
	Findings []finding.Finding    `json:"findings"`
}

// hardenExtras prints what the table does not show: the defaults check and
// the protections no rule shows on.
func hardenExtras(w io.Writer, res *kpolicy.HardenResult, fs []finding.Finding) error {
	var b strings.Builder
	if d := res.Defaults; d != nil {
		fmt.Fprintf(&b, "\nDefault values against profile %s: %d FAIL\n", d.Profile, d.Count(harden.Fail))
		for _, r := range d.Results {
			if r.Status == harden.Fail {
				fmt.Fprintf(&b, "  CONFIG_%s defaults to %s, recommended %s\n", r.Symbol, r.Current, r.Recommended)
			}
		}
	}
	for _, f := range fs {
		if f.Rule == kpolicy.RuleProtection {
			fmt.Fprintf(&b, "\n%s (%s): %s\n", f.Check, strings.Join(f.Requirements, ", "), f.Message)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func relAll(s *kpolicy.Setup, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = s.Display(p)
	}
	return out
}

func nonNil(fs []finding.Finding) []finding.Finding {
	if fs == nil {
		return []finding.Finding{}
	}
	return fs
}

// failing: a finding of severity error or warning.
func failing(fs []finding.Finding) bool {
	for _, f := range fs {
		if f.Severity != finding.Note {
			return true
		}
	}
	return false
}

// --- unused

type unusedFlags struct {
	policyFlags
	compileCommands, mapFile, elf string
	app                           []string
}

func newKconfigUnusedCmd(e *env) *cobra.Command {
	var f unusedFlags
	cmd := &cobra.Command{
		Use:   "unused",
		Short: "list the enabled options the application does not use",
		Long: `unused lists the options a configuration enables but the application does
not use. With the artefacts of a build made with -ffunction-sections
-fdata-sections -Wl,--gc-sections (compile_commands.json and the GNU ld map
file, or the ELF image), an option is unused when none of the code it gates
survived the link: the files the build compiles only under the option
(zephyr_sources_ifdef, target_sources_ifdef, if(CONFIG_X), obj-$(CONFIG_X),
ifeq ($(CONFIG_X),y)) and the functions and variables in its #ifdef regions.
Without artefacts it searches the application's own sources (--app) for
CONFIG_X and for the functions the option gates. The output says which method
answered.

Exit codes: 0 every enabled option is used, 1 some are not, 2 usage or input error.`,
		Example: `  assure kconfig unused --config build/.config --compile-commands build/compile_commands.json --map build/app.map
  assure kconfig unused --config build/.config --app 'app/**'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runKconfigUnused(cmd.Context(), e, &f) },
	}
	f.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.compileCommands, "compile-commands", "", "the build's compile_commands.json `FILE`")
	fl.StringVar(&f.mapFile, "map", "", "the GNU ld map `FILE` of the build (-Wl,-Map=FILE)")
	fl.StringVar(&f.elf, "elf", "", "the linked ELF image `FILE` (when there is no map file)")
	fl.StringArrayVar(&f.app, "app", nil, "`GLOB` of the application's own sources, relative to the current directory; repeatable")
	return cmd
}

func runKconfigUnused(ctx context.Context, e *env, f *unusedFlags) error {
	setup, _, err := policySetup(ctx, e, &f.policyFlags)
	if err != nil {
		return err
	}
	u := &setup.Unused
	one := func(flag string, dst *string) {
		if flag != "" {
			*dst = absFrom(e.dir, []string{flag})[0]
		}
	}
	one(f.compileCommands, &u.CompileCommands)
	one(f.mapFile, &u.Map)
	one(f.elf, &u.ELF)
	if f.mapFile != "" {
		u.ELF = ""
	}
	if (u.Map != "" || u.ELF != "") && u.CompileCommands == "" {
		return usageErr("a map file or ELF image needs --compile-commands too, so each object can be traced to its source")
	}
	if len(f.app) > 0 {
		if u.App, err = globFiles(e.dir, f.app); err != nil {
			return usageErr("%v", err)
		}
	}
	if u.Map == "" && u.ELF == "" && len(u.App) == 0 {
		return usageErr("nothing to look at (hint: give --compile-commands with --map or --elf, or --app with the application's sources)")
	}
	ss, err := setup.Load()
	if err != nil {
		return inputErr(err)
	}
	rep, err := ss.Unused()
	if err != nil {
		return inputErr(err)
	}
	if u.Severity == "" {
		setup.Unused.Severity = string(finding.Warning) // the command's own output: list as problems
	}
	fs := ss.UnusedFindings(rep)
	err = writePolicy(e, &f.policyFlags, func(w io.Writer) error {
		switch f.format {
		case "json":
			return writeJSON(w, unusedJSON{Config: ss.Table.Config, Report: rep, Findings: nonNil(fs)})
		case "sarif":
			return sarifOf(w, setup, []string{kpolicy.CheckUnused}, fs)
		}
		return unusedText(w, rep)
	})
	if err != nil {
		return err
	}
	if rep.Count(unused.Unused) > 0 {
		return gateFailed
	}
	return nil
}

type unusedJSON struct {
	Config   string            `json:"config"`
	Report   *unused.Report    `json:"report"`
	Findings []finding.Finding `json:"findings"`
}

func unusedText(w io.Writer, rep *unused.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "method: %s: %s\n", rep.Method, rep.How)
	fmt.Fprintf(&b, "%d enabled options: %d unused, %d used, %d gate no code this method can see\n",
		len(rep.Options), rep.Count(unused.Unused), rep.Count(unused.Used), rep.Count(unused.NoCode))
	if rep.Count(unused.Unused) > 0 {
		b.WriteString("\nUnused:\n")
	}
	for _, o := range rep.Options {
		if o.Status != unused.Unused {
			continue
		}
		fmt.Fprintf(&b, "  CONFIG_%s\n", o.Name)
		for _, c := range o.Code {
			fmt.Fprintf(&b, "      %s: %s\n", c.State, c)
		}
		if len(o.API) > 0 {
			fmt.Fprintf(&b, "      API not used by the application: %s\n", strings.Join(o.API, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// globFiles expands globs relative to dir into absolute file paths.
func globFiles(dir string, globs []string) ([]string, error) {
	cwd, _ := filepath.Abs(dir)
	var out []string
	seen := map[string]bool{}
	for _, g := range globs {
		matches, err := globDir(cwd, g)
		if err != nil {
			return nil, err
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("--app %q matches no file", g)
		}
		for _, m := range matches {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// --- lint

type lintFlags struct {
	policyFlags
	sources, exclude []string
}

func newKconfigLintCmd(e *env) *cobra.Command {
	var f lintFlags
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "find undefined and never-enabled Kconfig symbols in the tree and the sources",
		Long: `lint checks the hygiene of a Kconfig tree as Zephyr's compliance CI does:
symbols the Kconfig files reference but no Kconfig file defines; CONFIG_X
names in the sources (C, assembler, linker scripts, CMake, Make, .conf
fragments) for options that do not exist; options that can never be enabled
(dependencies that can never be met, or no prompt, no default and nothing
selecting them). References the model allows (kconfig.lint.allow) are left out.

Exit codes: 0 clean, 1 problems found, 2 usage or input error.`,
		Example: `  assure kconfig lint
  assure kconfig lint --srctree . --exclude 'build/**' --format sarif -o kconfig-lint.sarif`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runKconfigLint(cmd.Context(), e, &f) },
	}
	f.add(cmd)
	fl := cmd.Flags()
	fl.StringArrayVar(&f.sources, "sources", nil, "`GLOB` (relative to the source tree) of files to search for CONFIG_ names; repeatable")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "`GLOB` of files or directories to leave out; repeatable")
	return cmd
}

func runKconfigLint(ctx context.Context, e *env, f *lintFlags) error {
	setup, _, err := policySetup(ctx, e, &f.policyFlags)
	if err != nil {
		return err
	}
	if len(f.sources) > 0 {
		setup.Lint.Include = f.sources
	}
	if len(f.exclude) > 0 {
		setup.Lint.Exclude = append(setup.Lint.Exclude, f.exclude...)
	}
	ss, err := setup.Load()
	if err != nil {
		return inputErr(err)
	}
	rep, err := ss.Lint()
	if err != nil {
		return inputErr(err)
	}
	fs := ss.LintFindings(rep)
	err = writePolicy(e, &f.policyFlags, func(w io.Writer) error {
		switch f.format {
		case "json":
			return writeJSON(w, lintJSON{Report: rep, Findings: nonNil(fs)})
		case "sarif":
			return sarifOf(w, setup, []string{kpolicy.CheckHygiene}, fs)
		}
		return lintText(w, rep, fs)
	})
	if err != nil {
		return err
	}
	if rep.Open() > 0 {
		return gateFailed
	}
	return nil
}

type lintJSON struct {
	Report   *lint.Report      `json:"report"`
	Findings []finding.Finding `json:"findings"`
}

func lintText(w io.Writer, rep *lint.Report, fs []finding.Finding) error {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s: %s [%s]\n", f.Location, f.Message, strings.TrimPrefix(f.Rule, kpolicy.CheckHygiene+"/"))
	}
	allowed := len(rep.Issues) - rep.Open()
	fmt.Fprintf(&b, "%s (%s searched", plural(len(fs), "problem"), plural(rep.Files, "source file"))
	if allowed > 0 {
		fmt.Fprintf(&b, ", %d references allowed by the model", allowed)
	}
	b.WriteString(")\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
