package vuln

import (
	"errors"
	"fmt"
)

// Machine-readable error codes. The HTTP layer maps them: CodeHidden → 404
// (the actor may not know the report exists), CodeForbidden → 403,
// CodeState → 409, CodeInvalid → 422, CodeTooLarge → 413.
const (
	CodeHidden    = "not_found"
	CodeForbidden = "forbidden"
	CodeState     = "invalid_state"
	CodeInvalid   = "invalid_field"
	CodeTooLarge  = "too_large"
)

// Error is a refused operation: which rule, which field, and what to do.
type Error struct {
	Code  string // one of the Code constants
	Field string // the field concerned, as the JSON API names it ("cvss", "modules/0"); may be empty
	Msg   string
	Hint  string
}

func (e *Error) Error() string {
	s := e.Msg
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Hint != "" {
		s += " (hint: " + e.Hint + ")"
	}
	return s
}

func invalid(field, hint, format string, a ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Msg: fmt.Sprintf(format, a...), Hint: hint}
}

// ErrorCode returns the Code of err when it is (or wraps) an *Error, else "".
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
