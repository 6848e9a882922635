package kconfig

// Symbol values, computed exactly as Kconfiglib computes them (see its
// Symbol.tri_value, str_value, _visibility and Choice.tri_value). Values
// are computed on first use and cached until a user value changes.

const (
	busyVis = 1 << iota
	busyTri
	busyStr
	busySel
)

// invalidate drops every cached value: user values changed.
func (k *Kconfig) invalidate() {
	k.gen++
	k.evalDiags = nil
}

func (k *Kconfig) evalWarn(pos Pos, code, msg, hint, sym string) {
	k.evalDiags = append(k.evalDiags, Diagnostic{Pos: pos, Code: code, Message: msg, Hint: hint, Symbol: sym})
}

// enter guards a computation against re-entry: a dependency loop the
// parse-time check missed would otherwise recurse forever. The guarded
// value is then n and an error diagnostic is recorded.
func (k *Kconfig) loopGuard(name string) {
	k.evalWarn(Pos{}, CodeDefinition, "dependency loop through "+name+" found while evaluating; its value is taken as n",
		"report this with the tree: the parse-time loop check should have rejected it", name)
}

// Type is the symbol's type with the reference's tristate magic: a
// tristate symbol is bool when MODULES is n or when it is in a choice in y
// mode.
func (s *Symbol) Type() Type {
	if s.orig == TypeTristate && ((s.choice != nil && s.choice.Tristate() == Y) || s.kc.Modules.Tristate() == N) {
		return TypeBool
	}
	return s.orig
}

// Visibility is the upper bound a user value can have: the highest prompt
// condition, with choice and modules rules applied.
func (s *Symbol) Visibility() Tri {
	k := s.kc
	if s.visGen == k.gen {
		return s.vis
	}
	if s.busy&busyVis != 0 {
		k.loopGuard(s.Name)
		return N
	}
	s.busy |= busyVis
	defer func() { s.busy &^= busyVis }()
	v := N
	for _, n := range s.nodes {
		if n.HasPrompt {
			v = maxTri(v, n.PromptCond.Eval())
		}
	}
	if c := s.choice; c != nil {
		if c.orig == TypeTristate && s.orig != TypeTristate && c.Tristate() != Y {
			v = N // non-tristate members are visible only in y mode
		} else if s.orig == TypeTristate && v == M && c.Tristate() == Y {
			v = N // m-visible members are hidden in y mode
		}
	}
	if v == M && s.Type() != TypeTristate {
		v = Y
	}
	s.vis, s.visGen = v, k.gen
	return v
}

// Tristate is the symbol's value as n, m or y (Kconfiglib's tri_value);
// n for string, int and hex symbols.
func (s *Symbol) Tristate() Tri {
	k := s.kc
	if s.isConst {
		return s.tri // n, m and y are fixed; other constants are n
	}
	if s.triGen == k.gen {
		return s.tri
	}
	if s.busy&busyTri != 0 {
		k.loopGuard(s.Name)
		return N
	}
	s.busy |= busyTri
	defer func() { s.busy &^= busyTri }()
	if !s.orig.IsBoolOrTristate() {
		if s.orig != TypeUnknown {
			k.evalWarn(firstPos(s.nodes), CodeLogicalContext, "The "+s.orig.String()+" symbol "+s.NameAndLoc()+" is being evaluated in a logical context somewhere. It will always evaluate to n.",
				"compare it instead (FOO = \"value\", FOO > 0)", s.Name)
		}
		s.tri, s.triGen = N, k.gen
		return N
	}
	vis := s.Visibility()
	write := vis != N
	val := N
	if s.choice == nil {
		if vis != N && s.user != nil {
			val = minTri(s.user.tri, vis)
		} else {
			for _, d := range s.defaults {
				if cond := d.Cond.Eval(); cond != N {
					val = minTri(d.Value.Eval(), cond)
					if val != N {
						write = true
					}
					break
				}
			}
			// imply counts only when the symbol's own dependencies hold.
			if dep := s.weakRevDep.Eval(); dep != N && s.directDep.Eval() != N {
				val = maxTri(dep, val)
				write = true
			}
		}
		if dep := s.revDep.Eval(); dep != N {
			if s.directDep.Eval() < dep {
				s.warnSelectUnsatisfied()
			}
			val = maxTri(dep, val)
			write = true
		}
		if val == M && (s.Type() == TypeBool || s.weakRevDep.Eval() == Y) {
			val = Y
		}
	} else if vis == Y {
		if s.choice.Selection() == s {
			val = Y
		}
	} else if vis != N && s.user != nil && s.user.tri != N {
		val = M
	}
	s.writeToConf = write
	s.tri, s.triGen = val, k.gen
	return val
}

// Value is the symbol's value as a string (Kconfiglib's str_value): "n",
// "m" or "y" for bool and tristate, the value for string, int and hex, the
// name for undefined and constant symbols.
func (s *Symbol) Value() string {
	k := s.kc
	if s.orig.IsBoolOrTristate() {
		return s.Tristate().String()
	}
	if s.orig == TypeUnknown {
		return s.Name
	}
	if s.strGen == k.gen {
		return s.str
	}
	if s.busy&busyStr != 0 {
		k.loopGuard(s.Name)
		return ""
	}
	s.busy |= busyStr
	defer func() { s.busy &^= busyStr }()
	vis := s.Visibility()
	write := vis != N
	val := ""
	if s.orig == TypeInt || s.orig == TypeHex {
		val, write = s.numValue(vis, write)
	} else if vis != N && s.user != nil {
		val = s.user.str
	} else {
		for _, d := range s.defaults {
			if d.Cond.Eval() != N {
				val = d.Value.Sym.Value()
				write = true
				break
			}
		}
	}
	if s.env != nil || s == k.DefconfigList {
		write = false
	}
	s.writeToConf = write
	s.str, s.strGen = val, k.gen
	return val
}

// numValue computes an int or hex value: the user value if visible and in
// the active range, else the first active default, clamped to the range.
func (s *Symbol) numValue(vis Tri, write bool) (string, bool) {
	k := s.kc
	base := typeBase(s.orig)
	active := false
	var low, high pyInt
	for _, r := range s.ranges {
		if r.Cond.Eval() != N {
			active = true
			low, _ = parsePyInt(r.Low.Value(), base) // strtoll("") is 0
			high, _ = parsePyInt(r.High.Value(), base)
			break
		}
	}
	str := pyInt.decimal
	if base == 16 {
		str = pyInt.hex
	}
	if vis != N && s.user != nil && s.user.str != "" {
		uv, _ := parsePyInt(s.user.str, base)
		if !active || (low.cmp(uv) <= 0 && uv.cmp(high) <= 0) {
			return s.user.str, write
		}
		pos := s.user.pos
		if pos.IsZero() {
			pos = firstPos(s.nodes)
		}
		k.evalWarn(pos, CodeOutOfRange, "user value "+str(uv)+" on the "+s.orig.String()+" symbol "+s.NameAndLoc()+
			" ignored due to being outside the active range (["+str(low)+", "+str(high)+"]) -- falling back on defaults",
			"assign a value between "+str(low)+" and "+str(high), s.Name)
	}
	val := ""
	var num pyInt
	hasDefault := false
	for _, d := range s.defaults {
		if d.Cond.Eval() != N {
			hasDefault, write = true, true
			val = d.Value.Sym.Value()
			num, _ = parsePyInt(val, base)
			break
		}
	}
	if active {
		var clamp *pyInt
		if num.cmp(low) < 0 {
			clamp = &low
		} else if num.cmp(high) > 0 {
			clamp = &high
		}
		if clamp != nil {
			val = str(*clamp)
			if hasDefault {
				k.evalWarn(firstPos(s.nodes), CodeClamped, "default value "+num.decimal()+" on "+s.NameAndLoc()+" clamped to "+val+
					" due to being outside the active range (["+str(low)+", "+str(high)+"])", "make the default fit the range", s.Name)
			}
		}
	}
	return val, write
}

// warnSelectUnsatisfied reports a symbol selected while its own
// dependencies are not met: select forces it on anyway.
func (s *Symbol) warnSelectUnsatisfied() {
	k := s.kc
	dd := s.directDep.Eval()
	msg := s.NameAndLoc() + " has direct dependencies " + s.directDep.String() + " with value " + dd.String() +
		", but is currently being " + s.revDep.Eval().String() + "-selected by the following symbols:"
	for _, sel := range s.revDep.Split(OpOr) {
		if sel.Eval() <= dd {
			continue
		}
		first := sel.Split(OpAnd)[0]
		if first.Op != OpSymbol {
			continue
		}
		by := first.Sym
		msg += "\n - " + by.NameAndLoc() + ", with value " + by.Value() + ", direct dependencies " + by.directDep.String() +
			" (value: " + by.directDep.Eval().String() + ")"
		if sel.Op == OpAnd {
			msg += ", and select condition " + sel.B.String() + " (value: " + sel.B.Eval().String() + ")"
		}
	}
	k.evalWarn(firstPos(s.nodes), CodeSelectUnsatisfied, msg, "select only symbols whose dependencies the selecting symbol also has, or use imply", s.Name)
}

// Assignable lists the values a user can give a bool or tristate symbol
// now, lowest first (a single value: visible but locked by a select).
func (s *Symbol) Assignable() []Tri {
	if !s.orig.IsBoolOrTristate() {
		return nil
	}
	vis := s.Visibility()
	if vis == N {
		return nil
	}
	rev := s.revDep.Eval()
	boolish := s.Type() == TypeBool || s.weakRevDep.Eval() == Y
	if vis == Y {
		switch {
		case s.choice != nil:
			return []Tri{Y}
		case rev == N && boolish:
			return []Tri{N, Y}
		case rev == N:
			return []Tri{N, M, Y}
		case rev == Y || boolish:
			return []Tri{Y}
		}
		return []Tri{M, Y}
	}
	switch rev {
	case N:
		if s.weakRevDep.Eval() != Y {
			return []Tri{N, M}
		}
		return []Tri{N, Y}
	case Y:
		return []Tri{Y}
	}
	return []Tri{M}
}

// ConfigString is the line write_config writes for the symbol ("" when it
// writes none): CONFIG_FOO=y, # CONFIG_FOO is not set, CONFIG_S="x".
func (s *Symbol) ConfigString() string {
	val := s.Value()
	if !s.writeToConf || s.isConst {
		return ""
	}
	p := s.kc.prefix
	switch s.orig {
	case TypeBool, TypeTristate:
		if val == "n" {
			return "# " + p + s.Name + " is not set\n"
		}
		return p + s.Name + "=" + val + "\n"
	case TypeInt, TypeHex:
		return p + s.Name + "=" + val + "\n"
	case TypeString:
		return p + s.Name + "=\"" + escape(val) + "\"\n"
	}
	return ""
}

// Type is the choice's type; tristate choices are bool when MODULES is n.
func (c *Choice) Type() Type {
	if c.orig == TypeTristate && c.kc.Modules.Tristate() == N {
		return TypeBool
	}
	return c.orig
}

// Visibility is the highest prompt condition of the choice.
func (c *Choice) Visibility() Tri {
	k := c.kc
	if c.visGen == k.gen {
		return c.vis
	}
	if c.busy&busyVis != 0 {
		k.loopGuard(c.exprName())
		return N
	}
	c.busy |= busyVis
	defer func() { c.busy &^= busyVis }()
	v := N
	for _, n := range c.nodes {
		if n.HasPrompt {
			v = maxTri(v, n.PromptCond.Eval())
		}
	}
	if v == M && c.Type() != TypeTristate {
		v = Y
	}
	c.vis, c.visGen = v, k.gen
	return v
}

// Tristate is the choice's mode: y (one member y), m (members m or n), n
// (only optional choices).
func (c *Choice) Tristate() Tri {
	val := M
	if c.optional {
		val = N
	}
	if c.user.set {
		val = maxTri(val, c.user.tri)
	}
	val = minTri(val, c.Visibility())
	if val == M && c.Type() == TypeBool {
		val = Y
	}
	return val
}

// Value is the mode as "n", "m" or "y".
func (c *Choice) Value() string { return c.Tristate().String() }

// Selection is the member that is y in y mode: the user's choice if it is
// visible, else the first default whose condition holds and whose symbol
// is visible, else the first visible member; nil in other modes.
func (c *Choice) Selection() *Symbol {
	k := c.kc
	if c.selGen == k.gen {
		return c.sel
	}
	if c.busy&busySel != 0 {
		k.loopGuard(c.exprName())
		return nil
	}
	c.busy |= busySel
	defer func() { c.busy &^= busySel }()
	var sel *Symbol
	if c.Tristate() == Y {
		if c.userSelection != nil && c.userSelection.Visibility() != N {
			sel = c.userSelection
		} else {
			sel = c.selectionFromDefaults()
		}
	}
	c.sel, c.selGen = sel, k.gen
	return sel
}

func (c *Choice) selectionFromDefaults() *Symbol {
	for _, d := range c.defaults {
		if d.Cond.Eval() != N && d.Value.Sym.Visibility() != N {
			return d.Value.Sym
		}
	}
	for _, s := range c.syms {
		if s.Visibility() != N {
			return s
		}
	}
	return nil
}

// Assignable lists the modes a user can set now.
func (c *Choice) Assignable() []Tri {
	vis := c.Visibility()
	switch {
	case vis == N:
		return nil
	case vis == Y && !c.optional && c.Type() == TypeBool:
		return []Tri{Y}
	case vis == Y && !c.optional:
		return []Tri{M, Y}
	case vis == Y && c.Type() == TypeBool:
		return []Tri{N, Y}
	case vis == Y:
		return []Tri{N, M, Y}
	case c.optional:
		return []Tri{N, M}
	}
	return []Tri{M}
}
