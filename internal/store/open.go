package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"
)

// DefaultFile is the SQLite database's name in the server's data directory.
const DefaultFile = "assure.db"

// IsPostgres reports whether target names a PostgreSQL database.
func IsPostgres(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// Open opens the store target names: a postgres:// or postgresql:// URL, or
// the path of a SQLite file ("sqlite:" prefix optional). Opened for writing,
// it creates what is missing and migrates the schema; ReadOnly opens only an
// existing, current database.
func Open(ctx context.Context, target string, opt Options) (Store, error) {
	if IsPostgres(target) {
		return OpenPostgres(ctx, target, opt)
	}
	return OpenSQLite(ctx, strings.TrimPrefix(target, "sqlite:"), opt)
}

// OpenSQLite opens (creating it, mode 0600, unless ReadOnly) the SQLite
// database file at path.
//
// The file runs in WAL mode with synchronous=FULL. WAL lets readers go on
// while one writer commits. In WAL mode synchronous=NORMAL already survives
// a killed process (SIGKILL) without losing a commit, but not a power cut
// or kernel crash, which may roll back the last commits after they were
// acknowledged; FULL syncs the WAL on every commit, so an acknowledged
// report or audit record survives those too. A security team's write rate
// is low, and the audit log must not lose acknowledged entries, so the
// price of one fsync per commit is right here. Write transactions start
// with BEGIN IMMEDIATE, so two writers queue for the lock (busy_timeout)
// instead of failing midway with SQLITE_BUSY.
func OpenSQLite(ctx context.Context, path string, opt Options) (Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlite database %q: give a file path without ? or # (hint: --db DIR/%s)", path, DefaultFile)
	}
	if opt.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("sqlite database %s: %w", path, err)
		}
	} else {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		// Create it private before SQLite would create it world-readable.
		// assure: waive W-0038 -- the database file the operator names
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
	}
	sync := opt.SQLiteSync
	switch sync {
	case "":
		sync = "FULL"
	case "FULL", "NORMAL":
	default:
		return nil, fmt.Errorf("sqlite synchronous %q: use FULL or NORMAL", sync)
	}
	dsn := "file:" + path + "?_txlock=immediate&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(" + sync + ")&_pragma=foreign_keys(1)"
	if opt.ReadOnly {
		dsn += "&_pragma=query_only(1)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	return start(ctx, db, sqliteDialect, opt)
}

// OpenPostgres opens the PostgreSQL database at dsn.
func OpenPostgres(ctx context.Context, dsn string, opt Options) (Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	return start(ctx, db, postgresDialect, opt)
}

func start(ctx context.Context, db *sql.DB, d dialect, opt Options) (Store, error) {
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close() // the ping's error says what is wrong
		return nil, fmt.Errorf("%s: %w", d.kind, err)
	}
	var err error
	if opt.ReadOnly {
		err = checkSchema(ctx, db)
	} else {
		if opt.Signer == nil {
			err = errors.New("no audit signing key (hint: the server keeps it in its data directory as audit.key)")
		} else {
			err = migrate(ctx, db, d)
		}
	}
	if err != nil {
		_ = db.Close() // err says what is wrong
		return nil, fmt.Errorf("%s: %w", d.kind, err)
	}
	return &sqlStore{db: db, d: d, opt: opt}, nil
}
