package vuln

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/assure-dev/assure/internal/model"
)

// Env is what operations consult beyond the report: the configuration and
// the model, whose modules are the ones a report may name.
type Env struct {
	Config Config
	Model  *model.Model
}

// HasModule reports whether the model has a module with this id.
func (e Env) HasModule(id string) bool {
	if e.Model == nil {
		return false
	}
	for _, m := range e.Model.Modules {
		if m.ID == id {
			return true
		}
	}
	return false
}

// Scheduler is the actor id the scheduler's own events carry.
const Scheduler = "system:scheduler"

// stamp makes every recorded time UTC with microsecond precision, so a
// report survives a round trip through any store unchanged.
func stamp(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func ptime(t time.Time) *time.Time { return &t }

// authorize is the check every operation starts with.
func (r *Report) authorize(a Actor, act Action) error {
	if ok, why := Can(a, act, r); !ok {
		return &Error{Code: why.Code, Msg: why.Text}
	}
	return nil
}

// record appends one history event and bumps Updated.
func (r *Report) record(now time.Time, actor, kind string, from, to State, detail string) {
	r.History = append(r.History, Event{At: now, Actor: actor, Kind: kind, From: from, To: to, Detail: detail})
	r.Updated = now
}

// move changes state and records it. A pending rejection lapses: the
// proposal was about the state the report is leaving.
func (r *Report) move(now time.Time, actor string, act Action, to State, detail string) {
	from := r.State
	r.State = to
	if r.Rejection != nil && r.Rejection.ApprovedBy == "" && to != StateRejected {
		r.Rejection = nil
		detail = strings.TrimSpace(detail + " (pending rejection lapsed)")
	}
	r.record(now, actor, string(act), from, to, detail)
}

// text checks a free-text field: valid UTF-8, no control characters but
// newline and tab, not longer than max bytes; required unless optional.
func text(field, s string, max int, required bool) (string, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if s == "" {
		if required {
			return "", invalid(field, "", "%s is required", field)
		}
		return "", nil
	}
	if len(s) > max {
		return "", &Error{Code: CodeTooLarge, Field: field, Msg: fmt.Sprintf("%d bytes is more than the %d allowed", len(s), max)}
	}
	if !utf8.ValidString(s) {
		return "", invalid(field, "send UTF-8 text", "not valid UTF-8")
	}
	for _, c := range s {
		if unicode.IsControl(c) && c != '\n' && c != '\t' {
			return "", invalid(field, "remove control characters", "contains control character %U", c)
		}
	}
	return s, nil
}

// line is text that must fit on one line (titles, reasons shown in lists).
func line(field, s string, max int, required bool) (string, error) {
	s, err := text(field, s, max, required)
	if err == nil && strings.ContainsAny(s, "\n\t") {
		err = invalid(field, "write it on one line", "must be a single line")
	}
	return s, err
}

// ident checks an account id, module or release name.
func ident(field, s string) error {
	if s == "" || len(s) > MaxIDLen || !utf8.ValidString(s) {
		return invalid(field, "", "%q is not a valid id", clip(s))
	}
	for _, c := range s {
		if unicode.IsSpace(c) || unicode.IsControl(c) {
			return invalid(field, "ids have no spaces", "%q is not a valid id", clip(s))
		}
	}
	return nil
}
