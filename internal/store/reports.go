package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/vuln"
)

func (s *sqlStore) CreateReport(ctx context.Context, r *vuln.Report, x Extra) error {
	if r.ID != 0 {
		return fmt.Errorf("create report: it already has id %d", r.ID)
	}
	if len(r.History) == 0 {
		return errors.New("create report: no history (hint: make reports with vuln.New)")
	}
	if err := checkBlobs(r, nil, x.Blobs); err != nil {
		return err
	}
	var id int64
	_, err := s.write(ctx, x.Audit, func(t *tx) ([]audit.Entry, error) {
		if err := t.row(`UPDATE counters SET value = value + 1 WHERE name = 'report' RETURNING value`).Scan(&id); err != nil {
			return nil, err
		}
		c := *r
		c.ID, c.Version = id, 1
		doc, err := json.Marshal(&c)
		if err != nil {
			return nil, err
		}
		if _, err := t.exec(`INSERT INTO reports (id, version, state, severity, reporter, embargo_end, created, updated, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, 1, string(c.State), severityOf(&c), c.Reporter, timeText(c.Embargo.End), timeText(c.Created), timeText(c.Updated), string(doc)); err != nil {
			return nil, err
		}
		if err := putModules(t, id, c.Modules); err != nil {
			return nil, err
		}
		if err := putBlobs(t, id, x.Blobs, &c); err != nil {
			return nil, err
		}
		return historyEntries(id, c.History), nil
	})
	if err != nil {
		return err
	}
	r.ID, r.Version = id, 1
	return nil
}

func (s *sqlStore) Report(ctx context.Context, id int64) (*vuln.Report, error) {
	var version int64
	var doc string
	err := s.queryRow(ctx, `SELECT version, doc FROM reports WHERE id = ?`, id).Scan(&version, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("report %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return decodeReport(id, version, []byte(doc))
}

func (s *sqlStore) UpdateReport(ctx context.Context, r *vuln.Report, x Extra) error {
	var next int64
	_, err := s.write(ctx, x.Audit, func(t *tx) ([]audit.Entry, error) {
		var version int64
		var doc string
		err := t.row(`SELECT version, doc FROM reports WHERE id = ?`+t.d.forUpdate, r.ID).Scan(&version, &doc)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("report %d: %w", r.ID, ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
		if version != r.Version {
			return nil, fmt.Errorf("report %d: read at version %d, now at %d: %w", r.ID, r.Version, version, ErrConflict)
		}
		old, err := decodeReport(r.ID, version, []byte(doc))
		if err != nil {
			return nil, err
		}
		added, err := appended(old, r)
		if err != nil {
			return nil, err
		}
		if err := checkBlobs(r, old, x.Blobs); err != nil {
			return nil, err
		}
		next = version + 1
		c := *r
		c.Version = next
		newDoc, err := json.Marshal(&c)
		if err != nil {
			return nil, err
		}
		res, err := t.exec(`UPDATE reports SET version = ?, state = ?, severity = ?, embargo_end = ?, updated = ?, doc = ? WHERE id = ? AND version = ?`,
			next, string(c.State), severityOf(&c), timeText(c.Embargo.End), timeText(c.Updated), string(newDoc), c.ID, version)
		if err != nil {
			return nil, err
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, err
		} else if n != 1 {
			return nil, fmt.Errorf("report %d: %w", r.ID, ErrConflict)
		}
		if !slices.Equal(old.Modules, c.Modules) {
			if _, err := t.exec(`DELETE FROM report_modules WHERE report_id = ?`, c.ID); err != nil {
				return nil, err
			}
			if err := putModules(t, c.ID, c.Modules); err != nil {
				return nil, err
			}
		}
		if err := putBlobs(t, c.ID, x.Blobs, &c); err != nil {
			return nil, err
		}
		return historyEntries(c.ID, added), nil
	})
	if err != nil {
		return err
	}
	r.Version = next
	return nil
}

// appended checks that next is old moved forward: same identity, history
// extended and not rewritten. It returns the new events.
func appended(old, next *vuln.Report) ([]vuln.Event, error) {
	if next.Reporter != old.Reporter || !next.Created.Equal(old.Created) {
		return nil, fmt.Errorf("report %d: reporter and creation time cannot change", old.ID)
	}
	if len(next.History) < len(old.History) {
		return nil, fmt.Errorf("report %d: history is append-only (stored %d events, got %d)", old.ID, len(old.History), len(next.History))
	}
	a, _ := json.Marshal(old.History)
	b, _ := json.Marshal(next.History[:len(old.History)])
	if string(a) != string(b) {
		return nil, fmt.Errorf("report %d: history is append-only; stored events were changed", old.ID)
	}
	return next.History[len(old.History):], nil
}

// checkBlobs makes sure every attachment described is stored exactly once
// with the content described: new descriptions need their bytes, bytes need
// a new description, and the hash must match.
func checkBlobs(r, old *vuln.Report, blobs map[string][]byte) error {
	had := map[string]bool{}
	if old != nil {
		for _, a := range old.Attachments {
			had[a.ID] = true
		}
	}
	desc := map[string]vuln.Attachment{}
	for _, a := range r.Attachments {
		desc[a.ID] = a
		if !had[a.ID] {
			if _, ok := blobs[a.ID]; !ok {
				return fmt.Errorf("report %d: attachment %s has no content (hint: pass it in Extra.Blobs)", r.ID, a.ID)
			}
		}
	}
	for id, b := range blobs {
		a, ok := desc[id]
		if !ok || had[id] {
			return fmt.Errorf("report %d: content for attachment %q, which is not a new attachment of the report", r.ID, id)
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != a.SHA256 || int64(len(b)) != a.Size {
			return fmt.Errorf("report %d: content of attachment %s does not match its description", r.ID, id)
		}
	}
	return nil
}

func putBlobs(t *tx, id int64, blobs map[string][]byte, r *vuln.Report) error {
	for _, a := range r.Attachments {
		b, ok := blobs[a.ID]
		if !ok {
			continue
		}
		if _, err := t.exec(`INSERT INTO attachments (report_id, id, sha256, content) VALUES (?, ?, ?, ?)`, id, a.ID, a.SHA256, b); err != nil {
			return err
		}
	}
	return nil
}

func putModules(t *tx, id int64, mods []string) error {
	for _, m := range mods {
		if _, err := t.exec(`INSERT INTO report_modules (report_id, module) VALUES (?, ?)`, id, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *sqlStore) Reports(ctx context.Context, f Filter) ([]*vuln.Report, error) {
	var where []string
	var args []any
	if len(f.States) > 0 {
		where = append(where, "state IN (?"+strings.Repeat(", ?", len(f.States)-1)+")")
		for _, st := range f.States {
			args = append(args, string(st))
		}
	}
	if f.Module != "" {
		where = append(where, "id IN (SELECT report_id FROM report_modules WHERE module = ?)")
		args = append(args, f.Module)
	}
	if f.Severity != "" {
		where = append(where, "severity = ?")
		args = append(args, f.Severity)
	}
	if f.Reporter != "" {
		where = append(where, "reporter = ?")
		args = append(args, f.Reporter)
	}
	if !f.EmbargoEndsBefore.IsZero() {
		where = append(where, "embargo_end < ? AND state NOT IN ('public', 'rejected')")
		args = append(args, timeText(f.EmbargoEndsBefore))
	}
	if f.AfterID > 0 {
		where = append(where, "id > ?")
		args = append(args, f.AfterID)
	}
	q := `SELECT id, version, doc FROM reports`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, s.d.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*vuln.Report
	for rows.Next() {
		var id, version int64
		var doc string
		if err := rows.Scan(&id, &version, &doc); err != nil {
			return nil, err
		}
		r, err := decodeReport(id, version, []byte(doc))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *sqlStore) Attachment(ctx context.Context, reportID int64, id string) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, s.d.q(`SELECT content FROM attachments WHERE report_id = ? AND id = ?`), reportID, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("attachment %s of report %d: %w", id, reportID, ErrNotFound)
	}
	return b, err
}
