package audit

import (
	"fmt"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Writer is the log's storage inside one write transaction. The store
// holds the log's lock for the whole transaction (a row lock in
// PostgreSQL, the write lock in SQLite), so Size cannot change under it.
type Writer interface {
	tlog.HashReader
	// Size is the number of records in the log.
	Size() (int64, error)
	// Add stores record r and the hashes tlog says to store for it, the
	// first at stored-hash index first.
	Add(r Record, first int64, hashes []tlog.Hash) error
	// AddCheckpoint stores a signed checkpoint and sets the log's size.
	AddCheckpoint(size int64, signed []byte) error
}

// Append adds entries to the log in w and signs a checkpoint of the new
// tree. Nothing is appended when entries is empty.
func Append(w Writer, s note.Signer, entries ...Entry) (Checkpoint, error) {
	if len(entries) == 0 {
		return Checkpoint{}, nil
	}
	if s == nil {
		return Checkpoint{}, fmt.Errorf("audit log: no signing key (hint: open the store with the server's key)")
	}
	n, err := w.Size()
	if err != nil {
		return Checkpoint{}, err
	}
	for _, e := range entries {
		e = e.Normalize()
		if err := e.Check(); err != nil {
			return Checkpoint{}, err
		}
		r := Record{Index: n, Entry: e}
		hashes, err := tlog.StoredHashes(n, r.Encode(), w)
		if err != nil {
			return Checkpoint{}, fmt.Errorf("audit log at %d: %w", n, err)
		}
		if err := w.Add(r, tlog.StoredHashIndex(0, n), hashes); err != nil {
			return Checkpoint{}, err
		}
		n++
	}
	th, err := tlog.TreeHash(n, w)
	if err != nil {
		return Checkpoint{}, err
	}
	t := tlog.Tree{N: n, Hash: th}
	msg, err := Sign(t, s)
	if err != nil {
		return Checkpoint{}, err
	}
	if err := w.AddCheckpoint(n, msg); err != nil {
		return Checkpoint{}, err
	}
	return Checkpoint{Tree: t, Note: msg}, nil
}
