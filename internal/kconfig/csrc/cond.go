package csrc

import (
	"sort"
	"strings"
)

// cond is a preprocessor condition reduced to what matters here: atoms
// that test one CONFIG_ option, and everything else as opaque.
type cond struct {
	op   byte // 'o' option, '?' opaque, '!' not, '&' and, '|' or
	name string
	a, b *cond
}

var opaque = &cond{op: '?'}

func option(name string) *cond { return &cond{op: 'o', name: name} }
func not(c *cond) *cond        { return &cond{op: '!', a: c} }
func and(a, b *cond) *cond     { return &cond{op: '&', a: a, b: b} }

// requires lists the options c can only be true with enabled, sorted.
func (c *cond) requires() []string {
	set := c.pos(false)
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// pos returns the options that must be enabled for c (neg=false) or for
// !c (neg=true) to hold.
func (c *cond) pos(neg bool) map[string]bool {
	switch c.op {
	case 'o':
		if neg {
			return nil
		}
		return map[string]bool{c.name: true}
	case '!':
		return c.a.pos(!neg)
	case '&', '|':
		// !(a && b) is !a || !b; !(a || b) is !a && !b.
		union := (c.op == '&') != neg
		x, y := c.a.pos(neg), c.b.pos(neg)
		if union {
			for k := range y {
				if x == nil {
					x = map[string]bool{}
				}
				x[k] = true
			}
			return x
		}
		out := map[string]bool{}
		for k := range x {
			if y[k] {
				out[k] = true
			}
		}
		return out
	}
	return nil
}

// condParser reads the tokens of an #if or #elif line.
type condParser struct {
	toks []token
	i    int
}

func parseCond(toks []token) *cond {
	p := &condParser{toks: toks}
	c := p.or()
	if p.i < len(p.toks) {
		return opaque
	}
	return c
}

func (p *condParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i].text
	}
	return ""
}

func (p *condParser) or() *cond {
	c := p.and()
	for p.peek() == "||" {
		p.i++
		c = &cond{op: '|', a: c, b: p.and()}
	}
	return c
}

func (p *condParser) and() *cond {
	c := p.unary()
	for p.peek() == "&&" {
		p.i++
		c = and(c, p.unary())
	}
	return c
}

// unary reads one operand. Anything that is not a plain test of an option
// (a comparison, arithmetic, a macro call) becomes opaque, up to the next
// && or || at this level.
func (p *condParser) unary() *cond {
	if p.peek() == "!" {
		p.i++
		return not(p.unary())
	}
	c := p.primary()
	if t := p.peek(); t != "" && t != "&&" && t != "||" && t != ")" {
		p.skipOperand()
		return opaque
	}
	return c
}

func (p *condParser) skipOperand() {
	depth := 0
	for p.i < len(p.toks) {
		switch t := p.peek(); {
		case t == "(":
			depth++
		case t == ")":
			if depth == 0 {
				return
			}
			depth--
		case depth == 0 && (t == "&&" || t == "||"):
			return
		}
		p.i++
	}
}

func (p *condParser) primary() *cond {
	if p.i >= len(p.toks) {
		return opaque
	}
	t := p.toks[p.i]
	switch {
	case t.text == "(":
		p.i++
		c := p.or()
		if p.peek() == ")" {
			p.i++
		}
		return c
	case t.text == "defined":
		p.i++
		paren := p.peek() == "("
		if paren {
			p.i++
		}
		name := p.peek()
		p.i++
		if paren && p.peek() == ")" {
			p.i++
		}
		return configAtom(name)
	case t.text == "IS_ENABLED":
		p.i++
		if p.peek() != "(" {
			return opaque
		}
		p.i++
		name := p.peek()
		p.i++
		if p.peek() == ")" {
			p.i++
		}
		return configAtom(name)
	case t.kind == 'i':
		p.i++
		if p.peek() == "(" { // a function-like macro: opaque
			p.skipGroup()
			return opaque
		}
		return configAtom(t.text)
	}
	p.i++
	return opaque
}

func (p *condParser) skipGroup() {
	depth := 0
	for p.i < len(p.toks) {
		switch p.peek() {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				p.i++
				return
			}
		}
		p.i++
	}
}

func configAtom(name string) *cond {
	if opt, ok := strings.CutPrefix(name, "CONFIG_"); ok && opt != "" {
		return option(opt)
	}
	return opaque
}
