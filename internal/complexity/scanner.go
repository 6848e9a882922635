package complexity

import (
	"bytes"
)

// The scanner turns raw tokens into the tokens a finder sees, in lizard's
// order: a "#" swallows the rest of its line (and continuation lines) into
// one preprocessor token; for C "~" is glued to the next token, blanks go,
// and a preprocessor line becomes nothing (a directive event) except
// #include; comments go. Lines are counted from the bytes, so line numbers
// are the ones an editor shows.

// directive is a preprocessor line the finder is told about.
type directive uint8

const (
	dirOther directive = iota
	dirIf
	dirIfdef
	dirIfndef
	dirElif
	dirElse
	dirEndif
)

// sink receives the scanner's output.
type sink interface {
	token(t *token)
	directive(d directive, line int32)
}

type scanner struct {
	lx   lexer
	src  []byte
	lang Language
	out  sink
	line int32

	tilde     bool
	tildeFrom int32
	tildeLine int32
	// tok is the token being handed over; one per scanner, so handing it
	// through the sink interface allocates nothing. Finders copy what
	// they keep.
	tok token
}

// span is a token between the stages: a raw token or a whole
// preprocessor line.
type span struct {
	kind          rawKind
	macro         bool
	start, end    int
	line, endLine int32
}

func scan(src []byte, lang Language, out sink) {
	s := scanner{lx: newLexer(src, lang), src: src, lang: lang, out: out, line: 1}
	s.run()
}

func (s *scanner) run() {
	var macro span
	inMacro := false
	for {
		k, start, end, ok := s.lx.next()
		if !ok {
			break
		}
		line := s.line
		var nl int32
		switch k {
		case rkSpace:
			if !inMacro && !s.tilde {
				continue // the common case, and nothing to do
			}
		case rkNewline:
			nl = 1
			if !inMacro && !s.tilde {
				s.line++
				continue
			}
		case rkBackslashNL:
			nl = 1
		case rkComment, rkString, rkGeneric:
			nl = narrow(bytes.Count(s.src[start:end], newline))
		}
		s.line += nl
		if inMacro {
			// lizard's rule: a token joins the preprocessor line unless
			// it holds a newline that is not escaped by a backslash.
			if nl == 0 || k == rkBackslashNL || bytes.Contains(s.src[start:end], []byte("\\\n")) {
				macro.end, macro.endLine = end, s.line
				continue
			}
			inMacro = false
			s.stage(macro)
		} else if k == rkHash {
			macro = span{kind: rkHash, macro: true, start: start, end: end, line: line, endLine: line}
			inMacro = true
			continue
		} else if !s.tilde {
			// The common cases without a detour through stage.
			switch {
			case k == rkComment:
				continue
			case k == rkWord, k == rkPunct && (end-start != 1 || s.src[start] != '~' || s.lang == LangGo):
				s.emit(k, start, end, line, s.line, 0)
				continue
			}
		}
		s.stage(span{kind: k, start: start, end: end, line: line, endLine: s.line})
	}
	if inMacro {
		s.stage(macro)
	}
}

// stage is lizard's preprocess() for C and its whitespace filter for Go,
// followed by the comment filter.
func (s *scanner) stage(p span) {
	if s.lang != LangGo {
		if !p.macro && p.kind == rkPunct && p.end-p.start == 1 && s.src[p.start] == '~' {
			s.tilde, s.tildeFrom, s.tildeLine = true, narrow(p.start), p.line
			return
		}
		if s.tilde {
			s.tilde = false
			s.emit(p.kind, int(s.tildeFrom), p.end, s.tildeLine, p.endLine, fTilde)
			return
		}
		if p.macro {
			s.preprocessorLine(p)
			return
		}
	}
	switch p.kind {
	case rkSpace, rkNewline, rkComment:
		return
	}
	s.emit(p.kind, p.start, p.end, p.line, p.endLine, 0)
}

func (s *scanner) emit(k rawKind, start, end int, line, endLine int32, flags uint8) {
	s.tok = token{start: narrow(start), end: narrow(end), line: line, endLine: endLine, flags: flags}
	t := &s.tok
	b := s.src[start:end]
	if flags&fTilde == 0 {
		switch k {
		case rkWord:
			t.code = classifyWord(b)
		case rkPunct:
			t.code = classifyPunct(b)
		}
		if startsAlpha(b) {
			t.flags |= fAlpha
		}
	}
	s.out.token(t)
}

// preprocessorLine applies lizard's pattern #\s*(\w+)\s*(.*): #if, #ifdef
// and #elif count as decisions; #include stays as two tokens; a line that
// does not fit the pattern (a lone "#") stays as one token.
func (s *scanner) preprocessorLine(p span) {
	b := s.src[p.start:p.end]
	i := 1
	for i < len(b) && isSpaceByte(b[i]) {
		i++
	}
	j := i
	for j < len(b) && (class[b[j]] == clsWord || class[b[j]] == clsDigit || b[j] >= 0x80) {
		j++
	}
	if j == i {
		s.emit(rkPunct, p.start, p.end, p.line, p.endLine, 0)
		return
	}
	name := b[i:j]
	switch string(name) {
	case "if":
		s.out.directive(dirIf, p.line)
	case "ifdef":
		s.out.directive(dirIfdef, p.line)
	case "ifndef":
		s.out.directive(dirIfndef, p.line)
	case "elif":
		s.out.directive(dirElif, p.line)
	case "else":
		s.out.directive(dirElse, p.line)
	case "endif":
		s.out.directive(dirEndif, p.line)
	case "include":
		k := j
		for k < len(b) && isSpaceByte(b[k]) {
			k++
		}
		s.tok = token{start: narrow(p.start), end: narrow(p.start + j), line: p.line, endLine: p.line, synth: synthInclude}
		s.out.token(&s.tok)
		if k == len(b) {
			s.tok = token{start: narrow(p.end), end: narrow(p.end), line: p.endLine, endLine: p.endLine, synth: synthEmpty}
			s.out.token(&s.tok)
			return
		}
		rest := b[k:]
		s.tok = token{start: narrow(p.start + k), end: narrow(p.end), line: p.line + narrow(bytes.Count(b[:k], newline)), endLine: p.endLine}
		s.tok.code = classifyPunct(rest)
		if startsAlpha(rest) {
			s.tok.flags |= fAlpha
		}
		s.out.token(&s.tok)
	default:
		s.out.directive(dirOther, p.line)
	}
}

var newline = []byte{'\n'}

// narrow converts a byte offset, line number or count of one source file
// to the int32 that tokens and line counters hold (half the size of an
// int; finders copy tokens). Every such number lies in [0, MaxFileSize]:
// prepare refuses larger files before anything is scanned. The clamp never
// changes a value; it makes the bound hold where the conversion is, so it
// no longer rests on a caller three functions away, for two conditional
// moves once inlined.
func narrow(n int) int32 { return int32(min(max(n, 0), MaxFileSize)) }

func isSpaceByte(c byte) bool { return class[c] == clsSpace || c == '\n' }
