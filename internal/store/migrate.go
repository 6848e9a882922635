package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// migrations are applied in order, forward only; an applied migration is
// never edited (add a new one). {{blob}} is the dialect's binary type.
var migrations = []string{
	// 1: the first schema.
	`CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO counters (name, value) VALUES ('report', 0);
CREATE TABLE reports (
	id BIGINT PRIMARY KEY,
	version BIGINT NOT NULL,
	state TEXT NOT NULL,
	severity TEXT NOT NULL,
	reporter TEXT NOT NULL,
	embargo_end TEXT NOT NULL,
	created TEXT NOT NULL,
	updated TEXT NOT NULL,
	doc TEXT NOT NULL
);
CREATE INDEX reports_state ON reports (state);
CREATE INDEX reports_embargo_end ON reports (embargo_end);
CREATE TABLE report_modules (
	report_id BIGINT NOT NULL REFERENCES reports (id),
	module TEXT NOT NULL,
	PRIMARY KEY (report_id, module)
);
CREATE INDEX report_modules_module ON report_modules (module);
CREATE TABLE attachments (
	report_id BIGINT NOT NULL REFERENCES reports (id),
	id TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	content {{blob}} NOT NULL,
	PRIMARY KEY (report_id, id)
);
CREATE TABLE accounts (
	id TEXT PRIMARY KEY,
	login TEXT NOT NULL UNIQUE,
	version BIGINT NOT NULL,
	doc TEXT NOT NULL
);
CREATE TABLE tokens (
	hash TEXT PRIMARY KEY,
	account_id TEXT NOT NULL,
	expires TEXT NOT NULL,
	doc TEXT NOT NULL
);
CREATE INDEX tokens_account ON tokens (account_id);
CREATE TABLE sessions (
	hash TEXT PRIMARY KEY,
	account_id TEXT NOT NULL,
	expires TEXT NOT NULL,
	doc TEXT NOT NULL
);
CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), size BIGINT NOT NULL);
INSERT INTO audit_head (id, size) VALUES (1, 0);
CREATE TABLE audit_records (
	idx BIGINT PRIMARY KEY,
	time TEXT NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	subject TEXT NOT NULL,
	detail TEXT NOT NULL
);
CREATE TABLE audit_hashes (idx BIGINT PRIMARY KEY, hash {{blob}} NOT NULL);
CREATE TABLE audit_checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL);`,
	// 2: change requests and their review votes (the gate's tracker).
	`CREATE TABLE changes (
	change_key TEXT PRIMARY KEY,
	version BIGINT NOT NULL,
	doc TEXT NOT NULL
);`,
}

// SchemaVersion is the schema this build writes.
func SchemaVersion() int { return len(migrations) }

// migrate brings the schema up to date in one transaction: either every
// pending migration is applied or none is.
func migrate(ctx context.Context, db *sql.DB, d dialect) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback() // err is the failure to report
		}
	}()
	if d.migrationLock != "" {
		if _, err := tx.ExecContext(ctx, d.migrationLock); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`); err != nil {
		return err
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return err
	}
	if have > len(migrations) {
		return fmt.Errorf("the database has schema version %d, newer than this assure knows (%d) (hint: run a newer assure; migrations only go forward)", have, len(migrations))
	}
	for v := have + 1; v <= len(migrations); v++ {
		for _, stmt := range strings.Split(strings.ReplaceAll(migrations[v-1], "{{blob}}", d.blob), ";\n") {
			if strings.TrimSpace(stmt) == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migration %d: %w", v, err)
			}
		}
		if _, err := tx.ExecContext(ctx, d.q(`INSERT INTO schema_migrations (version, applied) VALUES (?, ?)`), v, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("migration %d: %w", v, err)
		}
	}
	return tx.Commit()
}

// checkSchema is what a read-only open does instead of migrating.
func checkSchema(ctx context.Context, db *sql.DB) error {
	var have int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return fmt.Errorf("not an assure database: %v (hint: point --db at the server's database)", err)
	}
	if have > len(migrations) {
		return fmt.Errorf("the database has schema version %d, newer than this assure knows (%d) (hint: run a newer assure)", have, len(migrations))
	}
	if have < len(migrations) {
		return fmt.Errorf("the database has schema version %d, older than this assure's %d (hint: start the server once to migrate it)", have, len(migrations))
	}
	return nil
}
