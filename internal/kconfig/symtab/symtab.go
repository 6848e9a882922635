package symtab

import (
	"sort"
	"strconv"
)

// Type is a Kconfig symbol type.
type Type string

// The Kconfig types. Unknown is a symbol referenced but never given a type.
const (
	Bool     Type = "bool"
	Tristate Type = "tristate"
	Int      Type = "int"
	Hex      Type = "hex"
	String   Type = "string"
	Unknown  Type = "unknown"
)

// Pos is where something is written in a Kconfig file (or a source file).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line)
}

// Def is one definition of a symbol (a symbol may be defined in several
// places; Kconfig merges them).
type Def struct {
	Pos Pos `json:"pos"`
	// Prompt is the prompt text of this definition, empty when it has none.
	Prompt string `json:"prompt,omitempty"`
	// Menus are the titles of the menus (and menuconfig symbols) the
	// definition sits in, outermost first.
	Menus []string `json:"menus,omitempty"`
}

// Default is one `default` (or def_bool / def_tristate) property.
type Default struct {
	Value *Expr `json:"value"`
	// Cond is the `if` condition, nil when there is none.
	Cond *Expr `json:"cond,omitempty"`
	Pos  Pos   `json:"pos"`
	// Text is the default as written, before the dependencies of menus and
	// ifs were added to its condition ("y if NET").
	Text string `json:"text,omitempty"`
}

// Reverse is one `select` or `imply` property: the symbol it forces (or
// suggests) and under which condition.
type Reverse struct {
	Target string `json:"target"`
	Cond   *Expr  `json:"cond,omitempty"`
	Pos    Pos    `json:"pos"`
}

// Symbol is one Kconfig symbol in one configuration.
type Symbol struct {
	Name string `json:"name"`
	// Type is the type as written: a tristate stays tristate even in a
	// tree without modules, where its values are n and y.
	Type Type `json:"type"`
	// Value is the value in this configuration, spelt as a .config writes
	// it: n, m, y, a number, or the text of a string.
	Value string `json:"value"`
	// Defs is empty for a symbol that is referenced but never defined.
	Defs []Def `json:"defs,omitempty"`
	// Visible is set when a prompt of the symbol is visible in this
	// configuration: the user can set it.
	Visible bool `json:"visible"`
	// Active is set when the symbol takes part in this configuration: it is
	// written to the .config (its dependencies are met, or something
	// selects it). A symbol whose dependencies are not met is not Active.
	Active bool `json:"active"`
	// DependsOn is the full direct dependency: its own `depends on` and
	// those inherited from menus and `if` blocks. Nil means none (y).
	DependsOn *Expr     `json:"depends_on,omitempty"`
	Defaults  []Default `json:"defaults,omitempty"`
	Selects   []Reverse `json:"selects,omitempty"`
	Implies   []Reverse `json:"implies,omitempty"`
	// InChoice is set for a member of a choice.
	InChoice bool `json:"in_choice,omitempty"`
	// Assigned is where the .config set the symbol, zero when it did not.
	Assigned Pos `json:"assigned,omitzero"`
}

// Defined reports whether a Kconfig file defines the symbol.
func (s *Symbol) Defined() bool { return len(s.Defs) > 0 }

// HasPrompt reports whether some definition gives the symbol a prompt,
// that is whether a user can ever set it directly.
func (s *Symbol) HasPrompt() bool {
	for _, d := range s.Defs {
		if d.Prompt != "" {
			return true
		}
	}
	return false
}

// Enabled reports whether a bool or tristate symbol is y or m.
func (s *Symbol) Enabled() bool {
	return (s.Type == Bool || s.Type == Tristate) && (s.Value == "y" || s.Value == "m")
}

// Where is the first definition's position, or the zero Pos.
func (s *Symbol) Where() Pos {
	if len(s.Defs) == 0 {
		return Pos{}
	}
	return s.Defs[0].Pos
}

// Ref is one place a Kconfig file names a symbol (in an expression, a
// select or an imply).
type Ref struct {
	Symbol string `json:"symbol"`
	Pos    Pos    `json:"pos"`
	// From names the symbol (or menu, choice, if block) whose property refers.
	From string `json:"from,omitempty"`
}

// Table is the snapshot of one evaluated tree.
type Table struct {
	// Root is the top Kconfig file, as given.
	Root string `json:"root"`
	// Config is the .config the values come from, empty for defaults only.
	Config  string             `json:"config,omitempty"`
	Symbols map[string]*Symbol `json:"symbols"`
	// Refs lists every reference to a symbol in the Kconfig files.
	Refs []Ref `json:"refs,omitempty"`
}

// Lookup returns the symbol called name (without CONFIG_), or nil.
func (t *Table) Lookup(name string) *Symbol {
	if t == nil {
		return nil
	}
	return t.Symbols[name]
}

// Names returns the names of every symbol in the table, sorted.
func (t *Table) Names() []string {
	names := make([]string, 0, len(t.Symbols))
	for n := range t.Symbols {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Add puts s in the table (replacing one of the same name).
func (t *Table) Add(s *Symbol) {
	if t.Symbols == nil {
		t.Symbols = map[string]*Symbol{}
	}
	t.Symbols[s.Name] = s
}
