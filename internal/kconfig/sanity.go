package kconfig

import (
	"strings"
	"unicode"
)

// The checks Kconfiglib runs after parsing: warnings about definitions
// that do not do what they seem to, and errors for defaults a string, int
// or hex symbol cannot have.

func firstPos(nodes []*MenuNode) Pos {
	if len(nodes) == 0 {
		return Pos{}
	}
	return nodes[0].Pos
}

func (k *Kconfig) checkSymSanity() {
	numOK := func(s *Symbol, t Type) bool {
		if len(s.nodes) == 0 {
			return isBaseN(s.Name, typeBase(t))
		}
		return s.orig == t
	}
	for _, sym := range k.defined {
		pos := firstPos(sym.nodes)
		warn := func(code, msg, hint string) { k.warnParse(pos, code, msg, hint, sym.Name) }
		switch {
		case sym.orig.IsBoolOrTristate():
			for _, s := range sym.selects {
				if !s.Target.orig.IsBoolOrTristate() && s.Target.orig != TypeUnknown {
					warn(CodeDefinition, sym.NameAndLoc()+" selects the "+s.Target.orig.String()+" symbol "+s.Target.NameAndLoc()+", which is not bool or tristate", "select only bool and tristate symbols")
				}
			}
			for _, s := range sym.implies {
				if !s.Target.orig.IsBoolOrTristate() && s.Target.orig != TypeUnknown {
					warn(CodeDefinition, sym.NameAndLoc()+" implies the "+s.Target.orig.String()+" symbol "+s.Target.NameAndLoc()+", which is not bool or tristate", "imply only bool and tristate symbols")
				}
			}
		case sym.orig != TypeUnknown:
			for _, d := range sym.defaults {
				if d.Value.Op != OpSymbol {
					panic(&Error{Pos: pos, Message: "the " + sym.orig.String() + " symbol " + sym.NameAndLoc() + " has a malformed default " + d.Value.String() + " -- expected a single symbol",
						Hint: "a string, int or hex default is one value (a quoted string, a number or a symbol), with conditions after 'if'"})
				}
				def := d.Value.Sym
				if sym.orig == TypeString {
					if !def.isConst && len(def.nodes) == 0 && !pyIsUpper(def.Name) {
						warn(CodeSyntax, "style: quotes recommended around default value for string symbol "+sym.NameAndLoc(), "")
					}
				} else if !numOK(def, sym.orig) {
					warn(CodeDefinition, "the "+sym.orig.String()+" symbol "+sym.NameAndLoc()+" has a non-"+sym.orig.String()+" default "+def.NameAndLoc(), "")
				}
			}
			if len(sym.selects) > 0 || len(sym.implies) > 0 {
				warn(CodeDefinition, "the "+sym.orig.String()+" symbol "+sym.NameAndLoc()+" has selects or implies", "only bool and tristate symbols can select or imply")
			}
		default:
			warn(CodeDefinition, sym.NameAndLoc()+" defined without a type", "add bool, tristate, string, int or hex")
		}
		if len(sym.ranges) > 0 {
			if sym.orig != TypeInt && sym.orig != TypeHex {
				warn(CodeDefinition, "the "+sym.orig.String()+" symbol "+sym.NameAndLoc()+" has ranges, but is not int or hex", "")
			} else {
				for _, r := range sym.ranges {
					if !numOK(r.Low, sym.orig) || !numOK(r.High, sym.orig) {
						warn(CodeDefinition, "the "+sym.orig.String()+" symbol "+sym.NameAndLoc()+" has a non-"+sym.orig.String()+" range ["+r.Low.NameAndLoc()+", "+r.High.NameAndLoc()+"]", "")
					}
				}
			}
		}
	}
}

// pyIsUpper is Python's str.isupper(): at least one cased character and
// no lower-case one.
func pyIsUpper(s string) bool {
	cased := false
	for _, r := range s {
		if unicode.IsLower(r) || unicode.IsTitle(r) {
			return false
		}
		if unicode.IsUpper(r) {
			cased = true
		}
	}
	return cased
}

func (k *Kconfig) checkChoiceSanity() {
	for _, c := range k.choices {
		pos := firstPos(c.nodes)
		warn := func(msg, sym string) { k.warnParse(pos, CodeDefinition, msg, "", sym) }
		if !c.orig.IsBoolOrTristate() {
			warn(c.NameAndLoc()+" defined with type "+c.orig.String(), "")
		}
		hasPrompt := false
		for _, n := range c.nodes {
			if n.HasPrompt {
				hasPrompt = true
				break
			}
		}
		if !hasPrompt {
			warn(c.NameAndLoc()+" defined without a prompt", "")
		}
		for _, d := range c.defaults {
			if d.Value.Op != OpSymbol {
				panic(&Error{Pos: pos, Message: c.NameAndLoc() + " has a malformed default " + d.Value.String(),
					Hint: "a choice's default names one of its symbols"})
			}
			if d.Value.Sym.choice != c {
				warn("the default selection "+d.Value.Sym.NameAndLoc()+" of "+c.NameAndLoc()+" is not contained in the choice", "")
			}
		}
		for _, s := range c.syms {
			if len(s.defaults) > 0 {
				warn("default on the choice symbol "+s.NameAndLoc()+" will have no effect, as defaults do not affect choice symbols", s.Name)
			}
			if s.revDep != k.n.leaf {
				warn(selectImplyMsg(s, s.revDep, "selected"), s.Name)
			}
			if s.weakRevDep != k.n.leaf {
				warn(selectImplyMsg(s, s.weakRevDep, "implied"), s.Name)
			}
			for _, n := range s.nodes {
				if n.Parent != nil && n.Parent.Kind == KindChoice && n.Parent.Choice == c {
					if !n.HasPrompt {
						warn("the choice symbol "+s.NameAndLoc()+" has no prompt", s.Name)
					}
				} else if n.HasPrompt {
					warn("the choice symbol "+s.NameAndLoc()+" is defined with a prompt outside the choice", s.Name)
				}
			}
		}
	}
}

func selectImplyMsg(s *Symbol, e *Expr, how string) string {
	msg := "the choice symbol " + s.NameAndLoc() + " is " + how + " by the following symbols, but select/imply has no effect on choice symbols"
	for _, term := range e.Split(OpOr) {
		first := term.Split(OpAnd)[0]
		if first.Op == OpSymbol {
			msg += "\n - " + first.Sym.NameAndLoc()
		}
	}
	return msg
}

// checkUndefSyms reports every reference to a symbol no Kconfig file
// defines (KCONFIG_WARN_UNDEF), at each node that references it.
func (k *Kconfig) checkUndefSyms() {
	for _, u := range k.UndefinedReferences() {
		k.warnParse(u.Pos, CodeUndefinedSymbol, "undefined symbol "+u.Symbol.Name+" referenced", "define it, fix the spelling, or remove the reference", u.Symbol.Name)
	}
}

// Reference is a place where a Kconfig file references a symbol.
type Reference struct {
	Symbol *Symbol
	Pos    Pos
}

// UndefinedReferences lists, in tree order, every node that references a
// symbol no Kconfig file defines (numbers and MODULES excepted, as in the
// reference).
func (k *Kconfig) UndefinedReferences() []Reference {
	var out []Reference
	k.Nodes(func(n *MenuNode) {
		for _, s := range n.Referenced() {
			if len(s.nodes) > 0 || s.isConst || s.Name == "MODULES" || looksNumeric(s.Name) {
				continue
			}
			out = append(out, Reference{Symbol: s, Pos: n.Pos})
		}
	})
	return out
}

// looksNumeric is the reference's is_num: a decimal number, or hex with 0x
// (so names like ABC are not taken for numbers).
func looksNumeric(s string) bool {
	if isBaseN(s, 10) {
		return true
	}
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return false
	}
	return isBaseN(s, 16)
}
