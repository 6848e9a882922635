package symtab

// Reach answers, for a whole tree and without any .config, which symbols
// could ever be enabled (y or m) and which could ever be n. It is an
// over-approximation: "may be enabled" can be wrong in the direction of
// yes (it ignores how two conditions correlate, and comparisons of
// non-constant values are taken as possibly true), so "never enabled" is
// only claimed when it is certain. Selects and implies count: a select
// forces its target even past the target's dependencies.
type Reach struct {
	t     *Table
	mayY  map[string]bool
	mayN  map[string]bool
	by    map[string][]reverseFrom // target -> who selects it
	imp   map[string][]reverseFrom // target -> who implies it
	Loops int                      // fixpoint iterations, for benchmarks
}

type reverseFrom struct {
	from string
	cond *Expr
}

// NewReach computes the analysis for t.
func NewReach(t *Table) *Reach {
	r := &Reach{t: t, mayY: map[string]bool{}, mayN: map[string]bool{},
		by: map[string][]reverseFrom{}, imp: map[string][]reverseFrom{}}
	names := t.Names()
	for _, n := range names {
		s := t.Symbols[n]
		for _, sel := range s.Selects {
			r.by[sel.Target] = append(r.by[sel.Target], reverseFrom{n, sel.Cond})
		}
		for _, im := range s.Implies {
			r.imp[im.Target] = append(r.imp[im.Target], reverseFrom{n, im.Cond})
		}
		if !s.Defined() || (s.Type != Bool && s.Type != Tristate) {
			continue
		}
		r.mayY[n] = true
		r.mayN[n] = !alwaysY(s)
	}
	// Greatest fixpoint: start from "everything may be enabled" and take
	// away what provably cannot; each pass can only take away more.
	for changed := true; changed; {
		changed = false
		r.Loops++
		for _, n := range names {
			if !r.mayY[n] {
				continue
			}
			if !r.derive(t.Symbols[n]) {
				r.mayY[n] = false
				changed = true
			}
		}
	}
	return r
}

// alwaysY: a symbol without a prompt, without dependencies, whose first
// default is an unconditional y: nothing can make it n.
func alwaysY(s *Symbol) bool {
	if s.HasPrompt() || s.DependsOn != nil || len(s.Defaults) == 0 {
		return false
	}
	d := s.Defaults[0]
	return d.Cond == nil && d.Value != nil && d.Value.Op == Const && d.Value.Name == "y"
}

// derive says whether s may be enabled given what is currently believed of
// every other symbol.
func (r *Reach) derive(s *Symbol) bool {
	for _, sel := range r.by[s.Name] {
		if r.mayY[sel.from] && r.MayBeTrue(sel.cond) {
			return true
		}
	}
	if !r.MayBeTrue(s.DependsOn) {
		return false
	}
	if s.HasPrompt() || r.DefaultMayBeOn(s) {
		return true
	}
	for _, im := range r.imp[s.Name] {
		if r.mayY[im.from] && r.MayBeTrue(im.cond) {
			return true
		}
	}
	return false
}

// MayBeEnabled reports whether the symbol called name could be y or m in
// some configuration.
func (r *Reach) MayBeEnabled(name string) bool { return r.mayY[name] }

// DefaultMayBeOn reports whether a default of s can make it y or m when
// nobody sets it: the first default whose condition holds wins, so a
// default after an unconditional one never applies.
func (r *Reach) DefaultMayBeOn(s *Symbol) bool {
	if !r.MayBeTrue(s.DependsOn) {
		return false
	}
	for _, d := range s.Defaults {
		if r.MayBeTrue(d.Cond) && r.MayBeTrue(d.Value) {
			return true
		}
		if !r.MayBeFalse(d.Cond) {
			return false // this default always applies, and it is n
		}
	}
	return false
}

// MayBeTrue reports whether e could evaluate to y or m. A nil expression
// is y.
func (r *Reach) MayBeTrue(e *Expr) bool {
	if e == nil {
		return true
	}
	switch e.Op {
	case Const:
		return e.Name == "y" || e.Name == "m"
	case Sym:
		return r.mayY[e.Name]
	case Not:
		return r.MayBeFalse(e.Left)
	case And:
		return r.MayBeTrue(e.Left) && r.MayBeTrue(e.Right)
	case Or:
		return r.MayBeTrue(e.Left) || r.MayBeTrue(e.Right)
	}
	if v, ok := constCompare(e); ok {
		return v
	}
	return true
}

// MayBeFalse reports whether e could evaluate to n. A nil expression is y.
func (r *Reach) MayBeFalse(e *Expr) bool {
	if e == nil {
		return false
	}
	switch e.Op {
	case Const:
		return !(e.Name == "y" || e.Name == "m")
	case Sym:
		s := r.t.Symbols[e.Name]
		if s == nil || !s.Defined() || (s.Type != Bool && s.Type != Tristate) {
			return true
		}
		return r.mayN[e.Name] || !r.mayY[e.Name]
	case Not:
		return r.MayBeTrue(e.Left)
	case And:
		return r.MayBeFalse(e.Left) || r.MayBeFalse(e.Right)
	case Or:
		return r.MayBeFalse(e.Left) && r.MayBeFalse(e.Right)
	}
	if v, ok := constCompare(e); ok {
		return !v
	}
	return true
}

// constCompare evaluates a comparison of two constants, the only kind
// whose outcome is known without a configuration.
func constCompare(e *Expr) (bool, bool) {
	if e.Left == nil || e.Right == nil || e.Left.Op != Const || e.Right.Op != Const {
		return false, false
	}
	a, b := e.Left.Name, e.Right.Name
	switch e.Op {
	case Eq:
		return a == b, true
	case Neq:
		return a != b, true
	}
	return false, false
}
