package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/assure-dev/assure/internal/audit"
)

// sqlStore is the Store of both databases.
type sqlStore struct {
	db  *sql.DB
	d   dialect
	opt Options
}

func (s *sqlStore) Kind() string { return s.d.kind }
func (s *sqlStore) Close() error { return s.db.Close() }

// DB exposes the connection pool to tests in other packages that tamper
// with the tables directly; the server never uses it.
func DB(st Store) (*sql.DB, bool) {
	s, ok := st.(*sqlStore)
	if !ok {
		return nil, false
	}
	return s.db, true
}

// tx is one write transaction with its dialect.
type tx struct {
	ctx context.Context
	tx  *sql.Tx
	d   dialect
}

func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(t.ctx, t.d.q(query), args...)
}

func (t *tx) row(query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(t.ctx, t.d.q(query), args...)
}

// write runs fn in one transaction, appends the audit entries fn returns
// (and ev) with a signed checkpoint, and commits. Either all of it is
// stored or nothing is.
func (s *sqlStore) write(ctx context.Context, ev []audit.Entry, fn func(t *tx) ([]audit.Entry, error)) (cp audit.Checkpoint, err error) {
	if s.opt.ReadOnly {
		return cp, ErrReadOnly
	}
	stx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return cp, err
	}
	defer func() {
		if err != nil {
			stx.Rollback()
		}
	}()
	t := &tx{ctx: ctx, tx: stx, d: s.d}
	if fn != nil {
		more, err := fn(t)
		if err != nil {
			return cp, err
		}
		ev = append(more, ev...)
	}
	cp, err = audit.Append(auditWriter{t}, s.opt.Signer, ev...)
	if err != nil {
		return cp, err
	}
	return cp, stx.Commit()
}

func (s *sqlStore) Audit(ctx context.Context, ev ...audit.Entry) (audit.Checkpoint, error) {
	if len(ev) == 0 {
		return audit.Checkpoint{}, errors.New("audit: no entries")
	}
	return s.write(ctx, ev, nil)
}

// auditWriter is audit.Writer inside a transaction.
type auditWriter struct{ t *tx }

func (w auditWriter) Size() (int64, error) {
	var n int64
	err := w.t.row(`SELECT size FROM audit_head WHERE id = 1` + w.t.d.forUpdate).Scan(&n)
	return n, err
}

func (w auditWriter) ReadHashes(ix []int64) ([]tlog.Hash, error) {
	if len(ix) == 0 {
		return nil, nil
	}
	args := make([]any, len(ix))
	for i, x := range ix {
		args[i] = x
	}
	rows, err := w.t.tx.QueryContext(w.t.ctx, w.t.d.q(`SELECT idx, hash FROM audit_hashes WHERE idx IN (?`+strings.Repeat(", ?", len(ix)-1)+`)`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	got := map[int64]tlog.Hash{}
	for rows.Next() {
		var i int64
		var b []byte
		if err := rows.Scan(&i, &b); err != nil {
			return nil, err
		}
		var h tlog.Hash
		if len(b) != len(h) {
			return nil, fmt.Errorf("audit hash %d: %d bytes, want %d (the table was changed)", i, len(b), len(h))
		}
		copy(h[:], b)
		got[i] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]tlog.Hash, len(ix))
	for i, x := range ix {
		h, ok := got[x]
		if !ok {
			return nil, fmt.Errorf("audit hash %d is missing (the table was changed; run assure audit verify)", x)
		}
		out[i] = h
	}
	return out, nil
}

func (w auditWriter) Add(r audit.Record, first int64, hashes []tlog.Hash) error {
	if _, err := w.t.exec(`INSERT INTO audit_records (idx, time, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		r.Index, r.Time.UTC().Format(audit.TimeFormat), r.Actor, r.Action, r.Subject, r.Detail); err != nil {
		return fmt.Errorf("audit record %d: %w", r.Index, err)
	}
	for i, h := range hashes {
		if _, err := w.t.exec(`INSERT INTO audit_hashes (idx, hash) VALUES (?, ?)`, first+int64(i), h[:]); err != nil {
			return fmt.Errorf("audit hash %d: %w", first+int64(i), err)
		}
	}
	return nil
}

func (w auditWriter) AddCheckpoint(size int64, signed []byte) error {
	if _, err := w.t.exec(`INSERT INTO audit_checkpoints (size, note) VALUES (?, ?)`, size, string(signed)); err != nil {
		return err
	}
	_, err := w.t.exec(`UPDATE audit_head SET size = ? WHERE id = 1`, size)
	return err
}

// AuditRecords reads the records as stored. A time that no longer parses
// is read as the zero time, so the record fails its hash instead of
// stopping the verification.
func (s *sqlStore) AuditRecords(ctx context.Context, fn func(audit.Record) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT idx, time, actor, action, subject, detail FROM audit_records ORDER BY idx`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r audit.Record
		var ts string
		if err := rows.Scan(&r.Index, &ts, &r.Actor, &r.Action, &r.Subject, &r.Detail); err != nil {
			return err
		}
		r.Time, _ = time.Parse(audit.TimeFormat, ts)
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *sqlStore) AuditHashes(ctx context.Context, fn func(int64, tlog.Hash) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT idx, hash FROM audit_hashes ORDER BY idx`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var i int64
		var b []byte
		if err := rows.Scan(&i, &b); err != nil {
			return err
		}
		var h tlog.Hash
		copy(h[:], b) // a hash of the wrong length stays wrong: it will not match
		if len(b) != len(h) {
			h[0] ^= 0xff
		}
		if err := fn(i, h); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *sqlStore) AuditCheckpoints(ctx context.Context, fn func(int64, []byte) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT size, note FROM audit_checkpoints ORDER BY size`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var n int64
		var msg string
		if err := rows.Scan(&n, &msg); err != nil {
			return err
		}
		if err := fn(n, []byte(msg)); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *sqlStore) AuditEntries(ctx context.Context, from int64, limit int) ([]audit.Record, error) {
	if limit <= 0 || limit > 10000 {
		limit = 10000
	}
	rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT idx, time, actor, action, subject, detail FROM audit_records WHERE idx >= ? ORDER BY idx LIMIT ?`), from, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []audit.Record
	for rows.Next() {
		var r audit.Record
		var ts string
		if err := rows.Scan(&r.Index, &ts, &r.Actor, &r.Action, &r.Subject, &r.Detail); err != nil {
			return nil, err
		}
		r.Time, _ = time.Parse(audit.TimeFormat, ts)
		out = append(out, r)
	}
	return out, rows.Err()
}
