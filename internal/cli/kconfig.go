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
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/kconfig"
)

func init() { register(newKconfigCmd) }

// kconfigSubcommands are the subcommands other files add to `assure
// kconfig` from their init (harden, unused, lint live in
// kconfig_policy.go): kconfigSubcommands = append(kconfigSubcommands, f).
var kconfigSubcommands []func(*env) *cobra.Command

func newKconfigCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kconfig",
		Short: "read a Kconfig tree: symbols, values, the full .config",
		Long: `kconfig reads a Kconfig tree with the semantics of the Linux kconfig tools and
Kconfiglib (menus, choices, select, imply, ranges, tristate, the $(...)
preprocessor) and a .config or defconfig. The tree comes from the model's
kconfig section (root, srctree, env, config); flags override it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newKconfigShowCmd(e), newKconfigWriteCmd(e))
	for _, c := range kconfigSubcommands {
		cmd.AddCommand(c(e))
	}
	return cmd
}

// kcTreeFlags say where the tree is; they override the model.
type kcTreeFlags struct {
	srctree, root, config string
	env                   []string
	allowShell, defaults  bool
	format, output        string
}

func (f *kcTreeFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.srctree, "srctree", "", "source tree `DIR` the Kconfig paths are relative to (default: the model's kconfig.srctree, else the current directory)")
	fl.StringVar(&f.root, "kconfig", "", "root Kconfig `FILE`, relative to the source tree (default: the model's kconfig.root, else Kconfig)")
	fl.StringVar(&f.config, "config", "", ".config or defconfig `FILE` to load (default: the model's kconfig.config)")
	fl.BoolVar(&f.defaults, "defaults", false, "load no configuration: default values only")
	fl.StringArrayVar(&f.env, "env", nil, "`NAME=VALUE` the tree sees as $(NAME) and \"$NAME\" (NAME alone: take it from the environment); repeatable")
	fl.BoolVar(&f.allowShell, "allow-shell", false, "let $(shell,...) in the Kconfig files run commands")
	fl.StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: text or json")
	fl.StringVarP(&f.output, "output", "o", "", "write to `FILE` instead of standard output")
}

// kcSession is a loaded tree and how to name its files to the user.
type kcSession struct {
	kc     *kconfig.Kconfig
	tree   kconfig.Tree
	cwd    string
	config string // as displayed
}

// display names a path relative to the working directory when inside it.
func (s *kcSession) display(p string) string {
	if p == "" {
		return ""
	}
	if rel, err := filepath.Rel(s.cwd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return p
}

// kcLoad resolves the tree (model, then flags) and loads it.
func kcLoad(e *env, f *kcTreeFlags) (*kcSession, error) {
	if f.format != "text" && f.format != "json" {
		return nil, usageErr("unknown format %q (hint: use text or json)", f.format)
	}
	if st, err := os.Stat(e.dir); err != nil || !st.IsDir() {
		return nil, usageErr("-C %s: no such directory", e.dir)
	}
	cwd, err := filepath.Abs(e.dir)
	if err != nil {
		return nil, inputErr(err)
	}
	tree := kconfig.Tree{SrcTree: cwd}
	root := cwd
	if top, err := gate.TopLevel(context.Background(), e.dir); err == nil && top != "" {
		root = top
	}
	if _, err := os.Stat(filepath.Join(root, e.modelPath)); err == nil {
		m, err := gate.LoadModel(root, e.modelPath)
		if err != nil {
			return nil, inputErr(err)
		}
		if m.Kconfig.Configured() {
			tree = kconfig.TreeFromModel(root, m.Kconfig)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, inputErr(err)
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(cwd, p)
	}
	if f.srctree != "" {
		tree.SrcTree = abs(f.srctree)
	}
	if f.root != "" {
		tree.Root = f.root
	}
	if f.config != "" && f.defaults {
		return nil, usageErr("--config and --defaults exclude each other")
	}
	if f.config != "" {
		tree.Config = abs(f.config)
	}
	if f.defaults {
		tree.Config = ""
	}
	if len(f.env) > 0 {
		env := map[string]string{}
		for k, v := range tree.Env {
			env[k] = v
		}
		for _, kv := range f.env {
			k, v, ok := strings.Cut(kv, "=")
			if k == "" {
				return nil, usageErr("--env %q: want NAME=VALUE or NAME", kv)
			}
			if !ok {
				val, set := os.LookupEnv(k)
				if !set {
					return nil, usageErr("--env %s: %s is not set in the environment (hint: give its value, --env %s=VALUE)", k, k, k)
				}
				v = val
			}
			env[k] = v
		}
		tree.Env = env
	}
	tree.AllowShell = tree.AllowShell || f.allowShell
	s := &kcSession{tree: tree, cwd: cwd}
	if tree.Root == "" {
		tree.Root = "Kconfig"
	}
	if _, err := os.Stat(filepath.Join(tree.SrcTree, tree.Root)); err != nil {
		return nil, usageErr("%s: no Kconfig tree here (hint: give --srctree and --kconfig, or set kconfig.root and kconfig.srctree in the model)",
			s.display(filepath.Join(tree.SrcTree, tree.Root)))
	}
	// Parsing a big tree builds tens of megabytes of small linked objects
	// that all stay alive: collecting garbage meanwhile only rescans them
	// (a third of the time for NuttX). A command is short-lived; collect
	// afterwards instead.
	old := debug.SetGCPercent(-1)
	kc, err := tree.Load()
	debug.SetGCPercent(old)
	if err != nil {
		return nil, inputErr(kcRelErr(s, err))
	}
	s.kc = kc
	s.config = s.display(tree.Config)
	return s, nil
}

// kcRelErr names a configuration file in an error as the user gave it.
func kcRelErr(s *kcSession, err error) error {
	var ke *kconfig.Error
	if errors.As(err, &ke) && filepath.IsAbs(ke.Pos.File) {
		c := *ke
		c.Pos.File = s.display(c.Pos.File)
		return &c
	}
	return err
}

// diagnostics are the session's warnings with configuration paths made
// relative, in the engine's order.
func (s *kcSession) diagnostics() []kconfig.Diagnostic {
	ds := s.kc.Diagnostics()
	out := make([]kconfig.Diagnostic, len(ds))
	for i, d := range ds {
		if filepath.IsAbs(d.Pos.File) {
			d.Pos.File = s.display(d.Pos.File)
		}
		out[i] = d
	}
	return out
}

// kcOutput renders into memory, then writes to --output or standard output.
func kcOutput(e *env, f *kcTreeFlags, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return inputErr(err)
	}
	return writeOut(e, f.output, buf.Bytes())
}

func newKconfigWriteCmd(e *env) *cobra.Command {
	var f kcTreeFlags
	cmd := &cobra.Command{
		Use:   "write",
		Short: "resolve the tree with a configuration and write the full .config",
		Long: `write loads the tree and a defconfig or partial .config (or nothing: --defaults)
and writes the full .config: every symbol the reference tools write, in menu
order, with the values Kconfiglib computes (the output is what Kconfiglib's
write_config writes). Warnings go to standard error as file:line.

With --format json the output lists the tree, the written symbols with their
types and values, and the warnings.`,
		Example: `  assure kconfig write --config boards/sim/configs/nsh/defconfig -o .config
  assure kconfig write --defaults --env ARCH=arm --format json`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			s, err := kcLoad(e, &f)
			if err != nil {
				return err
			}
			diags := s.diagnostics()
			if f.format == "text" {
				for _, d := range diags {
					fmt.Fprintf(e.stderr, "%s\n", d)
				}
				return kcOutput(e, &f, s.kc.WriteConfig)
			}
			return kcOutput(e, &f, func(w io.Writer) error { return writeJSON(w, s.writeJSON(diags)) })
		},
	}
	f.add(cmd)
	return cmd
}

type kcWrittenSymbol struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

type kcDiagJSON struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	Symbol   string `json:"symbol,omitempty"`
}

func kcDiags(ds []kconfig.Diagnostic) []kcDiagJSON {
	out := make([]kcDiagJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, kcDiagJSON{File: d.Pos.File, Line: d.Pos.Line, Severity: d.Severity.String(),
			Code: d.Code, Message: d.Message, Hint: d.Hint, Symbol: d.Symbol})
	}
	return out
}

type kcTreeJSON struct {
	Root     string `json:"root"`
	Files    int    `json:"files"`
	Symbols  int    `json:"symbols"`
	Choices  int    `json:"choices"`
	MainMenu string `json:"mainmenu"`
}

func (s *kcSession) treeJSON() kcTreeJSON {
	return kcTreeJSON{Root: s.display(filepath.Join(s.tree.SrcTree, s.kc.RootFile)), Files: len(s.kc.Files()),
		Symbols: len(s.kc.Symbols()), Choices: len(s.kc.Choices()), MainMenu: s.kc.MainMenu()}
}

func (s *kcSession) writeJSON(diags []kconfig.Diagnostic) any {
	syms := []kcWrittenSymbol{}
	seen := map[*kconfig.Symbol]bool{}
	s.kc.Nodes(func(n *kconfig.MenuNode) {
		if n.Kind != kconfig.KindSymbol || seen[n.Symbol] {
			return
		}
		seen[n.Symbol] = true
		if n.Symbol.ConfigString() != "" {
			syms = append(syms, kcWrittenSymbol{Name: n.Symbol.Name, Type: n.Symbol.Type().String(), Value: n.Symbol.Value()})
		}
	})
	return struct {
		Tree        kcTreeJSON        `json:"tree"`
		Config      string            `json:"config,omitempty"`
		Symbols     []kcWrittenSymbol `json:"symbols"`
		Diagnostics []kcDiagJSON      `json:"diagnostics"`
	}{s.treeJSON(), s.config, syms, kcDiags(diags)}
}

func newKconfigShowCmd(e *env) *cobra.Command {
	var f kcTreeFlags
	cmd := &cobra.Command{
		Use:   "show SYMBOL",
		Short: "show one symbol: type, value, where it is defined, what selects it",
		Long: `show prints everything about one symbol (CONFIG_ prefix optional) after loading
the tree and its configuration: type, value and where a user value came
from, visibility and the values a user can choose, prompts, every
definition (file:line and menu path), dependencies, the symbols that select
or imply it, what it selects and implies, defaults, ranges, and the
warnings that concern it.`,
		Example: `  assure kconfig show STACK_CANARIES --config build/zephyr/.config
  assure kconfig show CONFIG_NET_TCP --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			s, err := kcLoad(e, &f)
			if err != nil {
				return err
			}
			name := strings.TrimPrefix(args[0], s.kc.ConfigPrefix())
			sym := s.kc.Lookup(name)
			if sym == nil {
				hint := "check the spelling; symbol names are case-sensitive"
				if near := kcNearest(s.kc, name); near != "" {
					hint = "did you mean " + near + "?"
				}
				return usageErr("no symbol %s in %s (hint: %s)", name, s.display(filepath.Join(s.tree.SrcTree, s.kc.RootFile)), hint)
			}
			info := kcDescribe(s, sym)
			if f.format == "json" {
				return kcOutput(e, &f, func(w io.Writer) error { return writeJSON(w, info) })
			}
			return kcOutput(e, &f, func(w io.Writer) error { return kcShowText(w, info) })
		},
	}
	f.add(cmd)
	return cmd
}

// kcNearest suggests the defined symbol closest to a misspelt name.
func kcNearest(kc *kconfig.Kconfig, name string) string {
	best, bestD := "", 4
	upper := strings.ToUpper(name)
	for _, s := range kc.Symbols() {
		if s.Name == upper {
			return s.Name
		}
		if d := kcDistance(upper, s.Name, bestD); d < bestD || (d == bestD && best != "" && s.Name < best) {
			if d < 4 {
				best, bestD = s.Name, d
			}
		}
	}
	return best
}

// kcDistance is the Levenshtein distance, giving up above limit.
func kcDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(prev[j-1], prev[j], cur[j-1])
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
