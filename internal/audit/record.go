package audit

import (
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"
)

// Entry is one auditable event.
type Entry struct {
	Time    time.Time `json:"time"`
	Actor   string    `json:"actor"`   // account id, "anonymous", or a system actor
	Action  string    `json:"action"`  // "report.create", "login.fail", "role.change" …
	Subject string    `json:"subject"` // what it is about: "report/12", "account/alice"
	Detail  string    `json:"detail,omitempty"`
}

// Record is an entry at its place in the log.
type Record struct {
	Index int64 `json:"index"`
	Entry
}

// TimeFormat is how times are written into records: fixed width, UTC,
// microseconds, so they sort as text and survive every store unchanged.
const TimeFormat = "2006-01-02T15:04:05.000000Z"

// MaxField bounds each text field of an entry.
const MaxField = 4096

// Check refuses an entry the log cannot hold faithfully.
func (e Entry) Check() error {
	if e.Time.IsZero() {
		return fmt.Errorf("audit entry %q: no time", e.Action)
	}
	if e.Action == "" {
		return fmt.Errorf("audit entry: no action")
	}
	for name, s := range map[string]string{"actor": e.Actor, "action": e.Action, "subject": e.Subject, "detail": e.Detail} {
		if len(s) > MaxField || !utf8.ValidString(s) {
			return fmt.Errorf("audit entry %q: %s is not valid UTF-8 of at most %d bytes", e.Action, name, MaxField)
		}
	}
	return nil
}

// canonical is the byte form a record is hashed in. Its index is part of
// it, so a record moved to another place no longer matches its hash.
type canonical struct {
	V       int    `json:"v"`
	Index   int64  `json:"index"`
	Time    string `json:"time"`
	Actor   string `json:"actor"`
	Action  string `json:"action"`
	Subject string `json:"subject"`
	Detail  string `json:"detail"`
}

// Encode is the record's canonical bytes: JSON with a fixed field order.
func (r Record) Encode() []byte {
	b, _ := json.Marshal(canonical{1, r.Index, r.Time.UTC().Format(TimeFormat), r.Actor, r.Action, r.Subject, r.Detail})
	return b
}

// Normalize rounds the time to what the log keeps.
func (e Entry) Normalize() Entry {
	e.Time = e.Time.UTC().Truncate(time.Microsecond)
	return e
}
