package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/assure-dev/assure/internal/audit"
)

// sqlStore is the Store of both databases.
type sqlStore struct {
	db  *sql.DB
	d   dialect
	opt Options
	// stmts are the prepared statements of the hot reads (a report, a
	// token, an account, a session), by query: preparing a statement
	// costs more than running it in the pure-Go SQLite.
	stmts sync.Map
	// group commits SQLite writes (see groupWrite).
	group struct {
		sync.Mutex
		queue   []*writeOp
		running bool
	}
}

func (s *sqlStore) Kind() string { return s.d.kind }
func (s *sqlStore) Close() error {
	var errs []error
	s.stmts.Range(func(_, v any) bool { errs = append(errs, v.(*sql.Stmt).Close()); return true })
	return errors.Join(append(errs, s.db.Close())...)
}

// queryRow runs a one-row read with a statement prepared once.
func (s *sqlStore) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	v, ok := s.stmts.Load(query)
	if !ok {
		st, err := s.db.PrepareContext(ctx, s.d.q(query))
		if err != nil {
			return s.db.QueryRowContext(ctx, s.d.q(query), args...) // reports the error on Scan
		}
		if prev, loaded := s.stmts.LoadOrStore(query, st); loaded {
			_ = st.Close() // another reader prepared it first; theirs serves
			v = prev
		} else {
			v = st
		}
	}
	return v.(*sql.Stmt).QueryRowContext(ctx, args...)
}

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

// updated judges an UPDATE … WHERE version = ? by the rows it changed: one
// is success; none is a conflict when the row exists (another writer got
// there first) and ErrNotFound when it does not. exists is a query of one
// row for key; what names the record in the error ("account a-1").
func (t *tx) updated(res sql.Result, exists, what string, key any) error {
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 1 {
		return nil
	}
	var one int
	if err := t.row(exists, key).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, ErrConflict)
}

// write runs fn in one transaction, appends the audit entries fn returns
// (and ev) with a signed checkpoint, and commits. Either all of it is
// stored or nothing is.
func (s *sqlStore) write(ctx context.Context, ev []audit.Entry, fn func(t *tx) ([]audit.Entry, error)) (cp audit.Checkpoint, err error) {
	if s.opt.ReadOnly {
		return cp, ErrReadOnly
	}
	if s.d.kind == sqliteDialect.kind {
		return s.groupWrite(ctx, ev, fn)
	}
	stx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return cp, err
	}
	defer func() {
		if err != nil {
			// err says why the write failed; a failed rollback adds
			// nothing the caller can act on (the database drops the
			// transaction with the connection).
			_ = stx.Rollback()
		}
	}()
	cp, err = s.apply(&tx{ctx: ctx, tx: stx, d: s.d}, ev, fn)
	if err != nil {
		return cp, err
	}
	return cp, stx.Commit()
}

// apply runs one write's work inside an open transaction.
func (s *sqlStore) apply(t *tx, ev []audit.Entry, fn func(t *tx) ([]audit.Entry, error)) (audit.Checkpoint, error) {
	if fn != nil {
		more, err := fn(t)
		if err != nil {
			return audit.Checkpoint{}, err
		}
		ev = append(more, ev...)
	}
	return audit.Append(auditWriter{t}, s.opt.Signer, ev...)
}

// writeOp is one write waiting for a group commit.
type writeOp struct {
	ctx  context.Context
	ev   []audit.Entry
	fn   func(t *tx) ([]audit.Entry, error)
	cp   audit.Checkpoint
	err  error
	done chan struct{}
}

// groupWrite is write for SQLite, with group commit. SQLite has one write
// lock and synchronous=FULL pays one fsync per commit (about 7 ms on the
// benchmark machine), so one writer at a time caps a server at some 140
// writes per second, and writers polling the lock through SQLite's busy
// handler wait tens of milliseconds more. Instead the writers of this
// process queue here; the first becomes the leader and commits everything
// queued in one transaction, each write inside its own savepoint, so each
// keeps its all-or-nothing: a write that fails rolls back to its
// savepoint and fails alone. Every writer returns only after the commit
// that holds its write, so nothing is acknowledged before it is durable;
// if that commit fails, every write in it fails.
func (s *sqlStore) groupWrite(ctx context.Context, ev []audit.Entry, fn func(t *tx) ([]audit.Entry, error)) (audit.Checkpoint, error) {
	op := &writeOp{ctx: ctx, ev: ev, fn: fn, done: make(chan struct{})}
	g := &s.group
	g.Lock()
	g.queue = append(g.queue, op)
	lead := !g.running
	g.running = true
	g.Unlock()
	if lead {
		for {
			g.Lock()
			batch := g.queue
			g.queue = nil
			if len(batch) == 0 {
				g.running = false
				g.Unlock()
				break
			}
			g.Unlock()
			s.commitGroup(batch)
		}
	}
	<-op.done
	return op.cp, op.err
}

// maxGroup bounds the writes of one transaction, so one commit does not
// hold the lock for long.
const maxGroup = 64

func (s *sqlStore) commitGroup(batch []*writeOp) {
	for len(batch) > maxGroup {
		s.commitGroup(batch[:maxGroup])
		batch = batch[maxGroup:]
	}
	finish := func(err error) {
		for _, op := range batch {
			if err != nil && op.err == nil {
				op.err = err
			}
			close(op.done)
		}
	}
	// The transaction is not bound to any one writer's context: a writer
	// that gives up must not roll back the others.
	stx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		finish(err)
		return
	}
	for _, op := range batch {
		if op.err = op.ctx.Err(); op.err != nil {
			continue
		}
		t := &tx{ctx: context.Background(), tx: stx, d: s.d}
		if _, err := t.exec(`SAVEPOINT w`); err != nil {
			op.err = err
			continue
		}
		op.cp, op.err = s.apply(t, op.ev, op.fn)
		if op.err != nil {
			if _, err := t.exec(`ROLLBACK TO SAVEPOINT w`); err != nil {
				_ = stx.Rollback() // err is the failure to report
				finish(fmt.Errorf("rolling back a failed write: %w", err))
				return
			}
		}
		if _, err := t.exec(`RELEASE SAVEPOINT w`); err != nil {
			_ = stx.Rollback() // err is the failure to report
			finish(err)
			return
		}
	}
	if err := stx.Commit(); err != nil {
		_ = stx.Rollback() // err is the failure to report
		finish(err)
		return
	}
	finish(nil)
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
