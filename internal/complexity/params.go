package complexity

// paramCounter counts the parameters of a declaration as its tokens go
// by: the comma-separated parts of the outermost parentheses, not counting
// a lone "void" (C's empty list) or "..." (variadic). lizard counts the
// names it can find with a regular expression instead, which misses array
// parameters ("int a[16]"); see docs/complexity.md.
type paramCounter struct {
	depth, angle int16
	seg          int16 // tokens in the current part
	lone         bool  // the part so far is one "void" or "..."
	n            int16
}

func (p *paramCounter) feed(t *token) {
	switch t.code {
	case tLParen:
		p.depth++
		if p.depth == 1 {
			return
		}
	case tRParen:
		p.depth--
		if p.depth == 0 {
			p.endPart()
			return
		}
	case tLT:
		if p.depth == 1 {
			p.angle++
		}
	case tGT:
		if p.depth == 1 && p.angle > 0 {
			p.angle--
		}
	case tComma:
		if p.depth == 1 && p.angle == 0 {
			p.endPart()
			return
		}
	}
	if p.depth < 1 {
		return
	}
	if p.seg < 1<<14 {
		p.seg++
	}
	p.lone = p.seg == 1 && p.depth == 1 && (t.code == tVoid || t.code == tEllipsis)
}

func (p *paramCounter) endPart() {
	if p.seg > 0 && !p.lone {
		p.n++
	}
	p.seg, p.lone = 0, false
}

func (p *paramCounter) count() int { return int(p.n) }
