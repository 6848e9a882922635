package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/assure-dev/assure/internal/audit"
)

// TestAuditTamper edits the audit tables directly, as someone with access to
// the database but not to the signing key would, and expects audit.Verify
// to name each change. Every case runs on both databases.
func TestAuditTamper(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(t *testing.T, s *sqlStore)
		want   string // in the error; "" means Verify cannot see it without a witness
	}{
		{"update detail", sqlf(`UPDATE audit_records SET detail = 'nothing happened' WHERE idx = 2`), "record 2: contents differ"},
		{"update actor", sqlf(`UPDATE audit_records SET actor = 'mallory' WHERE idx = 0`), "record 0: contents differ"},
		{"update time", sqlf(`UPDATE audit_records SET time = '2020-01-01T00:00:00.000000Z' WHERE idx = 4`), "record 4: contents differ"},
		{"delete middle", sqlf(`DELETE FROM audit_records WHERE idx = 3`), "record 3: missing"},
		{"delete last", sqlf(`DELETE FROM audit_records WHERE idx = 5`), "checkpoint 6: signed for 6 records but the log has 5"},
		{"swap rows", sqlf(
			`UPDATE audit_records SET idx = -1 WHERE idx = 1`,
			`UPDATE audit_records SET idx = 1 WHERE idx = 2`,
			`UPDATE audit_records SET idx = 2 WHERE idx = -1`), "record 1: contents differ"},
		{"renumber", sqlf(`UPDATE audit_records SET idx = 10 WHERE idx = 5`), "records 5 to 9: missing"},
		{"change a stored hash", sqlf(`UPDATE audit_hashes SET hash = (SELECT hash FROM audit_hashes WHERE idx = 0) WHERE idx = 1`), "record 1: contents differ"},
		{"delete a stored hash", sqlf(`DELETE FROM audit_hashes WHERE idx = 0`), "stored hashes missing"},
		{"change record and recompute hashes", func(t *testing.T, s *sqlStore) {
			sqlf(`UPDATE audit_records SET detail = 'nothing happened' WHERE idx = 2`)(t, s)
			rehash(t, s)
		}, "checkpoint 3: root hash of the first 3 records differs"},
		{"append without the key", func(t *testing.T, s *sqlStore) {
			sqlf(`INSERT INTO audit_records (idx, time, actor, action, subject, detail) VALUES (6, '2026-03-01T12:00:00.000000Z', 'mallory', 'role.change', 'account/mallory', 'admin')`)(t, s)
			rehash(t, s)
		}, "records 6 to 6: not covered by any valid signed checkpoint"},
		{"checkpoint signed by another key", func(t *testing.T, s *sqlStore) {
			skey, _, _ := note.GenerateKey(rand.Reader, "assure-test")
			other, _ := note.NewSigner(skey)
			th, err := tlog.TreeHash(6, memHashes(t, s))
			if err != nil {
				t.Fatal(err)
			}
			msg, err := audit.Sign(tlog.Tree{N: 6, Hash: th}, other)
			if err != nil {
				t.Fatal(err)
			}
			sqlExec(t, s, `UPDATE audit_checkpoints SET note = ? WHERE size = 6`, string(msg))
		}, "checkpoint 6: signature does not verify"},
		{"checkpoint moved", sqlf(`UPDATE audit_checkpoints SET size = 7 WHERE size = 6`), "checkpoint 7: signed for 6 records (moved)"},
		{"truncate with checkpoints", func(t *testing.T, s *sqlStore) {
			sqlf(`DELETE FROM audit_records WHERE idx = 5`,
				fmt.Sprintf(`DELETE FROM audit_hashes WHERE idx >= %d`, tlog.StoredHashIndex(0, 5)),
				`DELETE FROM audit_checkpoints WHERE size = 6`,
				`UPDATE audit_head SET size = 5`)(t, s)
		}, ""},
	}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					ctx := context.Background()
					st := openTarget(t, b.target(t))
					for i := 0; i < 6; i++ {
						if _, err := st.Audit(ctx, audit.Entry{Time: t0.Add(time.Duration(i) * time.Minute), Actor: "sam", Action: "report.view", Subject: fmt.Sprintf("report/%d", i)}); err != nil {
							t.Fatal(err)
						}
					}
					witness := verify(t, st).Latest.Note
					c.tamper(t, st.(*sqlStore))
					_, err := audit.Verify(ctx, st, testKey.verifier, audit.VerifyOptions{})
					if c.want == "" {
						// Cutting the log back to an earlier checkpoint is
						// invisible from inside the database; a witness
						// saved outside it shows it.
						if err != nil {
							t.Fatalf("without a witness: %v", err)
						}
						_, err = audit.Verify(ctx, st, testKey.verifier, audit.VerifyOptions{Witness: witness})
						if err == nil || !strings.Contains(err.Error(), "witness checkpoint: signed for 6 records but the log has 5") {
							t.Fatalf("with a witness: %v", err)
						}
						return
					}
					if err == nil {
						t.Fatal("Verify passed a tampered log")
					}
					if !strings.Contains(err.Error(), c.want) {
						t.Errorf("Verify: %v\nwant it to say %q", err, c.want)
					}
				})
			}
		})
	}
}

func sqlf(stmts ...string) func(t *testing.T, s *sqlStore) {
	return func(t *testing.T, s *sqlStore) {
		for _, q := range stmts {
			sqlExec(t, s, q)
		}
	}
}

func sqlExec(t *testing.T, s *sqlStore, q string, args ...any) {
	t.Helper()
	if _, err := s.db.Exec(s.d.q(q), args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// memHashes recomputes the stored hashes from the records as they are now.
func memHashes(t *testing.T, s *sqlStore) tlog.HashReaderFunc {
	t.Helper()
	var hs []tlog.Hash
	r := tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(ix))
		for i, x := range ix {
			out[i] = hs[x]
		}
		return out, nil
	})
	var n int64
	err := s.AuditRecords(context.Background(), func(rec audit.Record) error {
		rec.Index = n
		h, err := tlog.StoredHashes(n, rec.Encode(), r)
		hs = append(hs, h...)
		n++
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// rehash rewrites audit_hashes to match the records, as an attacker who
// knows the scheme but not the key would.
func rehash(t *testing.T, s *sqlStore) {
	t.Helper()
	var recs int64
	s.AuditRecords(context.Background(), func(audit.Record) error { recs++; return nil })
	r := memHashes(t, s)
	sqlExec(t, s, `DELETE FROM audit_hashes`)
	for i := int64(0); i < tlog.StoredHashCount(recs); i++ {
		h, _ := r.ReadHashes([]int64{i})
		sqlExec(t, s, `INSERT INTO audit_hashes (idx, hash) VALUES (?, ?)`, i, h[0][:])
	}
}
