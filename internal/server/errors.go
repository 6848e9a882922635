package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// Error codes of the API beyond vuln's (not_found, forbidden,
// invalid_state, invalid_field, too_large). Clients switch on them.
const (
	CodeMalformed     = "malformed_json"         // 400: not JSON, or JSON of the wrong shape
	CodeUnknownField  = "unknown_field"          // 400: a field the endpoint does not take
	CodeDuplicate     = "duplicate_field"        // 400: a field given twice
	CodeWrongType     = "invalid_type"           // 400: a field of the wrong JSON type
	CodeBadParameter  = "invalid_parameter"      // 400: a query parameter
	CodeUnauth        = "unauthenticated"        // 401: no valid token or session
	CodeScope         = "insufficient_scope"     // 403: the token lacks the scope
	CodeCSRF          = "csrf"                   // 403: a form without its CSRF token
	CodeMediaType     = "unsupported_media_type" // 415
	CodeConflict      = "conflict"               // 409: the record changed since it was read
	CodeExists        = "exists"                 // 409: a record with this key exists
	CodeRateLimited   = "rate_limited"           // 429
	CodeMethod        = "method_not_allowed"     // 405
	CodeInternal      = "internal"               // 500: a bug or a database failure
	CodeUnavailable   = "unavailable"            // 503: the audit log could not be written
	CodePrecondition  = "invalid_precondition"   // 400: If-Match that is not a version
	CodeNotAcceptable = "not_acceptable"         // 406
)

// apiError is a refused request: an HTTP status and the machine-readable
// body {"error": message, "code": …, "field": …, "hint": …}. The "error"
// member is what the gate's tracker client reads.
type apiError struct {
	Status int    `json:"-"`
	Msg    string `json:"error"`
	Code   string `json:"code"`
	Field  string `json:"field,omitempty"`
	Hint   string `json:"hint,omitempty"`
	// Version is the current version of the record, on a conflict.
	Version int64 `json:"version,omitempty"`
	// RetryAfter is seconds to wait, on 429.
	RetryAfter int `json:"retry_after,omitempty"`
}

func (e *apiError) Error() string {
	s := e.Msg
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Hint != "" {
		s += " (hint: " + e.Hint + ")"
	}
	return s
}

func errorf(status int, code, field, hint, format string, a ...any) *apiError {
	return &apiError{Status: status, Code: code, Field: field, Hint: hint, Msg: fmt.Sprintf(format, a...)}
}

// vulnStatus maps the domain's codes to HTTP.
var vulnStatus = map[string]int{
	vuln.CodeHidden:    http.StatusNotFound,
	vuln.CodeForbidden: http.StatusForbidden,
	vuln.CodeState:     http.StatusConflict,
	vuln.CodeInvalid:   http.StatusUnprocessableEntity,
	vuln.CodeTooLarge:  http.StatusRequestEntityTooLarge,
}

// asAPIError turns any error a handler returns into the answer: the
// domain's and the store's errors keep their meaning; anything else is a
// 500 whose detail goes to the log, not to the client.
func asAPIError(err error) (e *apiError, internal bool) {
	if errors.As(err, &e) {
		return e, false
	}
	var ve *vuln.Error
	if errors.As(err, &ve) {
		st, ok := vulnStatus[ve.Code]
		if !ok {
			st = http.StatusUnprocessableEntity
		}
		msg := ve.Msg
		if ve.Code == vuln.CodeHidden {
			msg = "no such report"
		}
		return &apiError{Status: st, Code: ve.Code, Field: ve.Field, Msg: msg, Hint: ve.Hint}, false
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return &apiError{Status: http.StatusNotFound, Code: vuln.CodeHidden, Msg: "not found"}, false
	case errors.Is(err, store.ErrConflict):
		return &apiError{Status: http.StatusConflict, Code: CodeConflict, Msg: "changed by someone else since it was read; nothing was written",
			Hint: "read it again and repeat the change"}, false
	case errors.Is(err, store.ErrExists):
		return &apiError{Status: http.StatusConflict, Code: CodeExists, Msg: "already exists"}, false
	}
	return &apiError{Status: http.StatusInternalServerError, Code: CodeInternal, Msg: "internal error; the server log has the details"}, true
}

// notFound is the answer for a report the actor may not see, the same as
// for one that does not exist.
func notFound(what string) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: vuln.CodeHidden, Msg: "no such " + what}
}
