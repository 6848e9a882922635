package store

import (
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is everything the two databases do differently. The rest of the
// package is one SQL implementation, so the behaviour cannot drift apart.
type dialect struct {
	kind string
	// blob is the type of binary columns.
	blob string
	// forUpdate locks the rows a SELECT reads until the transaction ends.
	// SQLite has no row locks: a write transaction there holds the database
	// write lock from BEGIN IMMEDIATE on, which serialises writers.
	forUpdate string
	// migrationLock serialises servers migrating one database at once.
	migrationLock string
	// numbered placeholders ($1) instead of ?.
	numbered bool
}

var (
	sqliteDialect   = dialect{kind: "sqlite", blob: "BLOB"}
	postgresDialect = dialect{kind: "postgres", blob: "BYTEA", forUpdate: " FOR UPDATE",
		migrationLock: "SELECT pg_advisory_xact_lock(7281901)", numbered: true}
)

// q rewrites a query written with ? placeholders for the dialect.
func (d dialect) q(query string) string {
	if !d.numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// isUnique reports a unique or primary key violation.
func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	return false
}
