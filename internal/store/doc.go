// Package store keeps the security issue management server's data: reports
// (each a JSON document with the columns the inbox filters on), their
// attachments, accounts, API tokens, sessions, and the tamper-evident audit
// log. One Store interface, two databases: SQLite (embedded, a file in the
// server's data directory, nothing to install) and PostgreSQL (several
// server instances behind a load balancer). Both run the same SQL through
// database/sql, differing only in what dialect.go lists (placeholders, types,
// locks, error codes), and one conformance suite holds them to identical
// behaviour.
//
// Every write is one transaction that also appends its audit records and
// signs a new checkpoint, so a state change without its audit record cannot
// happen. Updates are optimistic: a write names the version it read and
// fails with ErrConflict, changing nothing, when someone else wrote first.
// Schema migrations run forward only, in one transaction, when a store is
// opened for writing.
package store
