package complexity

import (
	"unicode"
	"unicode/utf8"
)

// token is one token the finders see: no blanks, no comments, no
// preprocessor lines (except #include, which lizard keeps).
type token struct {
	start, end    int32 // bytes of the source; see text
	line, endLine int32 // 1-based
	code          tcode
	flags         uint8
	synth         uint8 // synthInclude, synthEmpty: text is not in the source
}

const (
	fAlpha = 1 << iota // starts like an identifier: a letter or "_"
	fTilde             // starts with "~" (lizard glues "~" to the next token)
)

const (
	synthNone = iota
	synthInclude
	synthEmpty
)

func (t *token) text(src []byte) []byte {
	switch t.synth {
	case synthInclude:
		return []byte("#include")
	case synthEmpty:
		return []byte(`""`)
	}
	return src[t.start:t.end]
}

// tcode names the tokens the finders compare against; every other token
// is tOther.
type tcode uint8

const (
	tOther tcode = iota
	tLParen
	tRParen
	tLT
	tGT
	tLBrace
	tRBrace
	tLBracket
	tRBracket
	tColonColon
	tComma
	tSemi
	tColon
	tAssign
	tDot
	tArrow
	tAmp
	tAndAnd
	tOrOr
	tQuestion
	tBacktick
	tShl
	tIf
	tFor
	tWhile
	tCatch
	tCase
	tOperator
	tConst
	tThrow
	tThrows
	tNoexcept
	tVoid
	tTemplate
	tStruct
	tClass
	tNamespace
	tUnion
	tTypedef
	tFinal
	tExtends
	tImplements
	tMutable
	tConstexpr
	tConsteval
	tFunc
	tType
	tInterface
	tElse
	tDo
	tSwitch
	tReturn
	tSelect
	tTry
	tEllipsis
)

// isCondition reports whether lizard counts the token as a decision:
// if, for, while, catch, case, &&, || and ?.
func (c tcode) isCondition() bool {
	switch c {
	case tIf, tFor, tWhile, tCatch, tCase, tAndAnd, tOrOr, tQuestion:
		return true
	}
	return false
}

func classifyPunct(b []byte) tcode {
	if len(b) == 1 {
		switch b[0] {
		case '(':
			return tLParen
		case ')':
			return tRParen
		case '<':
			return tLT
		case '>':
			return tGT
		case '{':
			return tLBrace
		case '}':
			return tRBrace
		case '[':
			return tLBracket
		case ']':
			return tRBracket
		case ',':
			return tComma
		case ';':
			return tSemi
		case ':':
			return tColon
		case '=':
			return tAssign
		case '.':
			return tDot
		case '&':
			return tAmp
		case '?':
			return tQuestion
		case '`':
			return tBacktick
		}
		return tOther
	}
	switch string(b) {
	case "::":
		return tColonColon
	case "->":
		return tArrow
	case "&&":
		return tAndAnd
	case "||":
		return tOrOr
	case "<<":
		return tShl
	case "...":
		return tEllipsis
	}
	return tOther
}

func classifyWord(b []byte) tcode {
	// Every keyword is 2 to 10 lowercase letters: most identifiers
	// ("mbedtls_ssl_write", "xTaskCreate", "MAX_LEN") are ruled out here.
	if len(b) < 2 || len(b) > 10 || b[0] < 'a' || b[0] > 'z' {
		return tOther
	}
	switch string(b) {
	case "if":
		return tIf
	case "for":
		return tFor
	case "while":
		return tWhile
	case "catch":
		return tCatch
	case "case":
		return tCase
	case "operator":
		return tOperator
	case "const":
		return tConst
	case "throw":
		return tThrow
	case "throws":
		return tThrows
	case "noexcept":
		return tNoexcept
	case "void":
		return tVoid
	case "template":
		return tTemplate
	case "struct":
		return tStruct
	case "class":
		return tClass
	case "namespace":
		return tNamespace
	case "union":
		return tUnion
	case "typedef":
		return tTypedef
	case "final":
		return tFinal
	case "extends":
		return tExtends
	case "implements":
		return tImplements
	case "mutable":
		return tMutable
	case "constexpr":
		return tConstexpr
	case "consteval":
		return tConsteval
	case "func":
		return tFunc
	case "type":
		return tType
	case "interface":
		return tInterface
	case "else":
		return tElse
	case "do":
		return tDo
	case "switch":
		return tSwitch
	case "return":
		return tReturn
	case "select":
		return tSelect
	case "try":
		return tTry
	}
	return tOther
}

// startsAlpha is Python's token[0].isalpha() or token[0] == "_".
func startsAlpha(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	c := b[0]
	if c < 0x80 {
		return class[c] == clsWord
	}
	r, _ := utf8.DecodeRune(b)
	return unicode.IsLetter(r)
}
