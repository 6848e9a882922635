package kconfig

import (
	"strings"
	"unicode/utf8"
)

// tokKind is a token: a keyword, a symbol, a string, or tNone (end of
// line; a blank line is a single tNone).
type tokKind uint8

const (
	tNone tokKind = iota
	tSym
	tStr
	tAllnoconfigY
	tAnd
	tBool
	tChoice
	tCloseParen
	tComment
	tConfig
	tDefault
	tDefconfigList
	tDefBool
	tDefHex
	tDefInt
	tDefString
	tDefTristate
	tDepends
	tEndchoice
	tEndif
	tEndmenu
	tEnv
	tEqual
	tGreater
	tGreaterEqual
	tHelp
	tHex
	tIf
	tImply
	tInt
	tLess
	tLessEqual
	tMainmenu
	tMenu
	tMenuconfig
	tModules
	tNot
	tOn
	tOpenParen
	tOption
	tOptional
	tOr
	tOrsource
	tOsource
	tPrompt
	tRange
	tRsource
	tSelect
	tSource
	tString
	tTristate
	tUnequal
	tVisible
	numTok
)

// keyword returns the token of a keyword, tNone for other words. A switch
// is several times faster than a map here, the hottest lookup of parsing.
func keyword(s string) tokKind {
	switch s {
	case "---help---":
		return tHelp
	case "allnoconfig_y":
		return tAllnoconfigY
	case "bool":
		return tBool
	case "boolean":
		return tBool
	case "choice":
		return tChoice
	case "comment":
		return tComment
	case "config":
		return tConfig
	case "def_bool":
		return tDefBool
	case "def_hex":
		return tDefHex
	case "def_int":
		return tDefInt
	case "def_string":
		return tDefString
	case "def_tristate":
		return tDefTristate
	case "default":
		return tDefault
	case "defconfig_list":
		return tDefconfigList
	case "depends":
		return tDepends
	case "endchoice":
		return tEndchoice
	case "endif":
		return tEndif
	case "endmenu":
		return tEndmenu
	case "env":
		return tEnv
	case "grsource":
		return tOrsource
	case "gsource":
		return tOsource
	case "help":
		return tHelp
	case "hex":
		return tHex
	case "if":
		return tIf
	case "imply":
		return tImply
	case "int":
		return tInt
	case "mainmenu":
		return tMainmenu
	case "menu":
		return tMenu
	case "menuconfig":
		return tMenuconfig
	case "modules":
		return tModules
	case "on":
		return tOn
	case "option":
		return tOption
	case "optional":
		return tOptional
	case "orsource":
		return tOrsource
	case "osource":
		return tOsource
	case "prompt":
		return tPrompt
	case "range":
		return tRange
	case "rsource":
		return tRsource
	case "select":
		return tSelect
	case "source":
		return tSource
	case "string":
		return tString
	case "tristate":
		return tTristate
	case "visible":
		return tVisible
	}
	return tNone
}

// stringLex are the tokens after which a quoted or bare word is a string
// (a prompt, a title, a path), not a symbol.
var stringLex [numTok]bool

// tokType maps type keywords to types; defType the def_* keywords.
var tokType, defType [numTok]Type

func init() {
	for _, t := range []tokKind{tBool, tChoice, tComment, tHex, tInt, tMainmenu, tMenu,
		tOrsource, tOsource, tPrompt, tRsource, tSource, tString, tTristate} {
		stringLex[t] = true
	}
	tokType[tBool], tokType[tTristate], tokType[tInt], tokType[tHex], tokType[tString] =
		TypeBool, TypeTristate, TypeInt, TypeHex, TypeString
	defType[tDefBool], defType[tDefTristate], defType[tDefInt], defType[tDefHex], defType[tDefString] =
		TypeBool, TypeTristate, TypeInt, TypeHex, TypeString
}

func isRelation(t tokKind) bool {
	switch t {
	case tEqual, tUnequal, tLess, tLessEqual, tGreater, tGreaterEqual:
		return true
	}
	return false
}

var relOp = map[tokKind]Op{
	tEqual: OpEqual, tUnequal: OpUnequal, tLess: OpLess, tLessEqual: OpLessEqual,
	tGreater: OpGreater, tGreaterEqual: OpGreaterEqual,
}

type token struct {
	kind tokKind
	sym  *Symbol
	str  string
}

// isCmdChar is [A-Za-z0-9_$-], the first word of a line.
func isCmdChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '-'
}

// isIDChar is [A-Za-z0-9_$/.-], a word after the first.
func isIDChar(c byte) bool { return isCmdChar(c) || c == '/' || c == '.' }

func skipASCIISpace(s string, i int) int {
	for i < len(s) && isASCIISpace(s[i]) {
		i++
	}
	return i
}

func skipPySpace(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !pyIsSpaceRune(rune(c)) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !pyIsSpaceRune(r) {
			return i
		}
		i += n
	}
	return i
}

// tokenize splits one logical line into tokens, expanding macros on the
// way, exactly as Kconfiglib's _tokenize: which words are symbols and
// which are strings depends on the token before them.
func (p *parser) tokenize(s string) {
	p.line = s
	p.tokens = p.tokens[:0]
	p.ti = 1
	i := skipASCIISpace(s, 0)
	j := i
	for j < len(s) && isCmdChar(s[j]) {
		j++
	}
	if j == i {
		if pyIsSpace(s) || strings.HasPrefix(pyLStrip(s), "#") {
			p.tokens = append(p.tokens, token{})
			return
		}
		p.fail("unknown token at start of line", "a line starts with a keyword (config, menu, if, source, ...), a preprocessor assignment or '#'")
	}
	first := keyword(s[i:j])
	if first == tNone {
		if strings.Trim(s, " \t\n-") == "help" {
			p.tokens = append(p.tokens, token{kind: tHelp}, token{})
			return
		}
		p.parseAssignment(s)
		p.tokens = append(p.tokens, token{})
		return
	}
	p.tokens = append(p.tokens, token{kind: first})
	prev := first
	i = skipASCIISpace(s, j)
	for i < len(s) {
		var tok token
		j = i
		for j < len(s) && isIDChar(s[j]) {
			j++
		}
		if j > i {
			name := s[i:j]
			if kw := keyword(name); kw != tNone {
				tok.kind = kw
				i = skipASCIISpace(s, j)
			} else if !stringLex[prev] {
				if strings.IndexByte(name, '$') >= 0 {
					name, s, i = p.expandName(s, i)
				} else {
					i = skipASCIISpace(s, j)
				}
				tok.kind = tSym
				if isNMY(name) {
					tok.sym = p.k.constSyms[name]
				} else {
					tok.sym = p.k.lookupSym(name)
				}
			} else {
				if prev != tChoice {
					p.k.warnParse(p.pos(), CodeSyntax, "style: quotes recommended around '"+name+"' in '"+pyStrip(p.line)+"'", "", "")
				}
				tok.kind, tok.str = tStr, name
				i = skipASCIISpace(s, j)
			}
		} else {
			c := s[i]
			switch {
			case c == '"' || c == '\'':
				var val string
				if !strings.ContainsAny(s, "$\\") {
					end := strings.IndexByte(s[i+1:], c)
					if end < 0 {
						p.fail("unterminated string", "close the string with "+string(c)+" on the same line")
					}
					val = s[i+1 : i+1+end]
					i += end + 2
				} else {
					var end int
					s, end = p.expandStr(s, i)
					val = expandVars(strings.ReplaceAll(s[i+1:end-1], "$UNAME_RELEASE", unameRelease()), p.k.opts.Env)
					i = end
				}
				if stringLex[prev] || p.tokens[0].kind == tOption {
					tok.kind, tok.str = tStr, val
				} else {
					tok.kind, tok.sym = tSym, p.k.lookupConstSym(val)
				}
			case strings.HasPrefix(s[i:], "&&"):
				tok.kind = tAnd
				i += 2
			case strings.HasPrefix(s[i:], "||"):
				tok.kind = tOr
				i += 2
			case c == '=':
				tok.kind = tEqual
				i++
			case strings.HasPrefix(s[i:], "!="):
				tok.kind = tUnequal
				i += 2
			case c == '!':
				tok.kind = tNot
				i++
			case c == '(':
				tok.kind = tOpenParen
				i++
			case c == ')':
				tok.kind = tCloseParen
				i++
			case c == '#':
				i = len(s) + 1
				continue
			case strings.HasPrefix(s[i:], "<="):
				tok.kind = tLessEqual
				i += 2
			case c == '<':
				tok.kind = tLess
				i++
			case strings.HasPrefix(s[i:], ">="):
				tok.kind = tGreaterEqual
				i += 2
			case c == '>':
				tok.kind = tGreater
				i++
			default:
				p.fail("unknown tokens in line", "expressions use symbols, quoted strings, &&, ||, !, =, !=, <, <=, >, >= and parentheses")
			}
			i = skipPySpace(s, i)
		}
		p.tokens = append(p.tokens, tok)
		prev = tok.kind
	}
	p.tokens = append(p.tokens, token{})
}

// tok returns token i, or the end-of-line token past the end.
func (p *parser) tok(i int) token {
	if i < len(p.tokens) {
		return p.tokens[i]
	}
	return token{}
}

func (p *parser) next() token {
	t := p.tok(p.ti)
	p.ti++
	return t
}

func (p *parser) check(kind tokKind) bool {
	if p.tok(p.ti).kind == kind {
		p.ti++
		return true
	}
	return false
}

func (p *parser) expectSym() *Symbol {
	t := p.next()
	if t.kind != tSym {
		p.fail("expected symbol", "write a symbol name or a quoted value here")
	}
	return t.sym
}

func (p *parser) expectNonconstSym() *Symbol {
	t := p.tok(1)
	p.ti = 2
	if t.kind != tSym || t.sym.isConst {
		p.fail("expected nonconstant symbol", "select and imply name a symbol, not a quoted value")
	}
	return t.sym
}

func (p *parser) expectStrAndEOL() string {
	t := p.next()
	if t.kind != tStr {
		p.fail("expected string", "put the text in double quotes")
	}
	if p.tok(p.ti).kind != tNone {
		p.trailingTokens()
	}
	return t.str
}

func (p *parser) expectExprAndEOL() *Expr {
	e := p.parseExpr(true)
	if p.tok(p.ti).kind != tNone {
		p.trailingTokens()
	}
	return e
}

func (p *parser) trailingTokens() {
	p.fail("extra tokens at end of line", "one statement or property per line; conditions follow 'if'")
}
