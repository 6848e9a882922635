// Package audit is the tamper-evident audit log of the security issue
// management server: every security-relevant event (a report filed, viewed
// while embargoed, moved between states, exported; a role changed; a login
// refused; an embargo moved) is a record in an append-only Merkle tree, the
// transparency-log scheme of the Go checksum database
// (golang.org/x/mod/sumdb/tlog). After each append the server signs a
// checkpoint (the tree's size and root hash) with its ed25519 key, in the
// signed-note format of golang.org/x/mod/sumdb/note.
//
// The log lives in the store's tables (internal/store implements Writer and
// Reader). Verify recomputes every record hash and every interior hash from
// the records themselves and checks them against the stored hashes and
// against each signed checkpoint. Changing a record, removing one or
// reordering them changes the root hash, which no one without the signing
// key can sign again; so Verify proves that no entry was changed, removed or
// reordered. What a database writer can still do without the key is cut the
// log back to an earlier signed checkpoint together with everything after
// it; a checkpoint saved outside the database (a witness, see
// VerifyOptions.Witness) catches that too.
package audit
