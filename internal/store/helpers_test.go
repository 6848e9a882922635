package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/assure-dev/assure/internal/audit"
)

// PostgresEnv names the DSN of the PostgreSQL server the tests use;
// .ci/deps.d/postgres.sh starts one and exports it.
const PostgresEnv = "ASSURE_TEST_POSTGRES"

// backend opens fresh, empty stores of one kind.
type backend struct {
	name string
	// target returns a new empty database's target for Open.
	target func(t *testing.T) string
}

func backends() []backend {
	return []backend{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), DefaultFile) }},
		{"postgres", postgresTarget},
	}
}

// postgresTarget makes a schema of its own in the test server for one test
// and returns a DSN whose search_path points at it.
func postgresTarget(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		t.Fatalf("%s is not set: the store tests need a PostgreSQL server (hint: run .ci/run, or `. .ci/deps.d/postgres.sh` to start one and export it)", PostgresEnv)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("%s: %v (hint: run .ci/run, or `. .ci/deps.d/postgres.sh`)", PostgresEnv, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", dsn)
		if err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var testKey struct {
	signer   note.Signer
	verifier note.Verifier
}

func init() {
	skey, vkey, err := note.GenerateKey(rand.Reader, "assure-test")
	if err != nil {
		panic(err)
	}
	testKey.signer, _ = note.NewSigner(skey)
	testKey.verifier, _ = note.NewVerifier(vkey)
}

func openTarget(t *testing.T, target string) Store {
	t.Helper()
	st, err := Open(context.Background(), target, Options{Signer: testKey.signer})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// each runs f once per backend, on a fresh store.
func each(t *testing.T, f func(t *testing.T, st Store, target string)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			target := b.target(t)
			f(t, openTarget(t, target), target)
		})
	}
}

func verify(t *testing.T, st Store) audit.Result {
	t.Helper()
	res, err := audit.Verify(context.Background(), st, testKey.verifier, audit.VerifyOptions{})
	if err != nil {
		t.Fatalf("audit.Verify: %v", err)
	}
	return res
}

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
