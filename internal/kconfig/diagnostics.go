package kconfig

import "strings"

// Diagnostics are every warning about the tree and the loaded
// configuration: from parsing (in file order), from loading .config files
// (in line order), from evaluating every symbol (in definition order), and
// for user values that did not take effect. Evaluating is forced, so the
// list is complete and the same on every call.
func (k *Kconfig) Diagnostics() []Diagnostic {
	k.evaluateAll()
	out := make([]Diagnostic, 0, len(k.parseDiags)+len(k.loadDiags)+len(k.evalDiags))
	out = append(out, k.parseDiags...)
	out = append(out, k.loadDiags...)
	out = append(out, k.evalDiags...)
	out = append(out, k.ineffectiveAssignments()...)
	return out
}

// ParseDiagnostics are the warnings from parsing alone.
func (k *Kconfig) ParseDiagnostics() []Diagnostic { return k.parseDiags }

func (k *Kconfig) evaluateAll() {
	for _, s := range k.defined {
		s.ConfigString()
	}
	for _, c := range k.choices {
		c.Selection()
	}
}

// ineffectiveAssignments reports user values from a .config that the
// symbol did not take: the symbol is not visible (its dependencies are not
// met, or it has no prompt), or a select, imply, range or choice overrode
// the value. This is the check Zephyr's kconfig wrapper adds on top of the
// reference, so a configuration cannot silently lose a setting.
func (k *Kconfig) ineffectiveAssignments() []Diagnostic {
	var out []Diagnostic
	for _, s := range k.defined {
		u := s.user
		if u == nil || u.pos.IsZero() {
			continue
		}
		want := u.str
		if s.orig.IsBoolOrTristate() {
			want = u.tri.String()
		}
		got := s.Value()
		if want == got {
			continue
		}
		msg := s.NameAndLoc() + " was assigned the value '" + want + "' but got the value '" + got + "'"
		hint := ""
		switch {
		case !hasPrompt(s.nodes):
			msg += ": it has no prompt, so user values have no effect on it"
			hint = "remove the line; the value comes from defaults and selects"
		case s.Visibility() == N:
			msg += ": it is not visible"
			if missing := k.unmetDeps(s); missing != "" {
				msg += " (unsatisfied dependencies: " + missing + ")"
			}
			hint = "enable what it depends on, or remove the line"
		case s.choice != nil && want == "n":
			msg += ": " + s.choice.exprName() + " is in y mode and picks it (a choice in y mode has one member y)"
			hint = "set the member you want to y"
		case s.choice != nil:
			msg += ": another member of " + s.choice.exprName() + " is selected"
			hint = "set exactly one member of the choice to y"
		case s.orig.IsBoolOrTristate() && s.revDep.Eval() > u.tri:
			msg += ": it is selected by " + symNames(s.SelectedBy())
			hint = "remove the select, or the line"
		case s.orig.IsBoolOrTristate():
			msg += ": its visibility limits it to " + s.Visibility().String()
			hint = "tristate symbols can be m only when MODULES is y"
		default:
			// Out of range: the evaluator already reported it.
			continue
		}
		out = append(out, Diagnostic{Pos: u.pos, Code: CodeInvisibleAssign, Message: msg, Hint: hint, Symbol: s.Name})
	}
	return out
}

// unmetDeps names the parts of the symbol's prompt conditions that are n.
func (k *Kconfig) unmetDeps(s *Symbol) string {
	var parts []string
	seen := map[string]bool{}
	for _, n := range s.nodes {
		if !n.HasPrompt {
			continue
		}
		for _, term := range n.PromptCond.Split(OpAnd) {
			if term.Eval() != N {
				continue
			}
			str := term.String()
			if !seen[str] {
				seen[str] = true
				parts = append(parts, str)
			}
		}
	}
	return strings.Join(parts, ", ")
}

func symNames(syms []*Symbol) string {
	names := make([]string, len(syms))
	for i, s := range syms {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}
