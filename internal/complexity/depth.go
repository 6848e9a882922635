package complexity

// depthTracker measures the maximum nesting depth of control structures in
// one function body, from its tokens. A level is the body of an if, else,
// for, while, do, switch, try or catch (Go: if, else, for, switch, select),
// braced or not; plain blocks and initializer braces are not levels, and
// "else if" stays on the level of its "if". lizard's optional ND extension
// counts differently (it adds a level for && and ||); its default output has
// no nesting depth, so there is nothing to agree with.
type depthTracker struct {
	max    int
	active bool
	depth  int // counted levels open
	paren  int
	// stack of open levels; beyond its size levels are tracked by count
	// only and do not count.
	stack     [48]level
	n         int
	overflow  int
	state     hdrState
	hdrParen  int
	afterElse bool
	// previous two tokens, for Go's composite literals in headers
	prev, prev2 token
	closedType  bool // the last "}" closed a struct or interface type
}

type level uint8

const (
	lvBrace   level = iota // a brace that is not a level: plain block, initializer
	lvControl              // the braced body of a control structure
	lvVirtual              // the unbraced body of one (up to its ";")
	lvType                 // Go: the body of a struct or interface type
)

type hdrState uint8

const (
	hsNone     hdrState = iota
	hsWaitOpen          // C: after if/for/while/switch/catch, before "("
	hsInParens          // C: inside the condition
	hsDecide            // the next token is the body (or "else if")
	hsGo                // Go: between the keyword and the block's "{"
)

// begin starts measuring at the function body's opening brace.
func (d *depthTracker) begin() { d.active = true }

func (d *depthTracker) push(l level) {
	if d.n < len(d.stack) {
		d.stack[d.n] = l
		d.n++
		if l == lvControl || l == lvVirtual {
			d.depth++
			if d.depth > d.max {
				d.max = d.depth
			}
		}
		return
	}
	d.overflow++
}

func (d *depthTracker) pop() level {
	if d.overflow > 0 {
		d.overflow--
		return lvBrace
	}
	d.n--
	l := d.stack[d.n]
	if l == lvControl || l == lvVirtual {
		d.depth--
	}
	return l
}

// closeVirtual ends unbraced bodies whose statement has ended.
func (d *depthTracker) closeVirtual() {
	for d.overflow == 0 && d.n > 0 && d.stack[d.n-1] == lvVirtual {
		d.pop()
	}
}

// closeBrace pops up to and including the innermost brace; a control body
// that closes completes its statement, and with it unbraced bodies it was
// the body of. A "}" with nothing open ends the function body.
func (d *depthTracker) closeBrace() {
	for {
		if d.n == 0 && d.overflow == 0 {
			d.active = false
			return
		}
		l := d.pop()
		d.closedType = l == lvType
		switch l {
		case lvVirtual:
			continue
		case lvControl:
			d.closeVirtual()
		}
		return
	}
}

// feedC handles a token of a C or C++ body.
func (d *depthTracker) feedC(t *token) {
	if d.state == hsDecide {
		d.state = hsNone
		switch {
		case t.code == tLBrace:
			d.push(lvControl)
			return
		case t.code == tSemi, t.code == tIf && d.afterElse:
			// an empty body, or "else if" that stays on this level
		default:
			d.push(lvVirtual)
		}
	}
	switch t.code {
	case tIf, tFor, tWhile, tSwitch, tCatch:
		d.state = hsWaitOpen
	case tElse, tDo, tTry:
		d.state, d.afterElse = hsDecide, t.code == tElse
	case tLParen:
		if d.state == hsWaitOpen {
			d.state, d.hdrParen = hsInParens, d.paren
		}
		d.paren++
	case tRParen:
		if d.paren > 0 {
			d.paren--
		}
		if d.state == hsInParens && d.paren == d.hdrParen {
			d.state, d.afterElse = hsDecide, false
		}
	case tLBrace:
		d.push(lvBrace)
	case tRBrace:
		d.closeBrace()
	case tSemi:
		if d.paren == 0 {
			d.closeVirtual()
		}
	}
}

// feedGo handles a token of a Go body. Go bodies are always braced; the
// block of an if/for/switch/select is the first "{" outside parentheses
// and brackets that does not open a composite literal such as []int{…}.
func (d *depthTracker) feedGo(t *token) {
	prev, prev2 := d.prev, d.prev2
	d.prev2, d.prev = d.prev, *t
	if d.state == hsDecide {
		d.state = hsNone
		if t.code == tLBrace {
			d.push(lvControl)
			return
		}
	}
	switch t.code {
	case tIf, tFor, tSwitch, tSelect:
		d.state, d.hdrParen = hsGo, d.paren
	case tElse:
		d.state = hsDecide
	case tLParen, tLBracket:
		d.paren++
	case tRParen, tRBracket:
		if d.paren > 0 {
			d.paren--
		}
	case tLBrace:
		switch {
		case prev.code == tStruct || prev.code == tInterface:
			d.push(lvType)
		case d.state == hsGo && d.paren == d.hdrParen && !d.compositeLiteral(&prev, &prev2):
			d.state = hsNone
			d.push(lvControl)
		default:
			d.push(lvBrace)
		}
	case tRBrace:
		d.closeBrace()
	}
}

// compositeLiteral: "{" after "]T" (a slice, array or map literal) or
// after the "}" of a struct type (a literal of an anonymous struct). Go
// forbids the other literal forms unparenthesised in a header.
func (d *depthTracker) compositeLiteral(prev, prev2 *token) bool {
	switch {
	case prev.code == tRBrace:
		return d.closedType
	case prev.code == tOther && prev.flags&fAlpha != 0 && prev2.code == tRBracket:
		return true
	}
	return false
}
