package kconfig

import (
	"strings"
)

// parser holds the state of one Parse: the file being read, the include
// chain, and the tokens of the current line. Errors panic with *Error and
// Parse recovers them, as the reference raises KconfigError.
type parser struct {
	k        *Kconfig
	file     *srcFile
	stack    []frame
	include  []Pos
	filename string
	linenr   int

	line   string
	tokens []token
	ti     int
	reuse  bool

	expDepth  int
	exprDepth int
	cache     map[string]string
	pf        *prefetcher

	// scratch space for the properties of the entry being parsed
	defs       []Default
	sels, imps []Select
	rngs       []Range
}

type frame struct {
	include []Pos
	file    *srcFile
}

// srcFile is the text of a Kconfig file with Python's universal newlines.
type srcFile struct {
	data string
	off  int
}

// readline returns the next line with its "\n", or "" at the end.
func (f *srcFile) readline() string {
	if f.off >= len(f.data) {
		return ""
	}
	rest := f.data[f.off:]
	i := strings.IndexByte(rest, '\n')
	if i < 0 {
		f.off = len(f.data)
		return rest
	}
	f.off += i + 1
	return rest[:i+1]
}

func newParser(k *Kconfig) *parser {
	return &parser{k: k, tokens: make([]token, 0, 16), cache: map[string]string{}}
}

func (p *parser) pos() Pos { return Pos{File: p.filename, Line: p.linenr} }

func (p *parser) fail(msg, hint string) {
	panic(&Error{Pos: p.pos(), Message: "couldn't parse '" + pyStrip(p.line) + "': " + msg, Hint: hint, Include: p.include})
}

func (p *parser) failAt(pos Pos, msg, hint string) {
	panic(&Error{Pos: pos, Message: msg, Hint: hint, Include: p.include})
}

func (p *parser) readline() string { return p.file.readline() }

// nextLine reads and tokenizes the next logical line (joining lines that
// end in a backslash); false at the end of the file.
func (p *parser) nextLine() bool {
	if p.reuse {
		p.reuse = false
		return true
	}
	line := p.readline()
	if line == "" {
		return false
	}
	p.linenr++
	for strings.HasSuffix(line, "\\\n") {
		line = line[:len(line)-2] + p.readline()
		p.linenr++
	}
	p.tokenize(line)
	return true
}

// lineAfterHelp tokenizes the line that ended a help text, to be used as
// the next line.
func (p *parser) lineAfterHelp(line string) {
	for strings.HasSuffix(line, "\\\n") {
		line = line[:len(line)-2] + p.readline()
		p.linenr++
	}
	p.tokenize(line)
	p.reuse = true
}

func (p *parser) parseRoot(root string) {
	p.filename = root
	p.k.files = append(p.k.files, root)
	p.file = p.openFile(pyJoin(p.k.SrcTree, root), func(err error) {
		panic(&Error{Pos: Pos{File: root}, Message: "cannot open the root Kconfig file: " + errText(err),
			Hint: "check the path of the Kconfig file and the source tree (srctree is " + p.k.SrcTree + ")"})
	})
	last := p.parseBlock(tNone, p.k.Top, p.k.Top, Pos{})
	last.Next = nil
	p.k.Top.List = p.k.Top.Next
	p.k.Top.Next = nil
}

func (p *parser) linkAfter(prev, node *MenuNode) *MenuNode {
	prev.Next = node
	return node
}

// parseBlock parses the contents of a file, or of an if, menu or choice
// ending with end, adding nodes after prev. It returns the last node.
// start is where the block began, for the message when it does not end.
func (p *parser) parseBlock(end tokKind, parent, prev *MenuNode, start Pos) *MenuNode {
	for p.nextLine() {
		t0 := p.tokens[0].kind
		switch {
		case t0 == tConfig || t0 == tMenuconfig:
			t1 := p.tok(1)
			if t1.kind != tSym || t1.sym.isConst {
				p.fail("missing or bad symbol name", "write 'config NAME' with a name of letters, digits and underscores")
			}
			if p.tok(2).kind != tNone {
				p.trailingTokens()
			}
			sym := t1.sym
			p.k.defined = append(p.k.defined, sym)
			node := p.newNode(KindSymbol, parent)
			node.Symbol = sym
			node.IsMenuconfig = t0 == tMenuconfig
			if sym.nodes == nil {
				sym.node1[0] = node
				sym.nodes = sym.node1[:1:1]
			} else {
				sym.nodes = append(sym.nodes, node)
			}
			p.parseProps(node)
			if node.IsMenuconfig && !node.HasPrompt {
				p.k.warnParse(node.Pos, CodeDefinition, "the menuconfig symbol "+sym.NameAndLoc()+" has no prompt", "give it a prompt, or make it a plain config", sym.Name)
			}
			prev = p.linkAfter(prev, node)
		case t0 == tNone:
		case t0 == tSource || t0 == tRsource || t0 == tOsource || t0 == tOrsource:
			prev = p.source(t0, parent, prev)
		case t0 == end && end != tNone:
			if p.tok(1).kind != tNone {
				p.trailingTokens()
			}
			prev.Next = nil
			return prev
		case t0 == tIf:
			node := p.newNode(KindIf, parent)
			node.Dep = p.expectExprAndEOL()
			node.OrigDep = node.Dep
			p.parseBlock(tEndif, node, node, node.Pos)
			node.List = node.Next
			prev = p.linkAfter(prev, node)
		case t0 == tMenu:
			node := p.newNode(KindMenu, parent)
			node.IsMenuconfig = true
			node.HasPrompt = true
			node.Visibility = p.k.y.leaf
			node.Prompt = p.expectStrAndEOL()
			node.PromptCond = p.k.y.leaf
			p.k.menus = append(p.k.menus, node)
			p.parseProps(node)
			p.parseBlock(tEndmenu, node, node, node.Pos)
			node.List = node.Next
			prev = p.linkAfter(prev, node)
		case t0 == tComment:
			node := p.newNode(KindComment, parent)
			node.HasPrompt = true
			node.Prompt = p.expectStrAndEOL()
			node.PromptCond = p.k.y.leaf
			p.k.comments = append(p.k.comments, node)
			p.parseProps(node)
			prev = p.linkAfter(prev, node)
		case t0 == tChoice:
			var choice *Choice
			if p.tok(1).kind == tNone {
				choice = p.k.newChoice("")
			} else {
				name := p.expectStrAndEOL()
				choice = p.k.namedChoices[name]
				if choice == nil {
					choice = p.k.newChoice(name)
					p.k.namedChoices[name] = choice
				}
			}
			p.k.choices = append(p.k.choices, choice)
			node := p.newNode(KindChoice, parent)
			node.Choice = choice
			node.IsMenuconfig = true
			choice.nodes = append(choice.nodes, node)
			p.parseProps(node)
			p.parseBlock(tEndchoice, node, node, node.Pos)
			node.List = node.Next
			prev = p.linkAfter(prev, node)
		case t0 == tMainmenu:
			p.k.Top.Prompt = p.expectStrAndEOL()
			p.k.Top.PromptCond = p.k.y.leaf
		case t0 == tEndchoice:
			p.fail("no corresponding 'choice'", "remove the 'endchoice', or add the 'choice' it closes (blocks cannot span files)")
		case t0 == tEndif:
			p.fail("no corresponding 'if'", "remove the 'endif', or add the 'if' it closes (blocks cannot span files)")
		case t0 == tEndmenu:
			p.fail("no corresponding 'menu'", "remove the 'endmenu', or add the 'menu' it closes (blocks cannot span files)")
		default:
			p.fail("unrecognized construct", "expected config, menuconfig, choice, menu, comment, if, source or mainmenu here")
		}
	}
	if end != tNone {
		want := map[tokKind]string{tEndchoice: "endchoice", tEndif: "endif", tEndmenu: "endmenu"}[end]
		opener := map[tokKind]string{tEndchoice: "choice", tEndif: "if", tEndmenu: "menu"}[end]
		panic(&Error{Pos: start, Include: p.include,
			Message: "'" + opener + "' is not closed: expected '" + want + "' before the end of " + p.filename,
			Hint:    "add '" + want + "' where the block ends; a block must end in the file where it starts"})
	}
	return prev
}

// newNode allocates a node at the current line.
func (p *parser) newNode(kind NodeKind, parent *MenuNode) *MenuNode {
	n := p.k.slabs.node()
	n.Kind, n.Parent, n.Pos, n.Include = kind, parent, p.pos(), p.include
	return n
}

func (k *Kconfig) newChoice(name string) *Choice {
	c := &Choice{Name: name, kc: k}
	c.directDep = k.n.leaf
	c.leafExpr = Expr{Op: OpChoice, Choice: c}
	c.leaf = &c.leafExpr
	return c
}
