package kconfig

import (
	"os"
	"strconv"
	"strings"
	"sync"
)

// The $(...) preprocessor, as Kconfiglib implements it: variables (= is
// recursive, := immediate, += appends), $(1)... arguments of user-defined
// functions, built-in functions, then environment variables. Macros are
// expanded where Kconfiglib expands them: in symbol names, in quoted
// strings and in assignment lines, never in help texts.

// Guards against input that would otherwise expand forever or without
// bound (the reference would hit Python's recursion limit or run out of
// memory).
const (
	maxExpansionDepth = 1000
	maxExpansionLen   = 1 << 24
	maxFuncRecursion  = 100
)

// parseAssignment handles a line whose first word is not a keyword: a
// variable assignment, or a bare macro call that must expand to nothing.
func (p *parser) parseAssignment(s string) {
	s = pyLStrip(s)
	i := 0
	for {
		for i < len(s) && (isCmdChar(s[i]) && s[i] != '$') {
			i++
		}
		if strings.HasPrefix(s[i:], "$(") {
			s, i = p.expandMacro(s, i, nil)
			continue
		}
		break
	}
	if pyIsSpace(s) {
		return
	}
	name := s[:i]
	j := skipASCIISpace(s, i)
	var op string
	switch {
	case strings.HasPrefix(s[j:], ":="):
		op = ":="
	case strings.HasPrefix(s[j:], "+="):
		op = "+="
	case strings.HasPrefix(s[j:], "="):
		op = "="
	default:
		p.fail("syntax error", "a line is a keyword, a preprocessor assignment (NAME = value, NAME := value, NAME += value) or a comment")
	}
	j = skipASCIISpace(s, j+len(op))
	val := s[j:]
	if nl := strings.IndexByte(val, '\n'); nl >= 0 {
		val = val[:nl]
	}
	v, ok := p.k.vars[name]
	if !ok {
		v = &Variable{Name: name}
		p.k.vars[name] = v
		p.k.varOrder = append(p.k.varOrder, name)
		if op == "+=" {
			op = "="
		}
	}
	switch op {
	case "=":
		v.Recursive = true
		v.Value = val
	case ":=":
		v.Recursive = false
		v.Value = p.expandWhole(val, nil)
	default:
		if !v.Recursive {
			val = p.expandWhole(val, nil)
		}
		v.Value += " " + val
		p.checkLen(v.Value)
	}
}

// expandWhole expands every macro in s.
func (p *parser) expandWhole(s string, args []string) string {
	i := 0
	for {
		j := strings.Index(s[i:], "$(")
		if j < 0 {
			return s
		}
		s, i = p.expandMacro(s, i+j, args)
	}
}

// expandName expands a symbol name starting at i: the macro output is
// taken as it is (not rescanned), up to the first character that cannot
// be in a name. It returns the name, the new line and the index of the next
// token.
func (p *parser) expandName(s string, i int) (string, string, int) {
	start := i
	for {
		for i < len(s) && isIDChar(s[i]) && !strings.HasPrefix(s[i:], "$(") {
			i++
		}
		if strings.HasPrefix(s[i:], "$(") {
			s, i = p.expandMacro(s, i, nil)
			continue
		}
		break
	}
	name := s[start:i]
	if pyStrip(name) == "" {
		p.fail("macro expanded to blank string", "the macro must expand to a symbol name; check that the variables it uses are set")
	}
	return name, s, skipPySpace(s, i)
}

// expandStr expands the quoted string starting at i (handling backslash
// escapes and macros) and returns the new line and the index after the
// closing quote.
func (p *parser) expandStr(s string, i int) (string, int) {
	quote := s[i]
	i++
	for {
		j := i
		for j < len(s) && s[j] != '"' && s[j] != '\'' && s[j] != '\\' && !strings.HasPrefix(s[j:], "$(") {
			j++
		}
		if j >= len(s) {
			p.fail("unterminated string", "close the string with "+string(quote)+" on the same line")
		}
		switch c := s[j]; {
		case c == quote:
			return s, j + 1
		case c == '\\':
			// \x stands for x, and \$(foo) is not a macro.
			s = s[:j] + s[j+1:]
			i = j + 1
		case c == '$':
			s, i = p.expandMacro(s, j, nil)
		default:
			i = j + 1
		}
	}
}

// expandMacro expands the macro starting at i ("$(") and returns the new
// line and the index after the expansion. args are the arguments of the
// function whose body is being expanded ($(0) is its name).
func (p *parser) expandMacro(s string, i int, args []string) (string, int) {
	p.expDepth++
	if p.expDepth > maxExpansionDepth {
		p.fail("macros nested too deeply", "a variable or function probably expands to itself")
	}
	defer func() { p.expDepth-- }()
	res := s[:i]
	i += 2
	argStart := i
	var newArgs []string
	nesting := 0
	for {
		j := i
		for j < len(s) && s[j] != '(' && s[j] != ')' && s[j] != ',' && !strings.HasPrefix(s[j:], "$(") {
			j++
		}
		if j >= len(s) {
			p.fail("missing end parenthesis in macro expansion", "close every $( with )")
		}
		switch s[j] {
		case '(':
			nesting++
			i = j + 1
		case ')':
			if nesting > 0 {
				nesting--
				i = j + 1
				continue
			}
			newArgs = append(newArgs, s[argStart:j])
			// $(1) is the first argument of the function being expanded
			// (negative numbers count from the end, as Python indexes).
			if n, ok := parsePyInt(newArgs[0], 10); ok && n.big == nil && args != nil {
				idx := n.small
				if idx < 0 {
					idx += int64(len(args))
				}
				if idx >= 0 && idx < int64(len(args)) {
					res += args[idx]
					p.checkLen(res)
					return res + s[j+1:], len(res)
				}
			}
			res += p.fnVal(newArgs)
			p.checkLen(res)
			return res + s[j+1:], len(res)
		case ',':
			i = j + 1
			if nesting > 0 {
				continue
			}
			newArgs = append(newArgs, s[argStart:j])
			argStart = i
		default:
			s, i = p.expandMacro(s, j, args)
		}
	}
}

func (p *parser) checkLen(s string) {
	if len(s) > maxExpansionLen {
		p.fail("macro expansion too long (more than 16 MiB)", "a variable probably doubles itself on every expansion")
	}
}

// fnVal calls args[0] with args[1:]: a variable (a function without
// arguments, or with $(1)... in its value), a built-in or user function,
// or an environment variable. Anything else expands to nothing, as in the
// reference, with a warning.
func (p *parser) fnVal(args []string) string {
	name := args[0]
	if v, ok := p.k.vars[name]; ok {
		if len(args) == 1 {
			if v.depth > 0 {
				p.fail("Preprocessor variable "+name+" recursively references itself", "a recursive variable (=) cannot use itself; use := to append to its old value")
			}
		} else if v.depth > maxFuncRecursion {
			p.fail("Preprocessor function "+name+" seems stuck in infinite recursion", "")
		}
		v.depth++
		res := p.expandWhole(v.Value, args)
		v.depth--
		return res
	}
	if f, ok := p.function(name); ok {
		n := len(args) - 1
		if n < f.Min || (f.Max >= 0 && n > f.Max) {
			var want string
			switch {
			case f.Min == f.Max:
				want = strconv.Itoa(f.Min)
			case f.Max < 0:
				want = strconv.Itoa(f.Min) + " or more"
			default:
				want = strconv.Itoa(f.Min) + "-" + strconv.Itoa(f.Max)
			}
			p.failAt(p.pos(), "bad number of arguments in call to "+name+", expected "+want+", got "+strconv.Itoa(n), "")
		}
		out, err := f.Call(p.pos(), args[1:])
		if err != nil {
			if e, ok := err.(*Error); ok {
				panic(e)
			}
			p.failAt(p.pos(), "$("+name+",...): "+err.Error(), "")
		}
		return out
	}
	if val, ok := p.k.opts.Env[name]; ok {
		p.k.envUsed[name] = true
		return val
	}
	p.k.warnParse(p.pos(), CodeUndefinedMacro, "'"+name+"' is not a preprocessor variable, function or environment variable; $("+name+") expands to nothing",
		"define it (NAME := value) or set the environment variable", "")
	return ""
}

// function returns the built-in or user-defined function called name.
func (p *parser) function(name string) (Function, bool) {
	if f, ok := p.k.opts.Functions[name]; ok {
		return f, true
	}
	switch name {
	case "info":
		return Function{1, 1, func(pos Pos, a []string) (string, error) {
			p.k.parseDiags = append(p.k.parseDiags, Diagnostic{Pos: pos, Severity: SeverityInfo, Code: CodeInfo, Message: a[0]})
			return "", nil
		}}, true
	case "warning-if":
		return Function{2, 2, func(pos Pos, a []string) (string, error) {
			if a[0] == "y" {
				p.k.warnParse(pos, CodeMacro, a[1], "", "")
			}
			return "", nil
		}}, true
	case "error-if":
		return Function{2, 2, func(pos Pos, a []string) (string, error) {
			if a[0] == "y" {
				return "", &Error{Pos: pos, Message: a[1], Include: p.include}
			}
			return "", nil
		}}, true
	case "filename":
		return Function{0, 0, func(pos Pos, _ []string) (string, error) { return pos.File, nil }}, true
	case "lineno":
		return Function{0, 0, func(pos Pos, _ []string) (string, error) { return strconv.Itoa(pos.Line), nil }}, true
	case "shell":
		return Function{1, 1, p.shell}, true
	}
	return Function{}, false
}

// expandVars is Python's os.path.expandvars on the given environment:
// $NAME and ${NAME} of set variables are replaced, others left alone.
func expandVars(s string, env map[string]string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	i := 0
	for {
		j := strings.IndexByte(s[i:], '$')
		if j < 0 {
			return s
		}
		start := i + j
		k := start + 1
		var name string
		if k < len(s) && s[k] == '{' {
			end := strings.IndexByte(s[k:], '}')
			if end < 0 {
				i = start + 1
				continue
			}
			name = s[k+1 : k+end]
			k += end + 1
		} else {
			for k < len(s) && isWordChar(s[k]) {
				k++
			}
			if k == start+1 {
				i = start + 1
				continue
			}
			name = s[start+1 : k]
		}
		val, ok := env[name]
		if !ok {
			i = k
			continue
		}
		s = s[:start] + val + s[k:]
		i = start + len(val)
	}
}

func isWordChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

var (
	unameOnce sync.Once
	unameRel  string
)

// unameRelease is `uname -r`, which Kconfiglib substitutes for
// $UNAME_RELEASE in strings (a Linux-kernel compatibility hack).
func unameRelease() string {
	unameOnce.Do(func() {
		b, err := os.ReadFile("/proc/sys/kernel/osrelease")
		if err == nil {
			unameRel = strings.TrimSpace(string(b))
		} else {
			unameRel = "$UNAME_RELEASE"
		}
	})
	return unameRel
}
