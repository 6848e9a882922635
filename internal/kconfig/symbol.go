package kconfig

import "strings"

// Symbol is a configuration symbol (config/menuconfig FOO), or a symbol a
// Kconfig file only references (undefined: no nodes), or a constant (a
// quoted string or a number in an expression, and n, m, y).
type Symbol struct {
	Name string

	kc      *Kconfig
	orig    Type
	isConst bool
	allnoY  bool
	wasSet  bool
	defined bool // appended to the defined list once
	visited uint8
	depHead int32 // first dependent in Kconfig.edges (1-based; 0: none)
	id      int32 // item number in dependency lists

	nodes      []*MenuNode
	node1      [1]*MenuNode // nodes' storage while there is one
	defaults   []Default
	selects    []Select
	implies    []Select
	ranges     []Range
	directDep  *Expr
	revDep     *Expr
	weakRevDep *Expr
	choice     *Choice
	env        *string // the variable of 'option env=', if any
	leaf       *Expr
	leafExpr   Expr // leaf points here: one allocation per symbol

	user *userValue

	// Values are computed on demand and cached for one generation of user
	// values (Kconfig.gen); see eval.go.
	visGen, triGen, strGen uint32
	vis, tri               Tri
	writeToConf            bool
	busy                   uint8
	str                    string
}

// uv is the user value, the zero value when there is none.
func (s *Symbol) uv() userValue {
	if s.user == nil {
		return userValue{}
	}
	return *s.user
}

// userValue is a value a .config or SetValue assigned.
type userValue struct {
	set bool
	tri Tri
	str string
	pos Pos // where the .config assigned it; zero for SetValue
}

// Default is a 'default' property: Value if Cond. For string, int and hex
// symbols Value is a single symbol (often a constant).
type Default struct {
	Value *Expr
	Cond  *Expr
}

// Select is a 'select' or 'imply' property: Target if Cond.
type Select struct {
	Target *Symbol
	Cond   *Expr
}

// Range is a 'range' property of an int or hex symbol.
type Range struct {
	Low, High *Symbol
	Cond      *Expr
}

// OrigType is the type as written (Type applies the tristate magic).
func (s *Symbol) OrigType() Type { return s.orig }

// Defined reports whether some Kconfig file defines the symbol.
func (s *Symbol) Defined() bool { return len(s.nodes) > 0 }

// IsConstant reports whether the symbol is a constant (a quoted value or a
// number in an expression, or n, m, y).
func (s *Symbol) IsConstant() bool { return s.isConst }

// Nodes are the menu nodes defining the symbol, in definition order.
func (s *Symbol) Nodes() []*MenuNode { return s.nodes }

// Choice is the choice the symbol belongs to, or nil.
func (s *Symbol) Choice() *Choice { return s.choice }

// Defaults are the symbol's defaults from all its definitions, with the
// dependencies of each definition added to their conditions.
func (s *Symbol) Defaults() []Default { return s.defaults }

// Selects are the symbols this one selects, with propagated conditions.
func (s *Symbol) Selects() []Select { return s.selects }

// Implies are the symbols this one implies, with propagated conditions.
func (s *Symbol) Implies() []Select { return s.implies }

// Ranges are the ranges of an int or hex symbol, with propagated conditions.
func (s *Symbol) Ranges() []Range { return s.ranges }

// DirectDeps is the OR of the dependencies of every definition ('depends
// on', enclosing ifs and menus).
func (s *Symbol) DirectDeps() *Expr { return s.directDep }

// ReverseDeps is the OR of 'SELECTOR && cond' over every select of the
// symbol: its value is the lowest value the symbol can take.
func (s *Symbol) ReverseDeps() *Expr { return s.revDep }

// WeakReverseDeps is the same for imply.
func (s *Symbol) WeakReverseDeps() *Expr { return s.weakRevDep }

// EnvVar is the variable of 'option env=...', if the symbol has one.
func (s *Symbol) EnvVar() (string, bool) {
	if s.env == nil {
		return "", false
	}
	return *s.env, true
}

// AllnoconfigY reports 'option allnoconfig_y'.
func (s *Symbol) AllnoconfigY() bool { return s.allnoY }

// UserValue is the value a .config or SetValue gave the symbol, and where a
// .config gave it. For bool and tristate symbols it is "n", "m" or "y".
func (s *Symbol) UserValue() (value string, pos Pos, ok bool) {
	if s.user == nil {
		return "", Pos{}, false
	}
	if s.orig.IsBoolOrTristate() {
		return s.user.tri.String(), s.user.pos, true
	}
	return s.user.str, s.user.pos, true
}

// SelectedBy lists the symbols whose select reaches this one, in the
// order of the reverse dependency.
func (s *Symbol) SelectedBy() []*Symbol { return selectors(s.revDep, s.kc) }

// ImpliedBy lists the symbols whose imply reaches this one.
func (s *Symbol) ImpliedBy() []*Symbol { return selectors(s.weakRevDep, s.kc) }

func selectors(e *Expr, k *Kconfig) []*Symbol {
	if e == nil || e == k.n.leaf {
		return nil
	}
	var out []*Symbol
	seen := map[*Symbol]bool{}
	for _, term := range e.Split(OpOr) {
		first := term.Split(OpAnd)[0]
		if first.Op == OpSymbol && !seen[first.Sym] {
			seen[first.Sym] = true
			out = append(out, first.Sym)
		}
	}
	return out
}

// Referenced lists the symbols the symbol's definitions reference (in
// dependencies, prompts, defaults, selects, implies and ranges), each once.
func (s *Symbol) Referenced() []*Symbol {
	var out []*Symbol
	seen := map[*Symbol]bool{}
	for _, n := range s.nodes {
		for _, r := range n.Referenced() {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// NameAndLoc is "NAME (defined at f:1, g:2)" or "NAME (undefined)", as the
// reference names symbols in messages.
func (s *Symbol) NameAndLoc() string { return s.Name + " " + locs(s.nodes) }

func locs(nodes []*MenuNode) string {
	if len(nodes) == 0 {
		return "(undefined)"
	}
	out := "(defined at "
	for i, n := range nodes {
		if i > 0 {
			out += ", "
		}
		out += n.Pos.String()
	}
	return out + ")"
}

// Choice is a choice block; named choices defined in several places are
// one Choice with several nodes.
type Choice struct {
	Name string

	kc        *Kconfig
	orig      Type
	nodes     []*MenuNode
	syms      []*Symbol
	defaults  []Default
	directDep *Expr
	optional  bool
	leaf      *Expr
	leafExpr  Expr

	user          userValue
	userSelection *Symbol
	wasSet        bool

	depHead int32
	id      int32
	visited uint8

	visGen, selGen uint32
	vis            Tri
	sel            *Symbol
	busy           uint8
}

// OrigType is the type as written, or inferred from the first typed member.
func (c *Choice) OrigType() Type { return c.orig }

// Nodes are the choice's definitions.
func (c *Choice) Nodes() []*MenuNode { return c.nodes }

// Symbols are the choice's members, in order.
func (c *Choice) Symbols() []*Symbol { return c.syms }

// Defaults are 'default SYM if cond' properties with propagated conditions.
func (c *Choice) Defaults() []Default { return c.defaults }

// DirectDeps is the OR of the dependencies of the choice's definitions.
func (c *Choice) DirectDeps() *Expr { return c.directDep }

// Optional reports the 'optional' property (the choice may be n).
func (c *Choice) Optional() bool { return c.optional }

// UserValue is the mode a .config or SetValue gave the choice.
func (c *Choice) UserValue() (Tri, bool) { return c.user.tri, c.user.set }

// UserSelection is the member the user last set to y.
func (c *Choice) UserSelection() *Symbol { return c.userSelection }

func (c *Choice) exprName() string {
	if c.Name != "" {
		return "<choice " + c.Name + ">"
	}
	return "<choice>"
}

// NameAndLoc is "<choice NAME> (defined at f:1)".
func (c *Choice) NameAndLoc() string { return c.exprName() + " " + locs(c.nodes) }

// item is a symbol or a choice: both take part in dependency graphs.
type item struct {
	sym    *Symbol
	choice *Choice
}

// NodeKind says what a menu node holds.
type NodeKind uint8

// Node kinds. KindIf exists only while parsing: finalization removes them.
const (
	KindSymbol NodeKind = iota
	KindChoice
	KindMenu
	KindComment
	KindIf
)

var kindNames = [...]string{"symbol", "choice", "menu", "comment", "if"}

func (k NodeKind) String() string { return kindNames[k] }

// MenuNode is one entry of the menu tree: a definition of a symbol or a
// choice, a menu, or a comment. Fields are read-only.
type MenuNode struct {
	Kind NodeKind
	// HasPrompt says whether there is a prompt at all.
	HasPrompt    bool
	HasHelp      bool
	IsMenuconfig bool
	helpIndent   int32

	Symbol *Symbol // KindSymbol
	Choice *Choice // KindChoice

	// Prompt is the prompt text, PromptCond its condition with parent
	// dependencies and 'visible if' propagated.
	Prompt     string
	PromptCond *Expr
	// Dep is the node's dependencies: its 'depends on' and those of the
	// enclosing menus, ifs and choice.
	Dep *Expr
	// Visibility is the menu's 'visible if' condition (y otherwise).
	Visibility *Expr

	Defaults []Default
	Selects  []Select
	Implies  []Select
	Ranges   []Range

	// The properties as written in this definition, before parent
	// dependencies were added.
	OrigPromptCond *Expr
	OrigDep        *Expr
	OrigDefaults   []Default
	OrigSelects    []Select
	OrigImplies    []Select
	OrigRanges     []Range

	Parent, List, Next *MenuNode

	helpRaw string

	Pos Pos
	// Include is where the file of this node was sourced from, outermost first.
	Include []Pos
}

// Help is the help text as Kconfiglib gives it: the indentation of its
// first line removed from every line, tabs expanded, blank lines kept,
// trailing whitespace dropped.
func (n *MenuNode) Help() string {
	if n.helpRaw == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(n.helpRaw))
	rest := n.helpRaw
	for rest != "" {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = ""
		}
		if pyIsSpace(line) {
			b.WriteByte('\n')
			continue
		}
		appendExpanded(&b, line, int(n.helpIndent))
	}
	return pyRStrip(b.String())
}

// MenuPath lists the prompts of the menus (and choices and menuconfig
// symbols) above the node, outermost first, without the main menu.
func (n *MenuNode) MenuPath() []string {
	var out []string
	for p := n.Parent; p != nil && p.Parent != nil; p = p.Parent {
		if p.HasPrompt {
			out = append(out, p.Prompt)
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Referenced lists the symbols this node references in its dependencies,
// prompt condition, defaults, selects, implies and ranges, each once.
func (n *MenuNode) Referenced() []*Symbol {
	var out []*Symbol
	seen := map[*Symbol]bool{}
	add := func(s *Symbol) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	noChoice := func(*Choice) {}
	walk := func(e *Expr) {
		if e != nil {
			e.walkItems(add, noChoice)
		}
	}
	walk(n.Dep)
	if n.HasPrompt {
		walk(n.PromptCond)
	}
	if n.Kind == KindMenu {
		walk(n.Visibility)
	}
	for _, d := range n.Defaults {
		walk(d.Value)
		walk(d.Cond)
	}
	for _, s := range n.Selects {
		add(s.Target)
		walk(s.Cond)
	}
	for _, s := range n.Implies {
		add(s.Target)
		walk(s.Cond)
	}
	for _, r := range n.Ranges {
		add(r.Low)
		add(r.High)
		walk(r.Cond)
	}
	return out
}
