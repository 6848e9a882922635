package symtab

import (
	"sort"
	"strings"
)

// Op is the operator of an expression node.
type Op string

// Expression operators. A Sym node names a symbol; Const is a constant
// (y, m, n, a quoted string or a number, spelt in Name).
const (
	Sym   Op = "sym"
	Const Op = "const"
	Not   Op = "!"
	And   Op = "&&"
	Or    Op = "||"
	Eq    Op = "="
	Neq   Op = "!="
	Lt    Op = "<"
	Le    Op = "<="
	Gt    Op = ">"
	Ge    Op = ">="
)

// Expr is a Kconfig expression.
type Expr struct {
	Op    Op     `json:"op"`
	Name  string `json:"name,omitempty"`
	Left  *Expr  `json:"left,omitempty"`
	Right *Expr  `json:"right,omitempty"`
}

// S is a symbol reference, C a constant: helpers for building expressions
// by hand (tests, adapters).
func S(name string) *Expr { return &Expr{Op: Sym, Name: name} }

// C is a constant.
func C(v string) *Expr { return &Expr{Op: Const, Name: v} }

// NotE, AndE, OrE and CmpE build compound expressions.
func NotE(e *Expr) *Expr           { return &Expr{Op: Not, Left: e} }
func AndE(a, b *Expr) *Expr        { return &Expr{Op: And, Left: a, Right: b} }
func OrE(a, b *Expr) *Expr         { return &Expr{Op: Or, Left: a, Right: b} }
func CmpE(op Op, a, b *Expr) *Expr { return &Expr{Op: op, Left: a, Right: b} }

// Symbols lists the symbols e names, in order of appearance, each once.
func (e *Expr) Symbols() []string {
	var out []string
	seen := map[string]bool{}
	e.walk(func(x *Expr) {
		if x.Op == Sym && !seen[x.Name] {
			seen[x.Name] = true
			out = append(out, x.Name)
		}
	})
	return out
}

func (e *Expr) walk(fn func(*Expr)) {
	if e == nil {
		return
	}
	fn(e)
	e.Left.walk(fn)
	e.Right.walk(fn)
}

// Requires reports whether e can only be true when symbol name is enabled.
func (e *Expr) Requires(name string) bool {
	for _, n := range e.Required() {
		if n == name {
			return true
		}
	}
	return false
}

// Required lists, sorted, the symbols e can only be true with enabled: A
// in A, A && B, !(!A || B), A = y, A != n. It leaves out what it is unsure
// of (a comparison with another symbol, A || B).
func (e *Expr) Required() []string {
	set := e.required(false)
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// required returns the symbols that must be enabled for e (neg false) or
// for !e (neg true) to hold.
func (e *Expr) required(neg bool) map[string]bool {
	if e == nil {
		return nil
	}
	switch e.Op {
	case Sym:
		if neg {
			return nil
		}
		return map[string]bool{e.Name: true}
	case Not:
		return e.Left.required(!neg)
	case And, Or:
		// !(a && b) is !a || !b; !(a || b) is !a && !b.
		x, y := e.Left.required(neg), e.Right.required(neg)
		if (e.Op == And) != neg {
			if x == nil {
				x = map[string]bool{}
			}
			for k := range y {
				x[k] = true
			}
			return x
		}
		out := map[string]bool{}
		for k := range x {
			if y[k] {
				out[k] = true
			}
		}
		return out
	case Eq, Neq:
		sym, c := e.Left, e.Right
		if sym == nil || c == nil {
			return nil
		}
		if sym.Op != Sym {
			sym, c = c, sym
		}
		if sym.Op != Sym || c.Op != Const {
			return nil
		}
		on := c.Name == "y" || c.Name == "m"
		if e.Op == Neq {
			on = c.Name == "n"
		}
		if on != neg {
			return map[string]bool{sym.Name: true}
		}
	}
	return nil
}

// String renders e in Kconfig syntax, with parentheses only where needed.
func (e *Expr) String() string {
	if e == nil {
		return "y"
	}
	var b strings.Builder
	e.write(&b, 0)
	return b.String()
}

func prec(op Op) int {
	switch op {
	case Or:
		return 1
	case And:
		return 2
	case Not:
		return 4
	case Sym, Const:
		return 5
	}
	return 3 // comparisons
}

func (e *Expr) write(b *strings.Builder, outer int) {
	p := prec(e.Op)
	if p < outer {
		b.WriteByte('(')
		defer b.WriteByte(')')
	}
	switch e.Op {
	case Sym:
		b.WriteString(e.Name)
	case Const:
		if isWord(e.Name) {
			b.WriteString(e.Name)
		} else {
			b.WriteString(`"` + strings.ReplaceAll(e.Name, `"`, `\"`) + `"`)
		}
	case Not:
		b.WriteByte('!')
		e.Left.write(b, p)
	default:
		e.Left.write(b, p)
		b.WriteString(" " + string(e.Op) + " ")
		// Kconfig's && and || are left-associative: a right operand of the
		// same precedence needs parentheses to keep its meaning.
		e.Right.write(b, p+1)
	}
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}
