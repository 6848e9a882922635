package unused

import (
	"path/filepath"
	"strings"

	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

// cmakeCommand is one command invocation: name(args).
type cmakeCommand struct {
	name string
	args []string
}

// splitCMake reads the commands of a CMake file: names, arguments split
// at blanks, quoted arguments, nested parentheses kept as words, comments.
func splitCMake(src string) []cmakeCommand {
	var out []cmakeCommand
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == '#':
			if strings.HasPrefix(src[i:], "#[[") {
				if j := strings.Index(src[i:], "]]"); j >= 0 {
					i += j + 2
					continue
				}
			}
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case isIdentStart(c):
			j := i
			for j < len(src) && (isIdentStart(src[j]) || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			name := strings.ToLower(src[i:j])
			k := j
			for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
				k++
			}
			if k >= len(src) || src[k] != '(' {
				i = j
				continue
			}
			args, end := cmakeArgs(src, k+1)
			out = append(out, cmakeCommand{name: name, args: args})
			i = end
		default:
			i++
		}
	}
	return out
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// cmakeArgs reads arguments from i (just after '(') to the matching ')'.
func cmakeArgs(src string, i int) ([]string, int) {
	var args []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			args = append(args, cur.String())
			cur.Reset()
		}
	}
	depth := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j > len(src) {
				j = len(src)
			}
			cur.WriteString(src[i+1 : min(j, len(src))])
			i = j + 1
			continue
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '(':
			flush()
			args = append(args, "(")
			depth++
		case c == ')':
			flush()
			if depth == 0 {
				return args, i + 1
			}
			args = append(args, ")")
			depth--
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			flush()
		default:
			cur.WriteByte(c)
		}
		i++
	}
	flush()
	return args, i
}

// cmakeCond turns the arguments of if()/elseif() into an expression: an
// option for CONFIG_X, ${CONFIG_X} or DEFINED CONFIG_X; NOT, AND, OR and
// parentheses; anything else (comparisons, other variables) as unknown.
func cmakeCond(args []string) *symtab.Expr {
	p := &cmakeCondParser{args: args}
	e := p.or()
	if p.i < len(p.args) {
		return symtab.C("?")
	}
	return e
}

type cmakeCondParser struct {
	args []string
	i    int
}

func (p *cmakeCondParser) peek() string {
	if p.i < len(p.args) {
		return p.args[p.i]
	}
	return ""
}

func (p *cmakeCondParser) or() *symtab.Expr {
	e := p.and()
	for p.peek() == "OR" {
		p.i++
		e = symtab.OrE(e, p.and())
	}
	return e
}

func (p *cmakeCondParser) and() *symtab.Expr {
	e := p.not()
	for p.peek() == "AND" {
		p.i++
		e = symtab.AndE(e, p.not())
	}
	return e
}

func (p *cmakeCondParser) not() *symtab.Expr {
	if p.peek() == "NOT" {
		p.i++
		return symtab.NotE(p.not())
	}
	e := p.atom()
	// A comparison makes the operand unknown: skip to the next AND/OR.
	if t := p.peek(); t != "" && t != "AND" && t != "OR" && t != ")" {
		for t := p.peek(); t != "" && t != "AND" && t != "OR" && t != ")"; t = p.peek() {
			p.i++
		}
		return symtab.C("?")
	}
	return e
}

func (p *cmakeCondParser) atom() *symtab.Expr {
	t := p.peek()
	p.i++
	switch {
	case t == "(":
		e := p.or()
		if p.peek() == ")" {
			p.i++
		}
		return e
	case t == "DEFINED":
		return configVar(p.next())
	}
	return configVar(t)
}

func (p *cmakeCondParser) next() string {
	t := p.peek()
	p.i++
	return t
}

// configVar reads CONFIG_X or ${CONFIG_X} as option X.
func configVar(t string) *symtab.Expr {
	t = strings.TrimSuffix(strings.TrimPrefix(t, "${"), "}")
	if opt, ok := strings.CutPrefix(t, "CONFIG_"); ok && opt != "" && !strings.ContainsAny(opt, "${}") {
		return symtab.S(opt)
	}
	return symtab.C("?")
}

// cmakePath resolves a file argument, or "" when it holds a variable
// other than the current directory.
func cmakePath(dir, arg string) string {
	for _, v := range []string{"${CMAKE_CURRENT_SOURCE_DIR}", "${CMAKE_CURRENT_LIST_DIR}"} {
		if rest, ok := strings.CutPrefix(arg, v); ok {
			arg = strings.TrimPrefix(rest, "/")
		}
	}
	if arg == "" || strings.Contains(arg, "${") || strings.Contains(arg, "$<") {
		return ""
	}
	if filepath.IsAbs(arg) {
		return filepath.Clean(arg)
	}
	return filepath.Join(dir, arg)
}

// scanCMake records the files and directories a CMake file adds under
// options (Zephyr's *_ifdef helpers and if(CONFIG_X) blocks).
func scanCMake(g *Gates, dir, src string) {
	var stack condStack
	for _, c := range splitCMake(src) {
		switch c.name {
		case "if":
			stack = append(stack, cmakeCond(c.args))
			continue
		case "elseif":
			stack.elseOf(cmakeCond(c.args))
			continue
		case "else":
			stack.elseOf(nil)
			continue
		case "endif":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		base := stack.required()
		args := c.args
		if strings.HasSuffix(c.name, "_ifndef") {
			continue // built when the option is off: not gated by it
		}
		if strings.HasSuffix(c.name, "_ifdef") && len(args) > 0 {
			base = union(base, cmakeCond(args[:1]).Required())
			args = args[1:]
		}
		if len(base) == 0 {
			continue
		}
		name := strings.TrimSuffix(c.name, "_ifdef")
		switch {
		case name == "add_subdirectory" && len(args) > 0:
			if p := cmakePath(dir, args[0]); p != "" {
				g.addDir(p, base)
			}
		case strings.HasSuffix(name, "sources") || name == "add_library" || name == "add_executable":
			for _, a := range args {
				if p := cmakePath(dir, a); p != "" && isSource(p) {
					g.addFile(p, base)
				}
			}
		}
	}
}
