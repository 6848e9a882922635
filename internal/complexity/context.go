package complexity

import (
	"unicode"
	"unicode/utf8"
)

// fileContext is lizard's FileInfoBuilder: the function being read (a
// candidate until its body opens), the stack of open braces with the
// namespaces and functions they belong to, and the finished functions.
// The finders drive it; it counts lines and decisions for whatever
// function is current, exactly as lizard attributes them.
type fileContext struct {
	src    []byte
	file   string
	lang   Language
	global *fn
	cur    *fn
	// stacked are the functions a Go closure interrupted.
	stacked []*fn
	nesting []nest
	pending *fn
	// line is the line of the token being handled (its last line).
	line int32
	// prevEnd is the last line holding a token, for NLOC.
	prevEnd int32
	out     []Function
	scratch []byte
	gen     uint32
}

// fn is a function or a candidate for one.
type fn struct {
	name, longName []byte
	start, end     int32
	ccn, nloc      int32
	// held: the function is referenced from the brace stack, the
	// pending slot or the closure stack, so a new candidate must not
	// reuse it.
	held   bool
	global bool
	// gen tells candidates that share memory apart (preproc.go).
	gen uint32
	// out is 1 + the function's index in the output once it ended: a
	// function that ends twice (in two preprocessor branches) is
	// reported once, as it ended last.
	out    int32
	params paramCounter
	depth  depthTracker
	// closures counts the Go function literals met so far, for names.
	closures int
}

type nestKind uint8

const (
	nestBare nestKind = iota
	nestNamespace
	nestFunction
)

type nest struct {
	kind nestKind
	name []byte
	f    *fn
}

func newContext(src []byte, file string, lang Language) *fileContext {
	g := &fn{name: []byte("*global*"), global: true, held: true}
	return &fileContext{src: src, file: file, lang: lang, global: g, cur: g}
}

// countLines is lizard's line counter: NLOC grows by the lines a token
// adds that no earlier token covered.
func (c *fileContext) countLines(t *token) {
	d := t.endLine - t.line
	if t.line > c.prevEnd {
		d++
	}
	c.prevEnd = t.endLine
	c.line = t.endLine
	c.cur.nloc += d
	c.cur.end = t.endLine
}

func (c *fileContext) addCondition(n int32) { c.cur.ccn += n }

func (c *fileContext) appendNamespace(out []byte) []byte {
	for _, n := range c.nesting {
		switch n.kind {
		case nestNamespace:
			if len(n.name) > 0 {
				out = append(out, n.name...)
				out = append(out, "::"...)
			}
		case nestFunction:
			out = append(out, n.f.name...)
			out = append(out, '.')
		}
	}
	return out
}

// tryNewFunction makes a new candidate named name at the current line.
// Candidates come and go with every identifier at file scope, so one
// that nothing holds is reused rather than reallocated.
func (c *fileContext) tryNewFunction(name []byte) {
	c.scratch = append(c.scratch[:0], name...) // name may be cur's own buffer
	f := c.cur
	if f.held {
		f = &fn{}
	}
	f.name = append(c.appendNamespace(f.name[:0]), c.scratch...)
	f.longName = append(f.longName[:0], f.name...)
	f.start, f.end = c.line, c.line
	f.ccn, f.nloc = 1, 1
	f.params = paramCounter{}
	f.depth = depthTracker{}
	f.closures = 0
	c.gen++
	f.gen = c.gen
	c.cur = f
}

// confirmNewFunction: the candidate's body opens.
func (c *fileContext) confirmNewFunction() {
	c.pending = c.cur
	c.cur.held = true
	c.cur.ccn = 1
}

func (c *fileContext) pushNewFunction(name []byte) {
	c.cur.held = true
	c.stacked = append(c.stacked, c.cur)
	c.tryNewFunction(name)
	c.confirmNewFunction()
}

func (c *fileContext) addToFunctionName(app []byte) {
	c.cur.name = append(c.cur.name, app...)
	c.cur.longName = append(c.cur.longName, app...)
}

// addToLongName joins with a blank when two words would run together.
func (c *fileContext) addToLongName(app []byte) {
	f := c.cur
	if len(f.longName) > 0 && len(app) > 0 && lastIsAlpha(f.longName) && startsLetter(app) {
		f.longName = append(f.longName, ' ')
	}
	f.longName = append(f.longName, app...)
}

func (c *fileContext) parameter(t []byte) {
	f := c.cur
	f.longName = append(f.longName, ' ')
	f.longName = append(f.longName, t...)
}

func lastIsAlpha(b []byte) bool {
	r, _ := utf8.DecodeLastRune(b)
	return unicode.IsLetter(r)
}

func startsLetter(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return unicode.IsLetter(r)
}

func (c *fileContext) addBareNesting() {
	n := nest{kind: nestBare}
	if c.pending != nil {
		n = nest{kind: nestFunction, f: c.pending}
		c.pending = nil
	}
	c.nesting = append(c.nesting, n)
}

func (c *fileContext) addNamespace(name []byte) {
	c.pending = nil
	c.nesting = append(c.nesting, nest{kind: nestNamespace, name: name})
}

// popNesting closes a brace; closing a function's brace ends the current
// function (lizard ends whatever function is current, which is the one
// the brace opened unless the finders lost their way).
func (c *fileContext) popNesting() {
	c.pending = nil
	if len(c.nesting) == 0 {
		return
	}
	n := c.nesting[len(c.nesting)-1]
	c.nesting = c.nesting[:len(c.nesting)-1]
	if n.kind != nestFunction {
		return
	}
	end := c.cur.end
	c.endOfFunction()
	c.cur = c.global
	for i := len(c.nesting) - 1; i >= 0; i-- {
		if c.nesting[i].kind == nestFunction {
			c.cur = c.nesting[i].f
			break
		}
	}
	c.cur.end = end
}

func (c *fileContext) endOfFunction() {
	f := c.cur
	if !f.global {
		fun := Function{
			File:       c.file,
			Language:   c.lang,
			Name:       string(f.name),
			LongName:   string(f.longName),
			StartLine:  int(f.start),
			EndLine:    int(f.end),
			CCN:        int(f.ccn),
			NLOC:       int(f.nloc),
			Params:     f.params.count(),
			MaxNesting: f.depth.max,
		}
		if f.out > 0 {
			c.out[f.out-1] = fun
		} else {
			c.out = append(c.out, fun)
			f.out = narrow(len(c.out))
		}
	}
	if n := len(c.stacked); n > 0 {
		c.cur = c.stacked[n-1]
		c.stacked = c.stacked[:n-1]
	} else {
		c.cur = c.global
	}
}
