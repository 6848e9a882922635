package audit

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// memLog is the log in memory: the same Writer and Reader contract as the
// store's tables, for testing the scheme on its own. (internal/store tests
// the same tampering on SQLite and PostgreSQL.)
type memLog struct {
	records     []Record
	hashes      map[int64]tlog.Hash
	checkpoints map[int64][]byte
	size        int64
}

func newMem() *memLog {
	return &memLog{hashes: map[int64]tlog.Hash{}, checkpoints: map[int64][]byte{}}
}

func (m *memLog) Size() (int64, error) { return m.size, nil }
func (m *memLog) ReadHashes(ix []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(ix))
	for i, x := range ix {
		h, ok := m.hashes[x]
		if !ok {
			return nil, fmt.Errorf("no hash %d", x)
		}
		out[i] = h
	}
	return out, nil
}
func (m *memLog) Add(r Record, first int64, hs []tlog.Hash) error {
	m.records = append(m.records, r)
	for i, h := range hs {
		m.hashes[first+int64(i)] = h
	}
	return nil
}
func (m *memLog) AddCheckpoint(n int64, msg []byte) error {
	m.checkpoints[n], m.size = msg, n
	return nil
}
func (m *memLog) AuditRecords(_ context.Context, fn func(Record) error) error {
	for _, r := range m.records {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}
func (m *memLog) AuditHashes(_ context.Context, fn func(int64, tlog.Hash) error) error {
	ix := make([]int64, 0, len(m.hashes))
	for i := range m.hashes {
		ix = append(ix, i)
	}
	slices.Sort(ix)
	for _, i := range ix {
		if err := fn(i, m.hashes[i]); err != nil {
			return err
		}
	}
	return nil
}
func (m *memLog) AuditCheckpoints(_ context.Context, fn func(int64, []byte) error) error {
	for i := int64(0); i <= m.size+10; i++ {
		if c, ok := m.checkpoints[i]; ok {
			if err := fn(i, c); err != nil {
				return err
			}
		}
	}
	return nil
}

func keys(t *testing.T) (note.Signer, note.Verifier) {
	skey, vkey, err := note.GenerateKey(rand.Reader, "test-audit")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := note.NewSigner(skey)
	v, _ := note.NewVerifier(vkey)
	return s, v
}

var t0 = time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)

func filled(t *testing.T, s note.Signer, n int) *memLog {
	m := newMem()
	for i := 0; i < n; i++ {
		if _, err := Append(m, s, Entry{Time: t0.Add(time.Duration(i) * time.Second), Actor: "sam", Action: "report.view", Subject: fmt.Sprintf("report/%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestAppendAndVerify(t *testing.T) {
	s, v := keys(t)
	m := filled(t, s, 13)
	res, err := Verify(context.Background(), m, v, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 13 || res.Checkpoints != 13 || res.Latest.Tree.N != 13 {
		t.Errorf("result = %+v", res)
	}
	// A record's inclusion in the signed tree can be proved from the
	// stored hashes alone: the log is a real tlog tree.
	p, err := tlog.ProveRecord(13, 5, m)
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckRecord(p, 13, res.Latest.Tree.Hash, 5, tlog.RecordHash(m.records[5].Encode())); err != nil {
		t.Errorf("inclusion proof: %v", err)
	}
	if _, err := Append(m, nil, Entry{Time: t0, Action: "x"}); err == nil {
		t.Error("Append without a signer succeeded")
	}
	if _, err := Append(m, s, Entry{Action: "x"}); err == nil {
		t.Error("Append of an entry without time succeeded")
	}
	if _, err := Append(m, s, Entry{Time: t0, Action: "x", Detail: "\xff"}); err == nil {
		t.Error("Append of invalid UTF-8 succeeded")
	}
}

func TestVerifyCatches(t *testing.T) {
	s, v := keys(t)
	_, other := keys(t)
	cases := []struct {
		name   string
		tamper func(m *memLog)
		v      note.Verifier
		want   string
	}{
		{"changed detail", func(m *memLog) { m.records[3].Detail = "x" }, v, "record 3: contents differ"},
		{"removed record", func(m *memLog) { m.records = append(m.records[:4], m.records[5:]...) }, v, "record 4: missing"},
		{"reordered", func(m *memLog) {
			m.records[1], m.records[2] = m.records[2], m.records[1]
			m.records[1].Index, m.records[2].Index = 1, 2
		}, v, "record 1: contents differ"},
		{"other key", func(*memLog) {}, other, "signature does not verify"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := filled(t, s, 8)
			c.tamper(m)
			_, err := Verify(context.Background(), m, c.v, VerifyOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Verify: %v, want %q", err, c.want)
			}
		})
	}
}

func TestWitness(t *testing.T) {
	s, v := keys(t)
	m := filled(t, s, 5)
	res, _ := Verify(context.Background(), m, v, VerifyOptions{})
	witness := res.Latest.Note
	filled2 := filled(t, s, 3) // another log, shorter
	if _, err := Verify(context.Background(), filled2, v, VerifyOptions{Witness: witness}); err == nil || !strings.Contains(err.Error(), "witness checkpoint: signed for 5 records but the log has 3") {
		t.Errorf("shorter log: %v", err)
	}
	if _, err := Append(m, s, Entry{Time: t0, Actor: "a", Action: "b"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(context.Background(), m, v, VerifyOptions{Witness: witness}); err != nil {
		t.Errorf("a grown log is consistent with its old checkpoint: %v", err)
	}
	if _, err := Verify(context.Background(), m, v, VerifyOptions{Witness: []byte("garbage")}); err == nil {
		t.Error("garbage witness accepted")
	}
}

func TestKeys(t *testing.T) {
	dir := t.TempDir()
	s1, vk1, err := LoadOrCreateKey(dir, "assure-audit")
	if err != nil {
		t.Fatal(err)
	}
	s2, vk2, err := LoadOrCreateKey(dir, "assure-audit")
	if err != nil || vk1 != vk2 || s1.KeyHash() != s2.KeyHash() {
		t.Fatalf("second load: %v, %q vs %q", err, vk1, vk2)
	}
	st, _ := os.Stat(filepath.Join(dir, PrivateKeyFile))
	if st.Mode().Perm() != 0o600 {
		t.Errorf("private key mode %v", st.Mode().Perm())
	}
	v, err := ReadVerifier(filepath.Join(dir, PublicKeyFile))
	if err != nil || v.KeyHash() != s1.KeyHash() {
		t.Errorf("ReadVerifier: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "bad.pub"), []byte("nope"), 0o644)
	if _, err := ReadVerifier(filepath.Join(dir, "bad.pub")); err == nil || !strings.Contains(err.Error(), "not a verifier key") {
		t.Errorf("bad key: %v", err)
	}
}

// FuzzOpenCheckpoint: a witness file is input; it must never panic and
// must never verify unless it is a checkpoint the key signed.
func FuzzOpenCheckpoint(f *testing.F) {
	skey, vkey, _ := note.GenerateKey(rand.Reader, "fuzz")
	s, _ := note.NewSigner(skey)
	v, _ := note.NewVerifier(vkey)
	good, _ := Sign(tlog.Tree{N: 3, Hash: tlog.RecordHash([]byte("x"))}, s)
	f.Add(good)
	f.Add([]byte(Origin + "\n-1\nAAAA\n\n— fuzz AAAA\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, err := OpenCheckpoint(data, v)
		if err != nil {
			return
		}
		if tree.N < 0 {
			t.Fatalf("negative size %d", tree.N)
		}
		again, err := Sign(tree, s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := OpenCheckpoint(again, v); err != nil {
			t.Fatalf("re-signed checkpoint does not open: %v", err)
		}
	})
}
