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

// Change is a change request as the gate's tracker sees it (GET
// /api/v1/changes/{key} of the server): its state, and the review votes
// given on its commits, which the gate's code-review check reads.
type Change struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	State string `json:"state"`
	URL   string `json:"url,omitempty"`
	Kind  string `json:"kind,omitempty"`
	// Pull is the pull-request number reviews are exported under; Head its
	// final head commit and Commits the commits it landed.
	Pull    int64     `json:"pull,omitempty"`
	Head    string    `json:"head_sha,omitempty"`
	Commits []string  `json:"commits,omitempty"`
	Votes   []Vote    `json:"votes,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	Version int64     `json:"version"`
}

// Vote is one review vote on a change request, in the order given.
type Vote struct {
	ID      int64     `json:"id"` // 1, 2, 3 … within the change
	Account string    `json:"account"`
	Login   string    `json:"login"` // the reviewer's GitHub login (or account login), as review exports name people
	Commit  string    `json:"commit"`
	Vote    string    `json:"vote"` // approve, reject, dismiss
	At      time.Time `json:"at"`
}

func (s *sqlStore) PutChange(ctx context.Context, c *Change, ev ...audit.Entry) error {
	if c.Key == "" {
		return errors.New("put change: key is required")
	}
	next := *c
	next.Version = c.Version + 1
	doc, err := json.Marshal(&next)
	if err != nil {
		return err
	}
	_, err = s.write(ctx, ev, func(t *tx) ([]audit.Entry, error) {
		if c.Version == 0 {
			_, err := t.exec(`INSERT INTO changes (change_key, version, doc) VALUES (?, ?, ?)`, next.Key, next.Version, string(doc))
			if isUnique(err) {
				return nil, fmt.Errorf("change %s: %w", c.Key, ErrExists)
			}
			return nil, err
		}
		res, err := t.exec(`UPDATE changes SET version = ?, doc = ? WHERE change_key = ? AND version = ?`, next.Version, string(doc), c.Key, c.Version)
		if err != nil {
			return nil, err
		}
		return nil, t.updated(res, `SELECT 1 FROM changes WHERE change_key = ?`, "change "+c.Key, c.Key)
	})
	if err != nil {
		return err
	}
	c.Version = next.Version
	return nil
}

func (s *sqlStore) Change(ctx context.Context, key string) (*Change, error) {
	var version int64
	var doc string
	err := s.db.QueryRowContext(ctx, s.d.q(`SELECT version, doc FROM changes WHERE change_key = ?`), key).Scan(&version, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("change %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return decodeChange(key, version, doc)
}

func (s *sqlStore) Changes(ctx context.Context) ([]*Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT change_key, version, doc FROM changes ORDER BY change_key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Change
	for rows.Next() {
		var key, doc string
		var version int64
		if err := rows.Scan(&key, &version, &doc); err != nil {
			return nil, err
		}
		c, err := decodeChange(key, version, doc)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func decodeChange(key string, version int64, doc string) (*Change, error) {
	var c Change
	if err := strictJSON([]byte(doc), &c); err != nil {
		return nil, fmt.Errorf("change %s: stored document: %w", key, err)
	}
	c.Version = version
	return &c, nil
}
