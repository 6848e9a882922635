package complexity

// cFinder finds the functions of C and C++ code. It is lizard's CLikeStates
// state machine (lizard_languages/clike.py), state for state, because which
// function a token is counted for decides the CCN: an identifier followed by
// a parenthesised list and a "{" is a function; K&R parameter declarations,
// C++ qualifiers, initializer lists, trailing return types, operators and
// lambdas have their own states. Two machines run beside it on every token:
// the brace stack (cnesting.go), which ends functions, and lizard's rule for
// C++ rvalue references.
//
// Where we differ from lizard, on purpose (docs/complexity.md):
//   - "<<" is one token, so a shift in a file-scope initializer no longer
//     reads as the start of a template argument list that swallows every
//     later function of the file;
//   - the branches of #if/#elif/#else are read from the same starting state
//     (preproc.go), so branches that each open a brace do not leave the
//     brace count off by one for the rest of the file.
type cFinder struct {
	ctx   *fileContext
	src   []byte
	state cState
	// br is lizard's br_count, shared by every state that reads to a
	// matching bracket; like lizard's it can be left over by a state that
	// gives up, and the next such state starts from it.
	br int
	// brackets is lizard's bracket_stack of "(", "<", "[", "{".
	brackets  []byte
	saved     []token // K&R declarations seen after a parameter list
	replayBuf []token
	replaying bool
	nest      nestingStates
	rref      rvalueStates
	pp        ppBranches
}

type cState uint8

const (
	csGlobal cState = iota
	csFunction
	csTemplateInName
	csOperator
	csOperatorNext
	csNameWithSpace
	csDec
	csDecToImp
	csThrow
	csThrows
	csNoexcept
	csTrailingReturn
	csOldCParams
	csInitList
	csOneInit
	csInitValue1
	csInitValue2
	csImp
	csAttribute
	csLambdaCheck
	csLambdaParams
	csLambdaParamList
	csLambdaBody
	csLambdaBodySkip
	csLambdaCapture
)

func newCFinder(ctx *fileContext) *cFinder {
	f := &cFinder{ctx: ctx, src: ctx.src}
	f.nest.ctx = ctx
	f.rref.ctx = ctx
	return f
}

func (f *cFinder) token(t *token) {
	c := f.ctx
	c.countLines(t)
	if t.code.isCondition() {
		c.addCondition(1)
	}
	if c.cur.depth.active {
		c.cur.depth.feedC(t)
	}
	f.dispatch(t)
	f.nest.feed(t)
	f.rref.feed(t)
}

func (f *cFinder) directive(d directive, line int32) {
	switch d {
	case dirIf, dirIfdef, dirElif:
		f.ctx.addCondition(1)
	}
	f.pp.directive(f, d)
}

func (f *cFinder) text(t *token) []byte { return t.text(f.src) }

func (f *cFinder) dispatch(t *token) {
	switch f.state {
	case csGlobal:
		f.global(t)
	case csFunction:
		f.function(t)
	case csTemplateInName:
		f.templateInName(t)
	case csOperator:
		if t.code != tLParen {
			f.state = csOperatorNext
		}
		f.addNameSpaced(t)
	case csOperatorNext:
		if t.code == tLParen {
			f.function(t)
		} else {
			f.addNameSpaced(t)
		}
	case csNameWithSpace:
		f.state = csFunction
		if t.code == tOperator {
			f.state = csOperator
		}
		f.ctx.addToFunctionName(f.text(t))
	case csDec:
		f.dec(t)
	case csDecToImp:
		f.decToImp(t)
	case csThrow:
		f.br += parenDelta(t)
		if f.br == 0 {
			f.state = csDecToImp
		}
	case csThrows, csTrailingReturn:
		if t.code == tSemi || t.code == tLBrace {
			f.state = csDecToImp
			f.decToImp(t)
		}
	case csNoexcept:
		if t.code == tLParen {
			f.state = csThrow
		} else {
			f.state = csDecToImp
		}
		f.dispatch(t)
	case csOldCParams:
		f.oldCParams(t)
	case csInitList:
		f.state = csOneInit
		if t.code == tLBrace {
			f.enteringImp(t)
		}
	case csOneInit:
		switch t.code {
		case tLParen:
			f.state = csInitValue1
			f.dispatch(t)
		case tLBrace:
			f.state = csInitValue2
			f.dispatch(t)
		}
	case csInitValue1:
		f.br += parenDelta(t)
		if f.br == 0 {
			f.state = csInitList
		}
	case csInitValue2:
		f.br += braceDelta(t)
		if f.br == 0 {
			f.state = csInitList
		}
	case csImp:
		f.br += braceDelta(t)
		if f.br == 0 {
			f.state = csGlobal
		}
	case csAttribute:
		f.br += bracketDelta(t)
		if f.br == 0 {
			f.state = csDecToImp
		}
	default:
		f.lambda(t)
	}
}

func parenDelta(t *token) int {
	switch t.code {
	case tLParen:
		return 1
	case tRParen:
		return -1
	}
	return 0
}

func braceDelta(t *token) int {
	switch t.code {
	case tLBrace:
		return 1
	case tRBrace:
		return -1
	}
	return 0
}

func bracketDelta(t *token) int {
	switch t.code {
	case tLBracket:
		return 1
	case tRBracket:
		return -1
	}
	return 0
}

func angleDelta(t *token) int {
	switch t.code {
	case tLT:
		return 1
	case tGT:
		return -1
	}
	return 0
}

func (f *cFinder) addNameSpaced(t *token) {
	c := f.ctx
	c.addToFunctionName(blank)
	c.addToFunctionName(f.text(t))
}

var blank = []byte{' '}

func (f *cFinder) global(t *token) {
	switch {
	case t.flags&(fAlpha|fTilde) != 0:
		f.tryNewFunction(f.text(t), t.code == tOperator)
	case t.code == tLBracket:
		f.state = csLambdaCheck
	}
}

func (f *cFinder) tryNewFunction(name []byte, operator bool) {
	f.ctx.tryNewFunction(name)
	f.state = csFunction
	if operator {
		f.state = csOperator
	}
}

func (f *cFinder) function(t *token) {
	switch t.code {
	case tLParen:
		f.state = csDec
		f.dec(t)
	case tColonColon:
		f.ctx.addToFunctionName(f.text(t))
		f.state = csNameWithSpace
	case tLT:
		f.state = csTemplateInName
		f.templateInName(t)
	default:
		f.state = csGlobal
		f.global(t)
	}
}

func (f *cFinder) templateInName(t *token) {
	f.br += angleDelta(t)
	f.ctx.addToFunctionName(f.text(t))
	if f.br == 0 {
		f.state = csFunction
	}
}

// dec reads a parameter list up to its matching ")".
func (f *cFinder) dec(t *token) {
	c := f.ctx
	f.br += parenDelta(t)
	c.cur.params.feed(t)
	param := false
	switch t.code {
	case tLParen, tLT:
		f.brackets = append(f.brackets, f.text(t)[0])
	case tRParen, tGT:
		if len(f.brackets) > 0 {
			f.brackets = f.brackets[:len(f.brackets)-1]
		} else {
			f.state = csGlobal
		}
	default:
		param = len(f.brackets) == 1
	}
	if param {
		if t.code != tVoid {
			c.parameter(f.text(t))
		}
	} else {
		c.addToLongName(f.text(t))
	}
	if f.br == 0 {
		f.state = csDecToImp
	}
}

func (f *cFinder) decToImp(t *token) {
	c := f.ctx
	switch t.code {
	case tConst, tAmp, tAndAnd:
		c.addToLongName(blank)
		c.addToLongName(f.text(t))
	case tThrow:
		f.state = csThrow
	case tThrows:
		f.state = csThrows
	case tArrow:
		f.state = csTrailingReturn
	case tNoexcept:
		f.state = csNoexcept
	case tLParen:
		f.tryNewFunction(c.cur.longName, false)
		f.function(t)
	case tLBrace:
		f.enteringImp(t)
	case tColon:
		f.state = csInitList
	case tLBracket:
		f.state = csAttribute
		f.dispatch(t)
	default:
		if t.flags&fAlpha == 0 {
			f.state = csGlobal
			f.global(t)
			return
		}
		f.state = csOldCParams
		f.saved = append(f.saved[:0], *t)
	}
}

// oldCParams collects what follows a parameter list until it is clear
// whether these are K&R parameter declarations ("int a; char *b;" then
// "{") or the next declaration after a macro call ("FOO(x) int f(void)").
func (f *cFinder) oldCParams(t *token) {
	f.saved = append(f.saved, *t)
	switch t.code {
	case tSemi:
		f.saved = f.saved[:0]
		f.state = csDecToImp
	case tLBrace:
		if len(f.saved) == 2 {
			f.saved = f.saved[:0]
			f.decToImp(t)
			return
		}
		f.state = csGlobal
		f.replay()
	case tLParen:
		f.state = csGlobal
		f.replay()
	}
}

// replay feeds the collected tokens to this machine again (only to this
// one: the brace stack and the counters have seen them).
func (f *cFinder) replay() {
	var list []token
	if f.replaying {
		list = append([]token(nil), f.saved...)
	} else {
		list = append(f.replayBuf[:0], f.saved...)
		f.replayBuf = list
	}
	was := f.replaying
	f.replaying = true
	for i := range list {
		f.dispatch(&list[i])
	}
	f.replaying = was
}

func (f *cFinder) enteringImp(t *token) {
	f.ctx.confirmNewFunction()
	f.ctx.cur.depth.begin()
	f.state = csImp
	f.br += braceDelta(t)
	if f.br == 0 {
		f.state = csGlobal
	}
}

func (f *cFinder) push(b byte) { f.brackets = append(f.brackets, b) }

func (f *cFinder) top() byte {
	if len(f.brackets) == 0 {
		return 0
	}
	return f.brackets[len(f.brackets)-1]
}

func (f *cFinder) popIf(b byte) bool {
	if f.top() == b {
		f.brackets = f.brackets[:len(f.brackets)-1]
		return true
	}
	return false
}

// lambda is lizard's C++ lambda skipping; at file scope it also reads
// array declarations ("int a[4] = {…};") and skips their initializer.
func (f *cFinder) lambda(t *token) {
	switch f.state {
	case csLambdaCheck:
		switch t.code {
		case tRBracket:
			f.state = csLambdaParams
		case tLBracket:
			f.state = csAttribute
		default:
			f.state = csLambdaCapture
		}
	case csLambdaCapture:
		if t.code == tRBracket {
			f.state = csLambdaParams
		}
	case csLambdaParams:
		if t.code == tLParen {
			f.push('(')
			f.state = csLambdaParamList
			return
		}
		f.state = csLambdaBody
		f.lambda(t)
	case csLambdaParamList:
		switch t.code {
		case tLParen:
			f.push('(')
		case tRParen:
			if f.popIf('(') && len(f.brackets) == 0 {
				f.state = csLambdaBody
			}
		case tLT:
			f.push('<')
		case tLBracket:
			f.push('[')
		case tGT:
			f.popIf('<')
		case tRBracket:
			f.popIf('[')
		}
	case csLambdaBody:
		switch t.code {
		case tLBrace:
			f.push('{')
			f.state = csLambdaBodySkip
		case tSemi, tComma, tRParen:
			f.state = csGlobal
			f.global(t)
		}
	case csLambdaBodySkip:
		switch t.code {
		case tLBrace:
			f.push('{')
		case tRBrace:
			if f.popIf('{') && len(f.brackets) == 0 {
				f.state = csGlobal
			}
		}
	}
}
