package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/vuln"
)

// timeText is how times are kept in columns that are compared and sorted:
// fixed width UTC text, the same in both databases.
func timeText(t time.Time) string { return t.UTC().Format(audit.TimeFormat) }

// decodeReport reads a report document back (vuln.DecodeReport: strict),
// with the id and version of its row.
func decodeReport(id, version int64, doc []byte) (*vuln.Report, error) {
	r, err := vuln.DecodeReport(doc)
	if err != nil {
		return nil, fmt.Errorf("report %d: stored document: %w", id, err)
	}
	if r.ID != id {
		return nil, fmt.Errorf("report %d: stored document says id %d", id, r.ID)
	}
	r.Version = version
	return r, nil
}

func strictJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return fmt.Errorf("data after the JSON value")
	}
	return nil
}

// severityOf is the severity the inbox filters on: the CVSS rating once
// triaged, else the reporter's.
func severityOf(r *vuln.Report) string {
	if r.CVSS != nil {
		return lower(r.CVSS.Severity)
	}
	return string(r.ReporterSeverity)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// historyEntries turns report events into audit entries. Only ids, names
// and states go into the log, never the report's text.
func historyEntries(id int64, evs []vuln.Event) []audit.Entry {
	out := make([]audit.Entry, len(evs))
	for i, e := range evs {
		d := e.Detail
		if e.From != "" || e.To != "" {
			d = fmt.Sprintf("%s -> %s", orNone(e.From), e.To)
			if e.Detail != "" {
				d += "; " + e.Detail
			}
		}
		out[i] = audit.Entry{Time: e.At, Actor: e.Actor, Action: "report." + e.Kind, Subject: fmt.Sprintf("report/%d", id), Detail: d}
	}
	return out
}

func orNone(s vuln.State) string {
	if s == "" {
		return "none"
	}
	return string(s)
}
