package kconfig

import (
	"strconv"
	"strings"
)

// Type is the type of a symbol or choice, as written in the Kconfig files.
type Type uint8

// Symbol types. TypeUnknown is the type of undefined and constant symbols
// and of symbols defined without a type.
const (
	TypeUnknown Type = iota
	TypeBool
	TypeTristate
	TypeString
	TypeInt
	TypeHex
)

var typeNames = [...]string{"unknown", "bool", "tristate", "string", "int", "hex"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// IsBoolOrTristate reports whether values of the type are n, m or y.
func (t Type) IsBoolOrTristate() bool { return t == TypeBool || t == TypeTristate }

// Tri is a tristate value: N, M or Y. Its order is the logic order
// (N < M < Y), so min and max are AND and OR.
type Tri uint8

// Tristate values.
const (
	N Tri = 0
	M Tri = 1
	Y Tri = 2
)

func (t Tri) String() string {
	switch t {
	case N:
		return "n"
	case M:
		return "m"
	case Y:
		return "y"
	}
	return "Tri(" + strconv.Itoa(int(t)) + ")"
}

func triFromString(s string) (Tri, bool) {
	switch s {
	case "n":
		return N, true
	case "m":
		return M, true
	case "y":
		return Y, true
	}
	return N, false
}

func minTri(a, b Tri) Tri {
	if a < b {
		return a
	}
	return b
}

func maxTri(a, b Tri) Tri {
	if a > b {
		return a
	}
	return b
}

// Pos is a place in a Kconfig or .config file: the file as the reference
// names it (relative to the source tree when inside it) and a 1-based line.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

func (p Pos) String() string {
	if p.Line <= 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line)
}

// IsZero reports whether the position is unknown.
func (p Pos) IsZero() bool { return p.File == "" && p.Line == 0 }

// Severity of a diagnostic.
type Severity uint8

// Severities. Info is what $(info,...) prints.
const (
	SeverityWarning Severity = iota
	SeverityInfo
)

func (s Severity) String() string {
	if s == SeverityInfo {
		return "info"
	}
	return "warning"
}

// Diagnostic codes: stable names for the warnings, so tools can filter them.
const (
	CodeSyntax            = "syntax"               // style problems the parser accepts (missing quotes, ...)
	CodeDefinition        = "definition"           // odd definitions: multiple types, no type, no prompt, ...
	CodeEnv               = "env"                  // option env= on a variable that is not set
	CodeUndefinedSymbol   = "undefined-symbol"     // a Kconfig file references a symbol nobody defines
	CodeUndefinedMacro    = "undefined-macro"      // $(X) where X is no variable, function or environment variable
	CodeMacro             = "macro"                // $(warning-if,...) and $(shell,...) stderr
	CodeInfo              = "info"                 // $(info,...)
	CodeUndefinedAssign   = "undefined-assignment" // .config assigns a symbol the tree does not define
	CodeInvalidValue      = "invalid-value"        // .config value the symbol's type rejects
	CodeMalformedLine     = "malformed-line"       // .config line that is neither an assignment nor a comment
	CodeAssignedTwice     = "assigned-twice"       // .config assigns a symbol more than once
	CodeChoiceMode        = "choice-mode"          // both m and y assigned within one choice
	CodeOutOfRange        = "out-of-range"         // user value outside the active range
	CodeClamped           = "default-clamped"      // default outside the active range, clamped
	CodeInvisibleAssign   = "invisible-assignment" // user value that does not take effect (symbol not visible, or limited)
	CodeSelectUnsatisfied = "select-unsatisfied"   // selected while its own dependencies are not met
	CodeLogicalContext    = "logical-context"      // string/int/hex symbol used as a condition
)

// Diagnostic is one warning about a tree or a configuration: where, what,
// and what to do. Symbol names the symbol concerned, when there is one.
type Diagnostic struct {
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"-"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
	Symbol   string   `json:"symbol,omitempty"`
}

func (d Diagnostic) String() string {
	var b strings.Builder
	if p := d.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Error is a problem that stops parsing or loading: the reference rejects
// the input too. Include is the chain of source statements that led to
// Pos, outermost first.
type Error struct {
	Pos     Pos
	Message string
	Hint    string
	Include []Pos
}

func (e *Error) Error() string {
	var b strings.Builder
	if p := e.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	if e.Hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}
