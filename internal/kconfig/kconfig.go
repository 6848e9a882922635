package kconfig

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
)

// Options say how to read a tree. The engine reads nothing from the process
// environment: what Kconfiglib takes from it ($srctree, CONFIG_, the
// variables $(FOO) and "$FOO" expand to) comes from here, so a run is
// reproducible and a Kconfig file sees only what the caller hands it.
type Options struct {
	// SrcTree is the directory the root file and every source path are
	// relative to ($srctree). Empty means the current directory.
	SrcTree string
	// Env is the environment $(NAME), "$NAME" in strings and option env
	// see. Nil means none.
	Env map[string]string
	// AllowShell lets $(shell,...) run commands; without it a tree that
	// uses $(shell,...) fails to parse (fail-safe: reading a tree must not
	// run code the caller did not agree to).
	AllowShell bool
	// Functions are preprocessor functions beyond the built-in ones, as
	// Kconfiglib's kconfigfunctions module provides them.
	Functions map[string]Function
	// ConfigPrefix is the prefix of .config names (default "CONFIG_").
	ConfigPrefix string
	// Header is written at the top of .config files (KCONFIG_CONFIG_HEADER).
	Header string
	// WarnUndefined reports references to undefined symbols
	// (KCONFIG_WARN_UNDEF=y).
	WarnUndefined bool
	// WarnUndefinedAssign reports .config assignments to undefined symbols
	// (KCONFIG_WARN_UNDEF_ASSIGN=y).
	WarnUndefinedAssign bool
}

// OptionsFromEnv fills Options the way Kconfiglib reads its environment:
// srctree, CONFIG_, KCONFIG_CONFIG_HEADER, KCONFIG_WARN_UNDEF (or
// KCONFIG_STRICT), KCONFIG_WARN_UNDEF_ASSIGN. env becomes Options.Env.
func OptionsFromEnv(env map[string]string) Options {
	o := Options{SrcTree: env["srctree"], Env: env, Header: env["KCONFIG_CONFIG_HEADER"]}
	if p, ok := env["CONFIG_"]; ok {
		o.ConfigPrefix = p
	}
	o.WarnUndefined = env["KCONFIG_WARN_UNDEF"] == "y" || env["KCONFIG_STRICT"] == "y"
	o.WarnUndefinedAssign = env["KCONFIG_WARN_UNDEF_ASSIGN"] == "y"
	return o
}

// Function is a preprocessor function: $(name,arg1,...). Min and Max bound
// the number of arguments (Max < 0: no bound). Call gets the position of
// the line being parsed.
type Function struct {
	Min, Max int
	Call     func(pos Pos, args []string) (string, error)
}

// Variable is a preprocessor variable (FOO := value, FOO = value).
type Variable struct {
	Name      string
	Value     string
	Recursive bool
	depth     int
}

// Kconfig is a parsed tree and the configuration loaded into it.
type Kconfig struct {
	// SrcTree is the source tree directory, absolute and with symlinks
	// resolved; file names in positions are relative to it.
	SrcTree string
	// RootFile is the root Kconfig file as given to Parse.
	RootFile string
	// Top is the root of the menu tree (the main menu).
	Top *MenuNode
	// Modules is the MODULES symbol, which decides whether tristate
	// symbols can be m.
	Modules *Symbol
	// DefconfigList is the symbol with 'option defconfig_list', or nil.
	DefconfigList *Symbol

	opts         Options
	prefix       string
	syms         map[string]*Symbol
	symOrder     []*Symbol
	constSyms    map[string]*Symbol
	defined      []*Symbol
	choices      []*Choice
	namedChoices map[string]*Choice
	menus        []*MenuNode
	comments     []*MenuNode
	files        []string
	vars         map[string]*Variable
	varOrder     []string
	envUsed      map[string]bool
	n, m, y      *Symbol

	parseDiags []Diagnostic
	loadDiags  []Diagnostic
	evalDiags  []Diagnostic
	missing    []Assignment

	// gen is the generation of user values; cached values of an older
	// generation are stale.
	gen uint32

	slabs slabs
	edges []depEdge
}

// Assignment is a .config line that assigned a symbol the tree does not
// define.
type Assignment struct {
	Name  string
	Value string
	Pos   Pos
}

// Parse reads the tree whose root file is root (relative to
// Options.SrcTree) and finalizes it: dependencies propagated, choices
// resolved, sanity checks run, dependency loops rejected. Every error is an
// *Error naming file:line.
func Parse(root string, opts Options) (kc *Kconfig, err error) {
	k := newKconfig(root, opts)
	defer func() {
		if r := recover(); r != nil {
			kc = nil
			if e, ok := r.(*Error); ok {
				err = e
				return
			}
			// A bug in the engine must not take the caller down with it;
			// report it as one, with the stack for the issue.
			err = &Error{Message: fmt.Sprintf("internal error in the Kconfig engine: %v", r),
				Hint: "please report this with the Kconfig tree that caused it:\n" + string(debug.Stack())}
		}
	}()
	if err := k.resolveSrcTree(); err != nil {
		return nil, err
	}
	p := newParser(k)
	p.pf = newPrefetcher()
	defer p.pf.stop()
	p.parseRoot(root)
	k.finalizeNode(k.Top, k.y.leaf)
	k.defined = uniqueSyms(k.defined)
	k.choices = uniqueChoices(k.choices)
	k.checkSymSanity()
	k.checkChoiceSanity()
	if opts.WarnUndefined {
		k.checkUndefSyms()
	}
	k.buildDep()
	k.checkDepLoops()
	return k, nil
}

func newKconfig(root string, opts Options) *Kconfig {
	k := &Kconfig{
		RootFile:     root,
		opts:         opts,
		prefix:       "CONFIG_",
		syms:         make(map[string]*Symbol, 4096),
		constSyms:    map[string]*Symbol{},
		namedChoices: map[string]*Choice{},
		vars:         map[string]*Variable{},
		envUsed:      map[string]bool{},
		gen:          1,
	}
	if opts.ConfigPrefix != "" {
		k.prefix = opts.ConfigPrefix
	}
	for i, name := range []string{"n", "m", "y"} {
		s := &Symbol{Name: name, kc: k, isConst: true, orig: TypeTristate}
		s.leaf = &Expr{Op: OpSymbol, Sym: s}
		s.tri = Tri(i)
		k.constSyms[name] = s
	}
	k.n, k.m, k.y = k.constSyms["n"], k.constSyms["m"], k.constSyms["y"]
	for _, s := range []*Symbol{k.n, k.m, k.y} {
		s.revDep, s.weakRevDep, s.directDep = k.n.leaf, k.n.leaf, k.n.leaf
	}
	k.Modules = k.lookupSym("MODULES")
	k.Top = &MenuNode{
		Kind: KindMenu, IsMenuconfig: true, HasPrompt: true, Prompt: "Main menu",
		PromptCond: k.y.leaf, Visibility: k.y.leaf, Dep: k.y.leaf,
		OrigPromptCond: k.y.leaf, OrigDep: k.y.leaf,
		Pos: Pos{File: root, Line: 1},
	}
	return k
}

func (k *Kconfig) resolveSrcTree() error {
	dir := k.opts.SrcTree
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return &Error{Message: fmt.Sprintf("source tree %q: %v", dir, err)}
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	k.SrcTree = abs
	return nil
}

// lookupSym returns the symbol called name, creating it on first sight.
func (k *Kconfig) lookupSym(name string) *Symbol {
	if s, ok := k.syms[name]; ok {
		return s
	}
	s := k.slabs.sym()
	s.Name, s.kc = name, k
	s.leafExpr = Expr{Op: OpSymbol, Sym: s}
	s.leaf = &s.leafExpr
	s.revDep, s.weakRevDep, s.directDep = k.n.leaf, k.n.leaf, k.n.leaf
	k.syms[name] = s
	k.symOrder = append(k.symOrder, s)
	return s
}

func (k *Kconfig) lookupConstSym(name string) *Symbol {
	if s, ok := k.constSyms[name]; ok {
		return s
	}
	s := &Symbol{Name: name, kc: k, isConst: true}
	s.leafExpr = Expr{Op: OpSymbol, Sym: s}
	s.leaf = &s.leafExpr
	s.revDep, s.weakRevDep, s.directDep = k.n.leaf, k.n.leaf, k.n.leaf
	k.constSyms[name] = s
	return s
}

func uniqueSyms(in []*Symbol) []*Symbol {
	out := in[:0:0]
	for _, s := range in {
		if !s.defined {
			s.defined = true
			out = append(out, s)
		}
	}
	return out
}

func uniqueChoices(in []*Choice) []*Choice {
	seen := map[*Choice]bool{}
	var out []*Choice
	for _, c := range in {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// Symbols are the defined symbols, each once, in the order of their first
// definition (Kconfiglib's unique_defined_syms).
func (k *Kconfig) Symbols() []*Symbol { return k.defined }

// AllSymbols are every non-constant symbol the tree defines or references,
// in the order the parser first saw them.
func (k *Kconfig) AllSymbols() []*Symbol { return k.symOrder }

// Lookup returns the symbol called name (without the CONFIG_ prefix), or
// nil when the tree neither defines nor references it.
func (k *Kconfig) Lookup(name string) *Symbol { return k.syms[name] }

// Const returns the constant symbol n, m or y.
func (k *Kconfig) Const(t Tri) *Symbol { return []*Symbol{k.n, k.m, k.y}[t] }

// Choices are the choices, each once, in definition order.
func (k *Kconfig) Choices() []*Choice { return k.choices }

// Menus are the menu nodes of 'menu' blocks, in order.
func (k *Kconfig) Menus() []*MenuNode { return k.menus }

// Comments are the 'comment' nodes, in order.
func (k *Kconfig) Comments() []*MenuNode { return k.comments }

// Files are the Kconfig files read, the root first, in parse order.
func (k *Kconfig) Files() []string { return k.files }

// MainMenu is the text of 'mainmenu' ("Main menu" without one).
func (k *Kconfig) MainMenu() string { return k.Top.Prompt }

// ConfigPrefix is the prefix of names in .config files.
func (k *Kconfig) ConfigPrefix() string { return k.prefix }

// Variables are the preprocessor variables, sorted by name.
func (k *Kconfig) Variables() []*Variable {
	out := make([]*Variable, 0, len(k.vars))
	for _, name := range k.varOrder {
		out = append(out, k.vars[name])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// EnvUsed lists the environment variables the preprocessor read, sorted.
func (k *Kconfig) EnvUsed() []string {
	out := make([]string, 0, len(k.envUsed))
	for name := range k.envUsed {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// MissingAssignments are the .config assignments to symbols the tree does
// not define, from the configurations loaded since the last replace.
func (k *Kconfig) MissingAssignments() []Assignment { return k.missing }

// Nodes walks the menu tree in order (the order of the .config), calling f
// for every node below Top.
func (k *Kconfig) Nodes(f func(*MenuNode)) {
	node := k.Top
	for {
		switch {
		case node.List != nil:
			node = node.List
		case node.Next != nil:
			node = node.Next
		default:
			for {
				node = node.Parent
				if node == nil {
					return
				}
				if node.Next != nil {
					node = node.Next
					break
				}
			}
		}
		f(node)
	}
}

// DefconfigFilename is the first default of the 'option defconfig_list'
// symbol whose condition holds and whose file exists (as is, or under the
// source tree), as Kconfiglib's defconfig_filename; "" if none.
func (k *Kconfig) DefconfigFilename() string {
	if k.DefconfigList == nil {
		return ""
	}
	for _, d := range k.DefconfigList.defaults {
		if d.Cond.Eval() == N || d.Value.Op != OpSymbol {
			continue
		}
		name := d.Value.Sym.Value()
		if fileExists(name) {
			return name
		}
		if p := pyJoin(k.SrcTree, name); fileExists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func (k *Kconfig) warnParse(pos Pos, code, msg, hint, sym string) {
	k.parseDiags = append(k.parseDiags, Diagnostic{Pos: pos, Code: code, Message: msg, Hint: hint, Symbol: sym})
}
