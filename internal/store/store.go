package store

import (
	"context"
	"errors"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/vuln"
)

// Errors every implementation returns (compare with errors.Is).
var (
	ErrNotFound = errors.New("not found")
	// ErrConflict: the record changed since it was read. Nothing was
	// written; read it again, reapply the change, and retry.
	ErrConflict = errors.New("conflict: changed by someone else since it was read")
	// ErrExists: a record with the same unique key exists (account login).
	ErrExists = errors.New("already exists")
	// ErrReadOnly: the store was opened for reading only (audit verify).
	ErrReadOnly = errors.New("store is open read-only")
)

// Store is the server's storage. All methods are safe for concurrent use;
// several processes may share one PostgreSQL database.
type Store interface {
	// CreateReport stores a new report: it sets r.ID and r.Version (1) and
	// appends an audit record for each event of r.History plus x.Audit.
	CreateReport(ctx context.Context, r *vuln.Report, x Extra) error
	// Report reads one report; ErrNotFound when there is none.
	Report(ctx context.Context, id int64) (*vuln.Report, error)
	// UpdateReport stores r if the stored version is still r.Version, then
	// sets r.Version to the new one. r.History must extend the stored
	// history (history is append-only); each new event is appended to the
	// audit log, with x.Audit. ErrConflict when the version moved on.
	UpdateReport(ctx context.Context, r *vuln.Report, x Extra) error
	// Reports lists reports matching f, by id. The caller still filters
	// them with vuln.Can(actor, vuln.ActionView, r).
	Reports(ctx context.Context, f Filter) ([]*vuln.Report, error)
	// Attachment returns the bytes of one attachment.
	Attachment(ctx context.Context, reportID int64, attachmentID string) ([]byte, error)

	CreateAccount(ctx context.Context, a *Account, ev ...audit.Entry) error
	Account(ctx context.Context, id string) (*Account, error)
	AccountByLogin(ctx context.Context, login string) (*Account, error)
	Accounts(ctx context.Context) ([]*Account, error)
	// UpdateAccount is optimistic like UpdateReport.
	UpdateAccount(ctx context.Context, a *Account, ev ...audit.Entry) error

	PutToken(ctx context.Context, t Token, ev ...audit.Entry) error
	// Token finds a token by the hash of its secret; ErrNotFound when
	// unknown. Expiry is the caller's to check against its clock.
	Token(ctx context.Context, hash string) (Token, error)
	Tokens(ctx context.Context, accountID string) ([]Token, error)
	DeleteToken(ctx context.Context, hash string, ev ...audit.Entry) error

	PutSession(ctx context.Context, s Session) error
	Session(ctx context.Context, hash string) (Session, error)
	DeleteSession(ctx context.Context, hash string) error
	// DeleteExpired removes sessions and tokens that expired before now.
	DeleteExpired(ctx context.Context, now time.Time) (int64, error)

	// PutChange stores a change request: a new one when c.Version is 0
	// (ErrExists when the key is taken), else an optimistic update like
	// UpdateReport. It sets c.Version.
	PutChange(ctx context.Context, c *Change, ev ...audit.Entry) error
	// Change reads one change request by its key; ErrNotFound when none.
	Change(ctx context.Context, key string) (*Change, error)
	// Changes lists every change request, by key.
	Changes(ctx context.Context) ([]*Change, error)

	// Audit appends entries that belong to no other write (a report viewed
	// while embargoed, an export, a failed login) and returns the new
	// checkpoint.
	Audit(ctx context.Context, ev ...audit.Entry) (audit.Checkpoint, error)
	// AuditEntries reads records [from, from+limit) for display.
	AuditEntries(ctx context.Context, from int64, limit int) ([]audit.Record, error)
	// audit.Reader: the raw log, for audit.Verify.
	audit.Reader

	// Kind is "sqlite" or "postgres".
	Kind() string
	Close() error
}

// Extra is what a report write carries besides the report.
type Extra struct {
	// Blobs are attachment contents by attachment id (vuln.Attachment.ID);
	// each must be described in the report's Attachments.
	Blobs map[string][]byte
	// Audit entries to append beyond those the history yields (a view, an
	// export).
	Audit []audit.Entry
}

// Filter selects reports; zero fields select everything.
type Filter struct {
	States   []vuln.State
	Module   string
	Severity string // effective severity: CVSS rating (lower case) after triage, else the reporter's
	Reporter string
	// EmbargoEndsBefore selects open reports whose embargo ends before it.
	EmbargoEndsBefore time.Time
	Limit             int // 0: no limit
	AfterID           int64
}

// Account is a server account, optionally linked to a person of the model.
type Account struct {
	ID           string      `json:"id"`
	Login        string      `json:"login"`
	Name         string      `json:"name"`
	PasswordHash string      `json:"password_hash,omitempty"` // argon2id, in its PHC string form
	Roles        []vuln.Role `json:"roles,omitempty"`
	Person       string      `json:"person,omitempty"` // model person id
	Disabled     bool        `json:"disabled,omitempty"`
	Created      time.Time   `json:"created"`
	Version      int64       `json:"version"`
}

// Token is an API token; only the hash of its secret is stored.
type Token struct {
	Hash      string    `json:"hash"`
	AccountID string    `json:"account_id"`
	Name      string    `json:"name"`
	Scopes    []string  `json:"scopes,omitempty"`
	Created   time.Time `json:"created"`
	Expires   time.Time `json:"expires"`
}

// Session is a browser session; only the hash of its cookie is stored.
type Session struct {
	Hash      string    `json:"hash"`
	AccountID string    `json:"account_id"`
	CSRF      string    `json:"csrf"`
	Created   time.Time `json:"created"`
	Expires   time.Time `json:"expires"`
}

// Options configure Open.
type Options struct {
	// Signer signs audit checkpoints; required unless ReadOnly.
	Signer note.Signer
	// ReadOnly opens without migrating and refuses writes (audit verify).
	ReadOnly bool
	// SQLiteSync is SQLite's synchronous setting: "FULL" (the default) or
	// "NORMAL" (faster commits; survives a killed process but may lose the
	// last acknowledged commits on power loss). See OpenSQLite.
	SQLiteSync string
}
