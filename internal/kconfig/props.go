package kconfig

// maxExprDepth bounds parenthesis nesting in one expression.
const maxExprDepth = 1000

// parseProps reads the property lines after config, menuconfig, choice,
// menu or comment, until a line that is not a property (kept for the
// caller).
func (p *parser) parseProps(node *MenuNode) {
	k := p.k
	node.Dep = k.y.leaf
	// Properties collect in the parser's scratch slices and move to
	// exactly sized slices of a shared chunk at the end.
	defs, sels, imps, rngs := p.defs[:0], p.sels[:0], p.imps[:0], p.rngs[:0]
	defer func() {
		if len(defs) > 0 {
			node.Defaults = k.slabs.defaultSlice(len(defs))
			copy(node.Defaults, defs)
		}
		if len(sels) > 0 {
			node.Selects = k.slabs.selectSlice(len(sels))
			copy(node.Selects, sels)
		}
		if len(imps) > 0 {
			node.Implies = k.slabs.selectSlice(len(imps))
			copy(node.Implies, imps)
		}
		if len(rngs) > 0 {
			node.Ranges = k.slabs.rangeSlice(len(rngs))
			copy(node.Ranges, rngs)
		}
		p.defs, p.sels, p.imps, p.rngs = defs, sels, imps, rngs
		node.OrigDep = node.Dep
		node.OrigPromptCond = node.PromptCond
		node.OrigDefaults = node.Defaults
		node.OrigSelects = node.Selects
		node.OrigImplies = node.Implies
		node.OrigRanges = node.Ranges
	}()
	for p.nextLine() {
		t0 := p.tokens[0].kind
		switch {
		case tokType[t0] != TypeUnknown:
			p.setType(node, tokType[t0])
			if p.tok(1).kind != tNone {
				p.parsePrompt(node)
			}
		case t0 == tDepends:
			if !p.check(tOn) {
				p.fail("expected 'on' after 'depends'", "write 'depends on EXPR'")
			}
			node.Dep = k.makeAnd(node.Dep, p.expectExprAndEOL())
		case t0 == tHelp:
			p.parseHelp(node)
		case t0 == tSelect:
			if node.Kind != KindSymbol {
				p.fail("only symbols can select", "move the select to a config entry")
			}
			target := p.expectNonconstSym()
			sels = append(sels, Select{Target: target, Cond: p.parseCond()})
		case t0 == tNone:
		case t0 == tDefault:
			val := p.parseExpr(false)
			defs = append(defs, Default{Value: val, Cond: p.parseCond()})
		case defType[t0] != TypeUnknown:
			p.setType(node, defType[t0])
			val := p.parseExpr(false)
			defs = append(defs, Default{Value: val, Cond: p.parseCond()})
		case t0 == tPrompt:
			p.parsePrompt(node)
		case t0 == tRange:
			low := p.expectSym()
			high := p.expectSym()
			rngs = append(rngs, Range{Low: low, High: high, Cond: p.parseCond()})
		case t0 == tImply:
			if node.Kind != KindSymbol {
				p.fail("only symbols can imply", "move the imply to a config entry")
			}
			target := p.expectNonconstSym()
			imps = append(imps, Select{Target: target, Cond: p.parseCond()})
		case t0 == tVisible:
			if !p.check(tIf) {
				p.fail("expected 'if' after 'visible'", "write 'visible if EXPR'")
			}
			if node.Kind != KindMenu {
				p.fail("'visible if' is only valid for menus", "use 'depends on' or a prompt condition ('bool \"text\" if EXPR')")
			}
			node.Visibility = k.makeAnd(node.Visibility, p.expectExprAndEOL())
		case t0 == tOption:
			if d, ok := p.parseOption(node); ok {
				defs = append(defs, d)
			}
		case t0 == tOptional:
			if node.Kind != KindChoice {
				p.fail(`"optional" is only valid for choices`, "")
			}
			node.Choice.optional = true
		default:
			p.reuse = true
			return
		}
	}
}

// parseOption handles 'option ...'; option env= yields a default.
func (p *parser) parseOption(node *MenuNode) (Default, bool) {
	k := p.k
	var def Default
	ok := false
	switch {
	case p.check(tEnv):
		if !p.check(tEqual) {
			p.fail("expected '=' after 'env'", `write option env="NAME"`)
		}
		name := p.expectStrAndEOL()
		if node.Kind != KindSymbol {
			p.fail("'option env' is only valid for symbols", "")
		}
		sym := node.Symbol
		sym.env = &name
		if val, set := k.opts.Env[name]; set {
			def, ok = Default{Value: k.lookupConstSym(val).leaf, Cond: k.y.leaf}, true
		} else {
			k.warnParse(p.pos(), CodeEnv, sym.Name+" has 'option env=\""+name+"\"', but the environment variable "+name+" is not set",
				"set "+name+" in the environment of the run (assure: kconfig.env in the model, or --env)", sym.Name)
		}
		if name != sym.Name {
			k.warnParse(p.pos(), CodeEnv, "Kconfiglib expands environment variables in strings directly, meaning you do not need 'option env=...' \"bounce\" symbols. For compatibility with the C tools, rename "+sym.Name+" to "+name+" (so that the symbol name matches the environment variable name).", "", sym.Name)
		}
	case p.check(tDefconfigList):
		if node.Kind != KindSymbol {
			p.fail("'option defconfig_list' is only valid for symbols", "")
		}
		if k.DefconfigList == nil {
			k.DefconfigList = node.Symbol
		} else {
			k.warnParse(p.pos(), CodeDefinition, "'option defconfig_list' set on multiple symbols ("+k.DefconfigList.Name+" and "+node.Symbol.Name+"). Only "+k.DefconfigList.Name+" will be used.", "", node.Symbol.Name)
		}
	case p.check(tModules):
		if node.Kind != KindSymbol || node.Symbol != k.Modules {
			k.warnParse(p.pos(), CodeDefinition, "the 'modules' option is not supported: the symbol MODULES decides whether tristate symbols can be m", "name the symbol MODULES", "")
		}
	case p.check(tAllnoconfigY):
		if node.Kind != KindSymbol {
			p.fail("the 'allnoconfig_y' option is only valid for symbols", "")
		}
		node.Symbol.allnoY = true
	default:
		p.fail("unrecognized option", "options are env=\"NAME\", defconfig_list, modules and allnoconfig_y")
	}
	return def, ok
}

func nodeNameAndLoc(node *MenuNode) string {
	if node.Kind == KindChoice {
		return node.Choice.NameAndLoc()
	}
	return node.Symbol.NameAndLoc()
}

func nodeSymName(node *MenuNode) string {
	if node.Kind == KindSymbol {
		return node.Symbol.Name
	}
	return ""
}

func (p *parser) setType(node *MenuNode, t Type) {
	var cur *Type
	switch node.Kind {
	case KindSymbol:
		cur = &node.Symbol.orig
	case KindChoice:
		cur = &node.Choice.orig
	default:
		p.fail("only symbols and choices have a type", "")
	}
	if *cur != TypeUnknown && *cur != t {
		p.k.warnParse(p.pos(), CodeDefinition, nodeNameAndLoc(node)+" defined with multiple types, "+t.String()+" will be used", "give every definition the same type", nodeSymName(node))
	}
	*cur = t
}

func (p *parser) parsePrompt(node *MenuNode) {
	if node.Kind != KindSymbol && node.Kind != KindChoice {
		p.fail("only symbols and choices take a prompt property", "the text after menu or comment is its prompt")
	}
	if node.HasPrompt {
		p.k.warnParse(p.pos(), CodeDefinition, nodeNameAndLoc(node)+" defined with multiple prompts in single location", "", nodeSymName(node))
	}
	t := p.tok(1)
	p.ti = 2
	if t.kind != tStr {
		p.fail("expected prompt string", "put the prompt in double quotes")
	}
	prompt := t.str
	if s := pyStrip(prompt); s != prompt {
		p.k.warnParse(p.pos(), CodeSyntax, nodeNameAndLoc(node)+" has leading or trailing whitespace in its prompt", "", nodeSymName(node))
		prompt = s
	}
	node.HasPrompt = true
	node.Prompt = prompt
	node.PromptCond = p.parseCond()
}

// parseHelp reads a help text: the lines indented at least as much as its
// first non-blank line (tabs expanded to 8 columns). The text is kept raw
// and formatted on demand (MenuNode.Help): few callers need it.
func (p *parser) parseHelp(node *MenuNode) {
	if node.HasHelp && (node.Kind == KindSymbol || node.Kind == KindChoice) {
		p.k.warnParse(p.pos(), CodeDefinition, nodeNameAndLoc(node)+" defined with more than one help text -- only the last one will be used", "", nodeSymName(node))
	}
	var line string
	helpPos := p.pos()
	var start int
	for {
		start = p.file.off
		line = p.readline()
		p.linenr++
		if line == "" {
			p.emptyHelp(node, line, helpPos)
			return
		}
		if !pyIsSpace(line) {
			break
		}
	}
	indent := indentWidth(line)
	if indent == 0 {
		p.emptyHelp(node, line, helpPos)
		return
	}
	n := 1
	end := p.file.off
	for {
		line = p.readline()
		if line == "" || (!pyIsSpace(line) && indentWidth(line) < indent) {
			break
		}
		n++
		end = p.file.off
	}
	p.linenr += n
	// assure: waive W-0029 -- wraps only for a line over 2 GiB
	node.helpRaw, node.helpIndent = p.file.data[start:end], int32(indent)
	node.HasHelp = true
	if line != "" {
		p.lineAfterHelp(line)
	}
}

func (p *parser) emptyHelp(node *MenuNode, line string, pos Pos) {
	if node.Kind == KindSymbol || node.Kind == KindChoice {
		p.k.warnParse(pos, CodeDefinition, nodeNameAndLoc(node)+" has 'help' but empty help text", "write the help text indented below 'help', or remove 'help'", nodeSymName(node))
	}
	node.helpRaw, node.helpIndent = "", 0
	node.HasHelp = true
	if line != "" {
		p.lineAfterHelp(line)
	}
}

func (p *parser) parseCond() *Expr {
	e := p.k.y.leaf
	if p.check(tIf) {
		e = p.parseExpr(true)
	}
	if p.tok(p.ti).kind != tNone {
		p.trailingTokens()
	}
	return e
}

// parseExpr parses expr: and_expr ['||' expr]; with transformM, a bare m
// becomes m && MODULES, as in conditions.
func (p *parser) parseExpr(transformM bool) *Expr {
	p.exprDepth++
	if p.exprDepth > maxExprDepth {
		p.fail("expression nested too deeply", "")
	}
	defer func() { p.exprDepth-- }()
	a := p.parseAndExpr(transformM)
	if !p.check(tOr) {
		return a
	}
	b := p.parseExpr(transformM)
	return p.k.slabs.expr(Expr{Op: OpOr, A: a, B: b})
}

func (p *parser) parseAndExpr(transformM bool) *Expr {
	p.exprDepth++
	if p.exprDepth > maxExprDepth {
		p.fail("expression nested too deeply", "")
	}
	defer func() { p.exprDepth-- }()
	f := p.parseFactor(transformM)
	if !p.check(tAnd) {
		return f
	}
	b := p.parseAndExpr(transformM)
	return p.k.slabs.expr(Expr{Op: OpAnd, A: f, B: b})
}

func (p *parser) parseFactor(transformM bool) *Expr {
	p.exprDepth++
	if p.exprDepth > maxExprDepth {
		p.fail("expression nested too deeply", "")
	}
	defer func() { p.exprDepth-- }()
	t := p.next()
	switch t.kind {
	case tSym:
		if !isRelation(p.tok(p.ti).kind) {
			if transformM && t.sym == p.k.m {
				return p.k.slabs.expr(Expr{Op: OpAnd, A: p.k.m.leaf, B: p.k.Modules.leaf})
			}
			return t.sym.leaf
		}
		rel := p.next().kind
		rhs := p.expectSym()
		return p.k.slabs.expr(Expr{Op: relOp[rel], Sym: t.sym, Rhs: rhs})
	case tNot:
		a := p.parseFactor(transformM)
		return p.k.slabs.expr(Expr{Op: OpNot, A: a})
	case tOpenParen:
		e := p.parseExpr(transformM)
		if p.check(tCloseParen) {
			return e
		}
	}
	p.fail("malformed expression", "an expression is symbols and quoted values joined by &&, ||, !, relations (=, !=, <, <=, >, >=) and parentheses")
	return nil
}
