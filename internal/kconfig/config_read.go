package kconfig

import (
	"os"
	"strings"
	"unicode/utf8"
)

// LoadConfig reads a .config (or defconfig) file into user values, as
// Kconfiglib's load_config: path as given, else under the source tree.
// With replace, symbols the file does not assign lose their user values;
// without, the file is merged into the current ones. Lines the reference
// ignores become diagnostics; only an unreadable file is an error.
func (k *Kconfig) LoadConfig(path string, replace bool) error {
	// assure: waive W-0021 -- the .config the user names
	data, err := os.ReadFile(path)
	if err != nil {
		alt := pyJoin(k.SrcTree, path)
		// assure: waive W-0022 -- the .config the user names, under the source tree
		data2, err2 := os.ReadFile(alt)
		if err2 != nil {
			return &Error{Pos: Pos{File: path}, Message: "cannot read configuration: " + errText(err),
				Hint: "check the path of the .config or defconfig (tried it as given and under the source tree " + k.SrcTree + ")"}
		}
		data = data2
	}
	return k.ReadConfig(path, data, replace)
}

// ReadConfig is LoadConfig on data already read; name is used in
// positions.
func (k *Kconfig) ReadConfig(name string, data []byte, replace bool) error {
	if !utf8.Valid(data) {
		line := 1 + strings.Count(string(data[:invalidUTF8At(data)]), "\n")
		return &Error{Pos: Pos{File: name, Line: line}, Message: "malformed UTF-8 in configuration file", Hint: "a .config is UTF-8 text; convert the file"}
	}
	text := string(data)
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if replace {
		k.missing = nil
		k.loadDiags = nil
		for _, s := range k.defined {
			s.wasSet = false
		}
		for _, c := range k.choices {
			c.wasSet = false
		}
	}
	prefix := k.prefix
	unsetPrefix := "# " + prefix
	linenr := 0
	for len(text) > 0 {
		var line string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, ""
		}
		linenr++
		pos := Pos{File: name, Line: linenr}
		line = pyRStrip(line)
		var sym *Symbol
		var val string
		if eq := strings.IndexByte(line, '='); strings.HasPrefix(line, prefix) && eq > len(prefix) {
			symName := line[len(prefix):eq]
			val = line[eq+1:]
			sym = k.syms[symName]
			if sym == nil || len(sym.nodes) == 0 {
				k.undefAssign(symName, val, pos)
				continue
			}
			switch sym.orig {
			case TypeBool, TypeTristate:
				ok := val != "" && (val[0] == 'y' || val[0] == 'n' || (val[0] == 'm' && sym.orig == TypeTristate))
				if !ok {
					k.loadWarn(pos, CodeInvalidValue, "'"+val+"' is not a valid value for the "+sym.orig.String()+" symbol "+sym.NameAndLoc()+". Assignment ignored.",
						validValuesHint(sym.orig), sym.Name)
					continue
				}
				val = val[:1]
				if c := sym.choice; c != nil && val != "n" {
					if c.user.set && c.user.tri.String() != val {
						k.loadWarn(pos, CodeChoiceMode, "both m and y assigned to symbols within the same choice", "a choice is either in y mode (one member y) or in m mode", sym.Name)
					}
					c.setValue(val, pos)
				}
			case TypeString:
				s, ok := confString(val)
				if !ok {
					k.loadWarn(pos, CodeInvalidValue, "malformed string literal in assignment to "+sym.NameAndLoc()+". Assignment ignored.",
						`write the value in double quotes, with \" and \\ for quotes and backslashes`, sym.Name)
					continue
				}
				val = unescape(s)
			}
		} else if rest, ok := strings.CutPrefix(line, unsetPrefix); ok && unsetName(rest) != "" {
			symName := unsetName(rest)
			sym = k.syms[symName]
			if sym == nil || len(sym.nodes) == 0 {
				k.undefAssign(symName, "n", pos)
				continue
			}
			if !sym.orig.IsBoolOrTristate() {
				continue
			}
			val = "n"
		} else {
			if line != "" && !strings.HasPrefix(pyLStrip(line), "#") {
				k.loadWarn(pos, CodeMalformedLine, "ignoring malformed line '"+line+"'",
					"a .config line is "+prefix+"NAME=value, '# "+prefix+"NAME is not set', a comment or blank", "")
			}
			continue
		}
		if sym.wasSet {
			k.assignedTwice(sym, val, pos)
		}
		sym.setValue(val, pos, false)
	}
	if replace {
		for _, s := range k.defined {
			if !s.wasSet {
				s.user = nil
			}
		}
		for _, c := range k.choices {
			if !c.wasSet {
				c.user = userValue{}
				c.userSelection = nil
			}
		}
	}
	k.invalidate()
	return nil
}

// unsetName is the NAME of "NAME is not set" ("" if rest is not that).
func unsetName(rest string) string {
	i := strings.IndexByte(rest, ' ')
	if i <= 0 || !strings.HasPrefix(rest[i:], " is not set") {
		return ""
	}
	return rest[:i]
}

// confString extracts the contents of a leading "..." with backslash
// escapes (what follows the closing quote is ignored, as in the reference).
func confString(val string) (string, bool) {
	if val == "" || val[0] != '"' {
		return "", false
	}
	for i := 1; i < len(val); i++ {
		switch val[i] {
		case '\\':
			if i+1 >= len(val) || val[i+1] == '\n' {
				return "", false
			}
			i++
		case '"':
			return val[1:i], true
		}
	}
	return "", false
}

func validValuesHint(t Type) string {
	if t == TypeBool {
		return "a bool symbol is y or n"
	}
	return "a tristate symbol is y, m or n"
}

func (k *Kconfig) loadWarn(pos Pos, code, msg, hint, sym string) {
	k.loadDiags = append(k.loadDiags, Diagnostic{Pos: pos, Code: code, Message: msg, Hint: hint, Symbol: sym})
}

func (k *Kconfig) undefAssign(name, val string, pos Pos) {
	k.missing = append(k.missing, Assignment{Name: name, Value: val, Pos: pos})
	k.loadWarn(pos, CodeUndefinedAssign, "attempt to assign the value '"+val+"' to the undefined symbol "+name,
		"remove the line or fix the name, or check that the tree and its environment are the ones this configuration is for", name)
}

func (k *Kconfig) assignedTwice(sym *Symbol, val string, pos Pos) {
	old := sym.uv().str
	if sym.orig.IsBoolOrTristate() {
		old = sym.uv().tri.String()
	}
	k.loadWarn(pos, CodeAssignedTwice, sym.NameAndLoc()+" set more than once. Old value \""+old+"\", new value \""+val+"\".",
		"the last assignment wins; remove the others", sym.Name)
}

// SetValue gives the symbol a user value, as a .config line would ("y",
// "m", "n" for bool and tristate). It reports whether the value is valid
// for the type; an invalid one is ignored with a diagnostic.
func (s *Symbol) SetValue(value string) bool {
	if s.isConst {
		return false
	}
	ok := s.setValue(value, Pos{}, true)
	s.kc.invalidate()
	return ok
}

// UnsetValue removes the symbol's user value.
func (s *Symbol) UnsetValue() {
	if s.user != nil {
		s.user = nil
		s.kc.invalidate()
	}
}

func (s *Symbol) setValue(value string, pos Pos, api bool) bool {
	k := s.kc
	isTri := s.orig.IsBoolOrTristate()
	tri, isNMY := N, false
	if isTri {
		tri, isNMY = triFromString(value)
	}
	if u := s.user; s.choice == nil && u != nil && ((isTri && isNMY && u.tri == tri) || (!isTri && u.str == value)) {
		s.wasSet = true
		return true
	}
	valid := false
	switch s.orig {
	case TypeBool:
		valid = isNMY && tri != M
	case TypeTristate:
		valid = isNMY
	case TypeString:
		valid = true
	case TypeInt:
		valid = isBaseN(value, 10)
	case TypeHex:
		n, ok := parsePyInt(value, 16)
		valid = ok && n.cmp(smallInt(0)) >= 0
	}
	if !valid {
		shown := "'" + value + "'"
		if isNMY {
			shown = value
		}
		k.loadWarn(pos, CodeInvalidValue, "the value "+shown+" is invalid for "+s.NameAndLoc()+", which has type "+s.orig.String()+" -- assignment ignored",
			"give a value of the symbol's type", s.Name)
		return false
	}
	s.user = &userValue{set: true, tri: tri, str: value, pos: pos}
	s.wasSet = true
	if s.choice != nil && isTri && tri == Y {
		s.choice.userSelection = s
		s.choice.wasSet = true
	} else if api && !hasPrompt(s.nodes) {
		k.loadWarn(pos, CodeInvisibleAssign, s.NameAndLoc()+" has no prompt, meaning user values have no effect on it", "", s.Name)
	}
	return true
}

func hasPrompt(nodes []*MenuNode) bool {
	for _, n := range nodes {
		if n.HasPrompt {
			return true
		}
	}
	return false
}

// SetValue sets the choice's mode ("y", "m" or "n").
func (c *Choice) SetValue(value string) bool {
	ok := c.setValue(value, Pos{})
	c.kc.invalidate()
	return ok
}

func (c *Choice) setValue(value string, pos Pos) bool {
	tri, isNMY := triFromString(value)
	if isNMY && c.user.set && c.user.tri == tri {
		c.wasSet = true
		return true
	}
	if !(c.orig == TypeBool && isNMY && tri != M || c.orig == TypeTristate && isNMY) {
		shown := "'" + value + "'"
		if isNMY {
			shown = value
		}
		c.kc.loadWarn(pos, CodeInvalidValue, "the value "+shown+" is invalid for "+c.NameAndLoc()+", which has type "+c.orig.String()+" -- assignment ignored", "", "")
		return false
	}
	c.user = userValue{set: true, tri: tri, pos: pos}
	c.wasSet = true
	return true
}

// UnsetValue removes the choice's mode and selection.
func (c *Choice) UnsetValue() {
	if c.user.set || c.userSelection != nil {
		c.user = userValue{}
		c.userSelection = nil
		c.kc.invalidate()
	}
}
