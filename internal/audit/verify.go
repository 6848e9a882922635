package audit

import (
	"context"
	"fmt"
	"sort"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Reader reads the whole log back, for Verify. Each method calls fn in
// ascending order of its key, straight from the tables, without trusting
// anything else the store keeps about the log.
type Reader interface {
	AuditRecords(ctx context.Context, fn func(Record) error) error
	AuditHashes(ctx context.Context, fn func(index int64, h tlog.Hash) error) error
	AuditCheckpoints(ctx context.Context, fn func(size int64, signed []byte) error) error
}

// VerifyOptions are the outside knowledge Verify can use.
type VerifyOptions struct {
	// Witness is a checkpoint saved outside the database earlier (from
	// `assure audit checkpoint`): the log must still contain the tree it
	// signed. This catches a log cut back together with its checkpoints.
	Witness []byte
}

// Result is what a verification saw.
type Result struct {
	Records     int64
	Checkpoints int
	Latest      Checkpoint // the checkpoint covering the whole log
}

// Problem is one way the log was found changed.
type Problem struct {
	Index int64 // record or checkpoint size it is about; -1 for the log as a whole
	What  string
}

// VerifyError lists every problem Verify found, in log order.
type VerifyError struct{ Problems []Problem }

func (e *VerifyError) Error() string {
	s := fmt.Sprintf("audit log verification failed: %d problem(s)", len(e.Problems))
	for _, p := range e.Problems {
		s += "\n" + p.What
	}
	return s
}

// Verify proves the log in r unchanged: the records are numbered 0..N-1
// without gaps, each record's hash and every interior hash recomputed from
// the records equal the stored ones, and every signed checkpoint verifies
// with v and names the root hash of the records as they are now. The last
// checkpoint must cover every record: a record appended without the key is
// a record no one signed. Any difference is a *VerifyError naming the
// record (changed, removed, reordered) or checkpoint.
func Verify(ctx context.Context, r Reader, v note.Verifier, opt VerifyOptions) (Result, error) {
	var ps []Problem
	add := func(i int64, f string, a ...any) { ps = append(ps, Problem{i, fmt.Sprintf(f, a...)}) }

	// Recompute the tree from the records alone.
	var hashes []tlog.Hash // stored-hash layout, in memory
	mem := tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(ix))
		for i, x := range ix {
			if x < 0 || x >= int64(len(hashes)) {
				return nil, fmt.Errorf("hash %d not computed", x)
			}
			out[i] = hashes[x]
		}
		return out, nil
	})
	var n int64
	err := r.AuditRecords(ctx, func(rec Record) error {
		switch {
		case rec.Index > n:
			if rec.Index == n+1 {
				add(n, "record %d: missing (removed from the log)", n)
			} else {
				add(n, "records %d to %d: missing (removed from the log)", n, rec.Index-1)
			}
		case rec.Index < n:
			add(rec.Index, "record %d: out of order", rec.Index)
		}
		// The record is hashed at the place it is found: a record moved or
		// renumbered no longer matches what was signed there.
		rec.Index = n
		h, err := tlog.StoredHashes(n, rec.Encode(), mem)
		if err != nil {
			return err
		}
		hashes = append(hashes, h...)
		n++
		return nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("reading the audit records: %w", err)
	}

	// Compare with the stored hashes. A changed record changes the interior
	// hashes above it too; those are reported only when no record is, since
	// then the hash table itself was edited.
	var stored int64
	var interior []Problem
	leafBad := false
	err = r.AuditHashes(ctx, func(ix int64, h tlog.Hash) error {
		stored++
		if ix >= int64(len(hashes)) {
			if ix == int64(len(hashes)) {
				add(-1, "stored hash %d and later: no record for them (records removed from the end of the log)", ix)
			}
			return nil
		}
		if hashes[ix] != h {
			level, k := tlog.SplitStoredHashIndex(ix)
			if level == 0 {
				leafBad = true
				add(k, "record %d: contents differ from what was appended (changed or reordered)", k)
			} else {
				interior = append(interior, Problem{k << level, fmt.Sprintf("stored interior hash %d (level %d) differs from the records", ix, level)})
			}
		}
		return nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("reading the audit hashes: %w", err)
	}
	if !leafBad {
		ps = append(ps, interior...)
	}
	if stored < int64(len(hashes)) {
		add(-1, "%d stored hashes missing for %d records", int64(len(hashes))-stored, n)
	}

	// Check every checkpoint against the recomputed tree.
	res := Result{Records: n}
	var largest int64 // of any checkpoint row, valid or not
	err = r.AuditCheckpoints(ctx, func(size int64, msg []byte) error {
		res.Checkpoints++
		largest = max(largest, size)
		t, err := OpenCheckpoint(msg, v)
		if err != nil {
			add(size, "checkpoint %d: %v", size, err)
			return nil
		}
		if t.N != size {
			add(size, "checkpoint %d: signed for %d records (moved)", size, t.N)
			return nil
		}
		if t.N > n {
			add(size, "checkpoint %d: signed for %d records but the log has %d (records removed)", size, t.N, n)
			return nil
		}
		th, err := tlog.TreeHash(t.N, mem)
		if err != nil {
			return err
		}
		if th != t.Hash {
			add(size, "checkpoint %d: root hash of the first %d records differs from the signed one (a record was changed, removed or reordered)", size, t.N)
			return nil
		}
		if t.N >= res.Latest.Tree.N {
			res.Latest = Checkpoint{Tree: t, Note: msg}
		}
		return nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("reading the audit checkpoints: %w", err)
	}
	if n > 0 && largest < n {
		add(res.Latest.Tree.N, "records %d to %d: not covered by any valid signed checkpoint (added without the signing key)", res.Latest.Tree.N, n-1)
	}

	if opt.Witness != nil {
		t, err := OpenCheckpoint(opt.Witness, v)
		switch {
		case err != nil:
			add(-1, "witness checkpoint: %v", err)
		case t.N > n:
			add(-1, "witness checkpoint: signed for %d records but the log has %d (the log was cut back)", t.N, n)
		default:
			th, err := tlog.TreeHash(t.N, mem)
			if err != nil {
				return Result{}, err
			}
			if th != t.Hash {
				add(-1, "witness checkpoint: the first %d records differ from what it signed", t.N)
			}
		}
	}

	if len(ps) > 0 {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Index < ps[j].Index })
		return res, &VerifyError{Problems: ps}
	}
	return res, nil
}
