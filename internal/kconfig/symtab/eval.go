package symtab

import (
	"strconv"
	"strings"
)

// Tristate values as numbers, the way Kconfig computes with them.
const (
	triN = 0
	triM = 1
	triY = 2
)

// Eval evaluates e against the values of this configuration, as Kconfig
// does: n < m < y, && is the minimum, || the maximum, ! is y minus the
// value; a symbol that is not bool or tristate (or not defined) is n in a
// condition. It returns "n", "m" or "y". A nil expression is y.
func (t *Table) Eval(e *Expr) string {
	return [...]string{"n", "m", "y"}[t.tri(e)]
}

func (t *Table) tri(e *Expr) int {
	if e == nil {
		return triY
	}
	switch e.Op {
	case Const:
		return triOf(e.Name)
	case Sym:
		s := t.Lookup(e.Name)
		if s == nil || (s.Type != Bool && s.Type != Tristate) {
			return triN
		}
		return triOf(s.Value)
	case Not:
		return triY - t.tri(e.Left)
	case And:
		return min(t.tri(e.Left), t.tri(e.Right))
	case Or:
		return max(t.tri(e.Left), t.tri(e.Right))
	}
	c := compare(t.text(e.Left), t.text(e.Right))
	ok := false
	switch e.Op {
	case Eq:
		ok = c == 0
	case Neq:
		ok = c != 0
	case Lt:
		ok = c < 0
	case Le:
		ok = c <= 0
	case Gt:
		ok = c > 0
	case Ge:
		ok = c >= 0
	}
	if ok {
		return triY
	}
	return triN
}

func triOf(v string) int {
	switch v {
	case "y":
		return triY
	case "m":
		return triM
	}
	return triN
}

// text is the value of an operand of a comparison.
func (t *Table) text(e *Expr) string {
	if e == nil {
		return "y"
	}
	switch e.Op {
	case Const:
		return e.Name
	case Sym:
		if s := t.Lookup(e.Name); s != nil {
			return s.Value
		}
		return "n" // Kconfig treats an undefined symbol as n
	}
	return t.Eval(e)
}

// compare orders two values numerically when both are numbers (decimal or
// 0x hex), else as text, as Kconfig does.
func compare(a, b string) int {
	x, errA := parseNum(a)
	y, errB := parseNum(b)
	if errA == nil && errB == nil {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(a, b)
}

func parseNum(s string) (int64, error) {
	if h, ok := strings.CutPrefix(strings.ToLower(s), "0x"); ok {
		return strconv.ParseInt(h, 16, 64)
	}
	return strconv.ParseInt(s, 10, 64)
}
