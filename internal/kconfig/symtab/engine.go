package symtab

import (
	"github.com/assure-dev/assure/internal/kconfig"
)

// FromEngine takes the snapshot of an evaluated tree. config names the
// .config that was loaded ("" for defaults only), for reports.
func FromEngine(kc *kconfig.Kconfig, config string) *Table {
	c := &converter{memo: map[*kconfig.Expr]*Expr{}}
	t := &Table{Root: kc.RootFile, Config: config, Symbols: map[string]*Symbol{}}
	for _, s := range kc.AllSymbols() {
		if s.IsConstant() {
			continue
		}
		t.Add(c.symbol(s))
	}
	kc.Nodes(func(n *kconfig.MenuNode) {
		from := ""
		switch {
		case n.Symbol != nil:
			from = n.Symbol.Name
		case n.HasPrompt:
			from = n.Prompt
		}
		for _, r := range n.Referenced() {
			if r.IsConstant() || numeric(r.Name) {
				continue // numbers in ranges and defaults are symbols to Kconfig
			}
			t.Refs = append(t.Refs, Ref{Symbol: r.Name, Pos: pos(n.Pos), From: from})
		}
	})
	return t
}

func pos(p kconfig.Pos) Pos { return Pos{File: p.File, Line: p.Line} }

type converter struct {
	memo map[*kconfig.Expr]*Expr
}

func (c *converter) symbol(s *kconfig.Symbol) *Symbol {
	out := &Symbol{
		Name:     s.Name,
		Type:     typeOf(s.OrigType()),
		InChoice: s.Choice() != nil,
	}
	if !s.Defined() {
		out.Type = Unknown
	}
	out.Value = s.Value()
	out.Visible = s.Visibility() != kconfig.N
	out.Active = s.ConfigString() != ""
	out.DependsOn = c.cond(s.DirectDeps())
	if _, at, ok := s.UserValue(); ok {
		out.Assigned = pos(at)
	}
	for _, n := range s.Nodes() {
		d := Def{Pos: pos(n.Pos), Menus: n.MenuPath()}
		if n.HasPrompt {
			d.Prompt = n.Prompt
		}
		out.Defs = append(out.Defs, d)
		for i, df := range n.Defaults {
			d := Default{Value: c.expr(df.Value), Cond: c.cond(df.Cond), Pos: pos(n.Pos)}
			if len(n.OrigDefaults) == len(n.Defaults) {
				o := n.OrigDefaults[i]
				d.Text = o.Value.String()
				if o.Cond != nil && !(o.Cond.Op == kconfig.OpSymbol && o.Cond.Sym.IsConstant() && o.Cond.Sym.Name == "y") {
					d.Text += " if " + o.Cond.String()
				}
			}
			out.Defaults = append(out.Defaults, d)
		}
		for _, sel := range n.Selects {
			out.Selects = append(out.Selects, Reverse{Target: sel.Target.Name, Cond: c.cond(sel.Cond), Pos: pos(n.Pos)})
		}
		for _, im := range n.Implies {
			out.Implies = append(out.Implies, Reverse{Target: im.Target.Name, Cond: c.cond(im.Cond), Pos: pos(n.Pos)})
		}
	}
	return out
}

func typeOf(t kconfig.Type) Type {
	switch t {
	case kconfig.TypeBool:
		return Bool
	case kconfig.TypeTristate:
		return Tristate
	case kconfig.TypeInt:
		return Int
	case kconfig.TypeHex:
		return Hex
	case kconfig.TypeString:
		return String
	}
	return Unknown
}

// cond converts a condition; the constant y (no condition) becomes nil.
func (c *converter) cond(e *kconfig.Expr) *Expr {
	x := c.expr(e)
	if x != nil && x.Op == Const && x.Name == "y" {
		return nil
	}
	return x
}

// expr converts an engine expression. The engine shares subexpressions
// (every symbol of a menu carries the menu's dependencies), so
// conversions are shared too, or a large tree would be copied many times.
func (c *converter) expr(e *kconfig.Expr) *Expr {
	if e == nil {
		return nil
	}
	if x, ok := c.memo[e]; ok {
		return x
	}
	var x *Expr
	switch e.Op {
	case kconfig.OpSymbol:
		x = leaf(e.Sym)
	case kconfig.OpChoice:
		// Whether a choice is enabled depends on the configuration; for
		// the analyses here (what can ever be on) it may be.
		x = C("y")
	case kconfig.OpAnd:
		x = AndE(c.expr(e.A), c.expr(e.B))
	case kconfig.OpOr:
		x = OrE(c.expr(e.A), c.expr(e.B))
	case kconfig.OpNot:
		x = NotE(c.expr(e.A))
	default:
		x = CmpE(relOp(e.Op), leaf(e.Sym), leaf(e.Rhs))
	}
	c.memo[e] = x
	return x
}

func leaf(s *kconfig.Symbol) *Expr {
	if s == nil {
		return C("")
	}
	if s.IsConstant() {
		return C(s.Name)
	}
	return S(s.Name)
}

func relOp(op kconfig.Op) Op {
	switch op {
	case kconfig.OpEqual:
		return Eq
	case kconfig.OpUnequal:
		return Neq
	case kconfig.OpLess:
		return Lt
	case kconfig.OpLessEqual:
		return Le
	case kconfig.OpGreater:
		return Gt
	}
	return Ge
}

// numeric: a decimal number, or hex with 0x, as Kconfiglib's is_num.
func numeric(s string) bool {
	if _, err := parseNum(s); err == nil {
		return true
	}
	return false
}
