package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/assure-dev/assure/internal/audit"
)

func (s *sqlStore) CreateAccount(ctx context.Context, a *Account, ev ...audit.Entry) error {
	if a.ID == "" || a.Login == "" {
		return errors.New("create account: id and login are required")
	}
	c := *a
	c.Version = 1
	doc, err := json.Marshal(&c)
	if err != nil {
		return err
	}
	_, err = s.write(ctx, ev, func(t *tx) ([]audit.Entry, error) {
		_, err := t.exec(`INSERT INTO accounts (id, login, version, doc) VALUES (?, ?, ?, ?)`, c.ID, c.Login, 1, string(doc))
		if isUnique(err) {
			return nil, fmt.Errorf("account %s (login %s): %w", c.ID, c.Login, ErrExists)
		}
		return nil, err
	})
	if err != nil {
		return err
	}
	a.Version = 1
	return nil
}

func (s *sqlStore) account(ctx context.Context, col, key string) (*Account, error) {
	var version int64
	var doc string
	err := s.queryRow(ctx, `SELECT version, doc FROM accounts WHERE `+col+` = ?`, key).Scan(&version, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("account %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	var a Account
	if err := strictJSON([]byte(doc), &a); err != nil {
		return nil, fmt.Errorf("account %s: stored document: %w", key, err)
	}
	a.Version = version
	return &a, nil
}

func (s *sqlStore) Account(ctx context.Context, id string) (*Account, error) {
	return s.account(ctx, "id", id)
}

func (s *sqlStore) AccountByLogin(ctx context.Context, login string) (*Account, error) {
	return s.account(ctx, "login", login)
}

func (s *sqlStore) Accounts(ctx context.Context) ([]*Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, version, doc FROM accounts ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Account
	for rows.Next() {
		var id, doc string
		var version int64
		if err := rows.Scan(&id, &version, &doc); err != nil {
			return nil, err
		}
		var a Account
		if err := strictJSON([]byte(doc), &a); err != nil {
			return nil, fmt.Errorf("account %s: stored document: %w", id, err)
		}
		a.Version = version
		out = append(out, &a)
	}
	return out, rows.Err()
}

func (s *sqlStore) UpdateAccount(ctx context.Context, a *Account, ev ...audit.Entry) error {
	c := *a
	c.Version = a.Version + 1
	doc, err := json.Marshal(&c)
	if err != nil {
		return err
	}
	_, err = s.write(ctx, ev, func(t *tx) ([]audit.Entry, error) {
		res, err := t.exec(`UPDATE accounts SET login = ?, version = ?, doc = ? WHERE id = ? AND version = ?`, c.Login, c.Version, string(doc), c.ID, a.Version)
		if isUnique(err) {
			return nil, fmt.Errorf("account %s (login %s): %w", c.ID, c.Login, ErrExists)
		}
		if err != nil {
			return nil, err
		}
		return nil, t.updated(res, `SELECT 1 FROM accounts WHERE id = ?`, "account "+c.ID, c.ID)
	})
	if err != nil {
		return err
	}
	a.Version = c.Version
	return nil
}

func (s *sqlStore) PutToken(ctx context.Context, tk Token, ev ...audit.Entry) error {
	if tk.Hash == "" || tk.AccountID == "" {
		return errors.New("put token: hash and account are required")
	}
	doc, err := json.Marshal(&tk)
	if err != nil {
		return err
	}
	_, err = s.write(ctx, ev, func(t *tx) ([]audit.Entry, error) {
		_, err := t.exec(`INSERT INTO tokens (hash, account_id, expires, doc) VALUES (?, ?, ?, ?)`, tk.Hash, tk.AccountID, timeText(tk.Expires), string(doc))
		if isUnique(err) {
			return nil, fmt.Errorf("token: %w", ErrExists)
		}
		return nil, err
	})
	return err
}

func (s *sqlStore) Token(ctx context.Context, hash string) (Token, error) {
	var doc string
	err := s.queryRow(ctx, `SELECT doc FROM tokens WHERE hash = ?`, hash).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return Token{}, fmt.Errorf("token: %w", ErrNotFound)
	}
	if err != nil {
		return Token{}, err
	}
	var tk Token
	if err := strictJSON([]byte(doc), &tk); err != nil {
		return Token{}, fmt.Errorf("token: stored document: %w", err)
	}
	return tk, nil
}

func (s *sqlStore) Tokens(ctx context.Context, accountID string) ([]Token, error) {
	rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT doc FROM tokens WHERE account_id = ? ORDER BY hash`), accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		var tk Token
		if err := strictJSON([]byte(doc), &tk); err != nil {
			return nil, fmt.Errorf("token: stored document: %w", err)
		}
		out = append(out, tk)
	}
	return out, rows.Err()
}

func (s *sqlStore) DeleteToken(ctx context.Context, hash string, ev ...audit.Entry) error {
	_, err := s.write(ctx, ev, func(t *tx) ([]audit.Entry, error) {
		res, err := t.exec(`DELETE FROM tokens WHERE hash = ?`, hash)
		if err != nil {
			return nil, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil, fmt.Errorf("token: %w", ErrNotFound)
		}
		return nil, nil
	})
	return err
}

// Sessions are not audited (logins are, by the caller), so their writes
// skip the audit log and its checkpoint.
func (s *sqlStore) plain(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.opt.ReadOnly {
		return nil, ErrReadOnly
	}
	return s.db.ExecContext(ctx, s.d.q(query), args...)
}

func (s *sqlStore) PutSession(ctx context.Context, se Session) error {
	if se.Hash == "" || se.AccountID == "" {
		return errors.New("put session: hash and account are required")
	}
	doc, err := json.Marshal(&se)
	if err != nil {
		return err
	}
	_, err = s.plain(ctx, `INSERT INTO sessions (hash, account_id, expires, doc) VALUES (?, ?, ?, ?)`, se.Hash, se.AccountID, timeText(se.Expires), string(doc))
	if isUnique(err) {
		return fmt.Errorf("session: %w", ErrExists)
	}
	return err
}

func (s *sqlStore) Session(ctx context.Context, hash string) (Session, error) {
	var doc string
	err := s.queryRow(ctx, `SELECT doc FROM sessions WHERE hash = ?`, hash).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, fmt.Errorf("session: %w", ErrNotFound)
	}
	if err != nil {
		return Session{}, err
	}
	var se Session
	if err := strictJSON([]byte(doc), &se); err != nil {
		return Session{}, fmt.Errorf("session: stored document: %w", err)
	}
	return se, nil
}

func (s *sqlStore) DeleteSession(ctx context.Context, hash string) error {
	res, err := s.plain(ctx, `DELETE FROM sessions WHERE hash = ?`, hash)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("session: %w", ErrNotFound)
	}
	return nil
}

func (s *sqlStore) DeleteExpired(ctx context.Context, now time.Time) (int64, error) {
	var total int64
	for _, table := range []string{"sessions", "tokens"} {
		res, err := s.plain(ctx, `DELETE FROM `+table+` WHERE expires < ?`, timeText(now))
		if err != nil {
			return total, err
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}
