package csrc

import (
	"bytes"
	"sort"
	"strings"
)

// Def is a function or variable a file defines at top level.
type Def struct {
	Name string `json:"name"`
	Line int    `json:"line"`
	// Func is set for a function, clear for a variable.
	Func   bool `json:"func,omitempty"`
	Static bool `json:"static,omitempty"`
	// Requires lists the options (without CONFIG_) the preprocessor
	// conditionals around the definition require to be enabled, sorted.
	Requires []string `json:"requires,omitempty"`
}

// Ref is one place a file names CONFIG_X.
type Ref struct {
	Option string `json:"option"` // without CONFIG_
	Line   int    `json:"line"`
	// Comment is set when the name is in a comment.
	Comment bool `json:"comment,omitempty"`
}

// File is what the scanner found in one file.
type File struct {
	Defs []Def
	Refs []Ref
	// Idents are the identifiers the code uses (not comments, not string
	// literals), sorted, each once.
	Idents []string
}

// frame is one open #if group. Only sets of options are kept, never the
// conditions of earlier branches themselves: a long #elif chain would
// otherwise grow a condition that refers to every branch before it.
type frame struct {
	cur *cond           // condition of the current branch (nil for #else)
	neg map[string]bool // options that must be on for every earlier branch to be false
	req []string        // options the current branch requires
}

// next moves the frame to a new branch with condition c (nil: #else).
func (f *frame) next(c *cond) {
	if f.neg == nil {
		f.neg = map[string]bool{}
	}
	if f.cur != nil {
		for n := range f.cur.pos(true) {
			f.neg[n] = true
		}
	}
	f.cur = c
	set := map[string]bool{}
	for n := range f.neg {
		set[n] = true
	}
	if c != nil {
		for _, n := range c.requires() {
			set[n] = true
		}
	}
	f.req = f.req[:0:0]
	for n := range set {
		f.req = append(f.req, n)
	}
	sort.Strings(f.req)
}

type scanner struct {
	refsOnly bool
	lex      *lexer
	stack    []frame
	req      []string // requirements of the current point, recomputed on each directive
	out      *File
	idents   map[string]bool

	// Top-level declaration state.
	depth   int     // brace depth
	clear   int     // braces of extern "C" { that do not count as depth
	decl    []token // tokens since the last top-level ; or }
	declReq [][]string
	body    *Def // function whose body is open
}

// Scan reads one C (or assembler, or linker script) source.
func Scan(src []byte) *File { return scan(src, false) }

// ScanRefs finds only the CONFIG_ names of src: the part of Scan the
// hygiene check needs, at a fraction of the cost.
func ScanRefs(src []byte) []Ref { return scan(src, true).Refs }

func scan(src []byte, refsOnly bool) *File {
	s := &scanner{out: &File{}, idents: map[string]bool{}, refsOnly: refsOnly}
	s.lex = &lexer{src: src, line: 1, bol: true, comment: s.commentRefs}
	for {
		it := s.lex.next()
		if it.eof {
			break
		}
		if it.dir != nil {
			if refsOnly {
				for _, t := range it.dir.args {
					s.ref(t)
				}
				continue
			}
			s.directive(it.dir)
			continue
		}
		if refsOnly {
			s.ref(it.tok)
			continue
		}
		s.token(it.tok)
	}
	for n := range s.idents {
		s.out.Idents = append(s.out.Idents, n)
	}
	sort.Strings(s.out.Idents)
	sort.SliceStable(s.out.Refs, func(i, j int) bool { return s.out.Refs[i].Line < s.out.Refs[j].Line })
	return s.out
}

func (s *scanner) commentRefs(text []byte, line int) {
	for len(text) > 0 {
		i := bytes.Index(text, configPrefix)
		if i < 0 {
			return
		}
		line += bytes.Count(text[:i], []byte{'\n'})
		j := i + len(configPrefix)
		for j < len(text) && isIdent(text[j]) {
			j++
		}
		if j > i+len(configPrefix) && (i == 0 || !isIdent(text[i-1])) {
			s.out.Refs = append(s.out.Refs, Ref{Option: string(text[i+len(configPrefix) : j]), Line: line, Comment: true})
		}
		text = text[j:]
	}
}

var configPrefix = []byte("CONFIG_")

func (s *scanner) ref(t token) {
	if t.kind == 'i' {
		if opt, ok := strings.CutPrefix(t.text, "CONFIG_"); ok && opt != "" {
			s.out.Refs = append(s.out.Refs, Ref{Option: opt, Line: t.line})
		}
	}
}

func (s *scanner) directive(d *directive) {
	for _, t := range d.args {
		s.ref(t)
		if t.kind == 'i' {
			s.idents[t.text] = true
		}
	}
	switch d.name {
	case "if", "ifdef", "ifndef":
		f := frame{}
		f.next(branchCond(d))
		s.stack = append(s.stack, f)
	case "elif", "elifdef", "elifndef", "else":
		if len(s.stack) == 0 {
			return // unbalanced: the compiler would reject it; keep going
		}
		var c *cond
		if d.name != "else" {
			c = branchCond(d)
		}
		s.stack[len(s.stack)-1].next(c)
	case "endif":
		if len(s.stack) > 0 {
			s.stack = s.stack[:len(s.stack)-1]
		}
	default:
		return
	}
	s.recompute()
}

// branchCond is the condition of an #if, #ifdef, #ifndef, #elif,
// #elifdef or #elifndef line.
func branchCond(d *directive) *cond {
	switch d.name {
	case "if", "elif":
		return parseCond(d.args)
	}
	c := opaque
	if len(d.args) > 0 {
		c = configAtom(d.args[0].text)
	}
	if d.name == "ifndef" || d.name == "elifndef" {
		c = not(c)
	}
	return c
}

func (s *scanner) recompute() {
	set := map[string]bool{}
	for _, f := range s.stack {
		for _, n := range f.req {
			set[n] = true
		}
	}
	s.req = nil
	for n := range set {
		s.req = append(s.req, n)
	}
	sort.Strings(s.req)
}

func (s *scanner) token(t token) {
	s.ref(t)
	if t.kind == 'i' {
		s.idents[t.text] = true
	}
	switch {
	case t.text == "{":
		if s.depth == 0 && isExternC(s.decl) {
			s.clear++
			s.reset()
			return
		}
		if s.depth == 0 {
			if i := functionName(s.decl); i >= 0 {
				s.body = s.def(i, true)
			}
		}
		s.depth++
	case t.text == "}":
		if s.depth == 0 {
			if s.clear > 0 {
				s.clear--
			}
			s.reset()
			return
		}
		s.depth--
		if s.depth == 0 && s.body != nil {
			s.out.Defs = append(s.out.Defs, *s.body)
			s.body = nil
			s.reset()
			return
		}
	case t.text == ";" && s.depth == 0:
		s.declaration()
		s.reset()
		return
	}
	if s.depth == 0 || s.body == nil {
		s.decl = append(s.decl, t)
		s.declReq = append(s.declReq, s.req)
	}
}

func (s *scanner) reset() { s.decl, s.declReq = s.decl[:0], s.declReq[:0] }

func (s *scanner) def(i int, fn bool) *Def {
	d := &Def{Name: s.decl[i].text, Line: s.decl[i].line, Func: fn, Requires: s.declReq[i]}
	for _, t := range s.decl[:i] {
		if t.text == "static" {
			d.Static = true
		}
	}
	return d
}

func isExternC(decl []token) bool {
	return len(decl) == 2 && decl[0].text == "extern" && decl[1].kind == 's'
}

// attribute reports identifiers that introduce an attribute or a
// qualifier macro rather than name a declaration.
func attribute(name string) bool {
	return strings.HasPrefix(name, "__") || name == "alignas" || name == "_Alignas" || name == "asm" || name == "_Static_assert" || name == "static_assert"
}

var keywords = map[string]bool{
	"if": true, "while": true, "for": true, "switch": true, "return": true, "sizeof": true, "do": true, "else": true,
	"typedef": true, "struct": true, "union": true, "enum": true, "extern": true, "static": true, "const": true,
	"volatile": true, "inline": true, "register": true, "auto": true, "signed": true, "unsigned": true,
	"void": true, "char": true, "short": true, "int": true, "long": true, "float": true, "double": true, "_Bool": true,
}

// functionName finds, in the tokens before a top-level '{', the name of
// the function being defined: the identifier before the last
// parenthesised group that follows an identifier which is not an
// attribute. It returns -1 when the brace does not open a function body
// (a struct, an initializer).
func functionName(decl []token) int {
	for _, t := range decl {
		if t.text == "=" || t.text == "typedef" {
			return -1
		}
	}
	if len(decl) == 0 || decl[len(decl)-1].text == "]" {
		return -1
	}
	// A function returning a function pointer, "int (*f(int))(void)",
	// has its name one parenthesis deep.
	best, inner := -1, -1
	depth := 0
	for i, t := range decl {
		switch t.text {
		case "(":
			if i > 0 && decl[i-1].kind == 'i' && !attribute(decl[i-1].text) && !keywords[decl[i-1].text] {
				switch depth {
				case 0:
					best = i - 1
				case 1:
					inner = i - 1
				}
			}
			depth++
		case ")":
			depth--
		}
	}
	if best < 0 {
		best = inner
	}
	if best < 0 {
		return -1
	}
	// struct s { ... } after a macro call: the brace follows the tag.
	last := decl[len(decl)-1]
	if last.kind == 'i' && !attribute(last.text) {
		for _, t := range decl {
			if t.text == "struct" || t.text == "union" || t.text == "enum" {
				return -1
			}
		}
	}
	return best
}

// declaration records the variables a top-level declaration ending in ';'
// defines. Prototypes, typedefs, extern declarations and macro calls
// define nothing.
func (s *scanner) declaration() {
	decl := s.decl
	if len(decl) == 0 {
		return
	}
	for _, t := range decl {
		if t.text == "typedef" || t.text == "extern" || t.text == "_Static_assert" || t.text == "static_assert" {
			return
		}
	}
	// Split into declarators at depth-0 commas, skipping the type part's
	// braces (struct bodies, initializers).
	depth := 0
	start := 0
	var parts [][2]int
	for i, t := range decl {
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ",":
			if depth == 0 {
				parts = append(parts, [2]int{start, i})
				start = i + 1
			}
		}
	}
	parts = append(parts, [2]int{start, len(decl)})
	for k, p := range parts {
		if i := declaratorName(decl, p[0], p[1], k == 0); i >= 0 {
			d := s.def(i, false)
			s.out.Defs = append(s.out.Defs, *d)
		}
	}
}

// declaratorName finds the name a declarator defines between from and to:
// the identifier before its initializer or array bounds, else its last
// identifier; -1 for a prototype, a macro call or a bare type. A lone word
// is a definition only after a comma ("int a, b;"), else a macro use.
func declaratorName(decl []token, from, to int, first bool) int {
	end, depth := to, 0
	for i := from; i < to && end == to; i++ {
		switch decl[i].text {
		case "{":
			depth++
		case "}":
			depth--
		case "=", "[":
			if depth == 0 {
				end = i
			}
		}
	}
	// The name of "struct s { ... } name" follows the closing brace.
	start := from
	depth = 0
	for i := from; i < end; i++ {
		switch decl[i].text {
		case "{":
			depth++
		case "}":
			depth--
			if depth == 0 {
				start = i + 1
			}
		}
	}
	name := -1
	depth = 0
	for i := start; i < end; i++ {
		t := decl[i]
		switch t.text {
		case "(", "{":
			depth++
			continue
		case ")", "}":
			depth--
			continue
		}
		if depth == 0 && t.kind == 'i' && !attribute(t.text) && !keywords[t.text] {
			if i+1 < end && decl[i+1].text == "(" {
				return -1 // a prototype or a macro call
			}
			name = i
		}
	}
	if name < 0 || first && name == from && end == to {
		return -1
	}
	return name
}
