package kconfig

import "strings"

// Op is the kind of an expression node.
type Op uint8

// Expression kinds. Relations compare two symbols (quoted strings and
// numbers are constant symbols).
const (
	OpSymbol Op = iota
	OpChoice
	OpAnd
	OpOr
	OpNot
	OpEqual
	OpUnequal
	OpLess
	OpLessEqual
	OpGreater
	OpGreaterEqual
)

var relNames = map[Op]string{
	OpEqual: "=", OpUnequal: "!=", OpLess: "<", OpLessEqual: "<=", OpGreater: ">", OpGreaterEqual: ">=",
}

// IsRelation reports whether op compares two symbols.
func (op Op) IsRelation() bool { return op >= OpEqual }

// Expr is a Kconfig expression. Leaves are symbols (OpSymbol, Sym) or, in
// the conditions the engine adds to choice members, the choice itself
// (OpChoice, Choice). AND and OR use A and B, NOT uses A, relations use Sym
// (left) and Rhs (right). Expressions are shared, never copied: treat them
// as read-only.
type Expr struct {
	Op     Op
	mark   uint32 // see buildDep
	Sym    *Symbol
	Rhs    *Symbol
	Choice *Choice
	A, B   *Expr
}

// Eval computes the tristate value of the expression under the current
// configuration.
func (e *Expr) Eval() Tri { return exprValue(e) }

func exprValue(e *Expr) Tri {
	switch e.Op {
	case OpSymbol:
		return e.Sym.Tristate()
	case OpChoice:
		return e.Choice.Tristate()
	case OpAnd:
		v := exprValue(e.A)
		if v == N {
			return N
		}
		return minTri(v, exprValue(e.B))
	case OpOr:
		v := exprValue(e.A)
		if v == Y {
			return Y
		}
		return maxTri(v, exprValue(e.B))
	case OpNot:
		return Y - exprValue(e.A)
	}
	return relationValue(e)
}

// relationValue compares like Kconfiglib: two string symbols compare as
// strings; anything else as numbers (n/m/y as 0/1/2, int base 10, hex base
// 16, others with Python's base-0 rules), falling back on strings when a
// side is not a number.
func relationValue(e *Expr) Tri {
	l, r := e.Sym, e.Rhs
	var c int
	if l.orig == TypeString && r.orig == TypeString {
		c = strings.Compare(l.Value(), r.Value())
	} else {
		a, okA := symToNum(l)
		var b pyInt
		okB := false
		if okA {
			b, okB = symToNum(r)
		}
		if okA && okB {
			c = a.cmp(b)
		} else {
			c = strings.Compare(l.Value(), r.Value())
		}
	}
	var t bool
	switch e.Op {
	case OpEqual:
		t = c == 0
	case OpUnequal:
		t = c != 0
	case OpLess:
		t = c < 0
	case OpLessEqual:
		t = c <= 0
	case OpGreater:
		t = c > 0
	default:
		t = c >= 0
	}
	if t {
		return Y
	}
	return N
}

func symToNum(s *Symbol) (pyInt, bool) {
	if s.orig.IsBoolOrTristate() {
		return smallInt(int64(s.Tristate())), true
	}
	return parsePyInt(s.Value(), typeBase(s.orig))
}

func typeBase(t Type) int {
	switch t {
	case TypeHex:
		return 16
	case TypeInt:
		return 10
	}
	return 0
}

// String prints the expression in Kconfig syntax, as Kconfiglib's expr_str.
func (e *Expr) String() string {
	var b strings.Builder
	e.write(&b)
	return b.String()
}

func (e *Expr) write(b *strings.Builder) {
	switch e.Op {
	case OpSymbol:
		b.WriteString(symExprString(e.Sym))
	case OpChoice:
		b.WriteString(e.Choice.exprName())
	case OpAnd:
		e.A.writeParen(b, OpOr)
		b.WriteString(" && ")
		e.B.writeParen(b, OpOr)
	case OpOr:
		e.A.writeParen(b, OpAnd)
		b.WriteString(" || ")
		e.B.writeParen(b, OpAnd)
	case OpNot:
		if e.A.Op == OpSymbol || e.A.Op == OpChoice {
			b.WriteString("!")
			e.A.write(b)
			return
		}
		b.WriteString("!(")
		e.A.write(b)
		b.WriteString(")")
	default:
		b.WriteString(symExprString(e.Sym))
		b.WriteString(" ")
		b.WriteString(relNames[e.Op])
		b.WriteString(" ")
		b.WriteString(symExprString(e.Rhs))
	}
}

func (e *Expr) writeParen(b *strings.Builder, op Op) {
	if e.Op == op {
		b.WriteString("(")
		e.write(b)
		b.WriteString(")")
		return
	}
	e.write(b)
}

func symExprString(s *Symbol) string {
	if s.isConst && !isNMY(s.Name) {
		return `"` + escape(s.Name) + `"`
	}
	return s.Name
}

func isNMY(s string) bool { return s == "n" || s == "m" || s == "y" }

// Symbols lists the symbols the expression references, each once, in the
// order they first appear (constants included).
func (e *Expr) Symbols() []*Symbol {
	var out []*Symbol
	seen := map[*Symbol]bool{}
	var rec func(*Expr)
	add := func(s *Symbol) {
		if s != nil && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	rec = func(x *Expr) {
		switch x.Op {
		case OpSymbol:
			add(x.Sym)
		case OpChoice:
		case OpAnd, OpOr:
			rec(x.A)
			rec(x.B)
		case OpNot:
			rec(x.A)
		default:
			add(x.Sym)
			add(x.Rhs)
		}
	}
	if e != nil {
		rec(e)
	}
	return out
}

// Split returns the top-level operands of op (OpAnd or OpOr) in e, left to
// right, as Kconfiglib's split_expr.
func (e *Expr) Split(op Op) []*Expr {
	var out []*Expr
	var rec func(*Expr)
	rec = func(x *Expr) {
		if x.Op == op {
			rec(x.A)
			rec(x.B)
			return
		}
		out = append(out, x)
	}
	rec(e)
	return out
}

// walkItems calls f for every symbol and choice leaf (relation operands
// included), as Kconfiglib's expr_items.
func (e *Expr) walkItems(fs func(*Symbol), fc func(*Choice)) {
	switch e.Op {
	case OpSymbol:
		fs(e.Sym)
	case OpChoice:
		fc(e.Choice)
	case OpAnd, OpOr:
		e.A.walkItems(fs, fc)
		e.B.walkItems(fs, fc)
	case OpNot:
		e.A.walkItems(fs, fc)
	default:
		fs(e.Sym)
		fs(e.Rhs)
	}
}

// makeAnd and makeOr simplify against the constants like Kconfiglib, which
// keeps propagated conditions small and expressions shared.
func (k *Kconfig) makeAnd(a, b *Expr) *Expr {
	if a == k.y.leaf {
		return b
	}
	if b == k.y.leaf {
		return a
	}
	if a == k.n.leaf || b == k.n.leaf {
		return k.n.leaf
	}
	return k.slabs.expr(Expr{Op: OpAnd, A: a, B: b})
}

func (k *Kconfig) makeOr(a, b *Expr) *Expr {
	if a == k.n.leaf {
		return b
	}
	if b == k.n.leaf {
		return a
	}
	if a == k.y.leaf || b == k.y.leaf {
		return k.y.leaf
	}
	return k.slabs.expr(Expr{Op: OpOr, A: a, B: b})
}

// escape and unescape are the .config string escapes: \ and " get a
// backslash; a backslash before any character stands for that character.
func escape(s string) string {
	if !strings.ContainsAny(s, `\"`) {
		return s
	}
	s = strings.ReplaceAll(s, `\`, `\\`)
	return strings.ReplaceAll(s, `"`, `\"`)
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] != '\n' {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
