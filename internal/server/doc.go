// Package server is assure's security issue management server: the REST
// API (JSON, described by the OpenAPI document it serves at
// /api/openapi.json), the server-rendered web UI, local accounts with
// argon2id passwords, API tokens and browser sessions, the embargo
// scheduler, and the change-request tracker the gate asks (GET
// /api/v1/changes/{key}, with review votes).
//
// The server decides nothing itself. Every request that touches a report
// loads it from internal/store, asks vuln.Can (the single place access is
// decided) and calls one operation of internal/vuln, which asks Can again;
// a report the actor may not see answers 404, so its existence does not
// leak. Lists, exports, attachments and search results are filtered row by
// row the same way (complete mediation). Every security-relevant event the
// store does not already record with a report's history (logins and their
// failures, role changes, exports, views of embargoed reports, token
// changes) is appended to the tamper-evident audit log.
//
// Bad input never reaches the domain as a surprise: bodies are size
// limited (413), JSON endpoints take only application/json (415), JSON is
// decoded strictly with the path of the first wrong field (400), domain
// refusals keep their machine-readable code (403, 404, 409, 422), and a
// write against a version that moved on answers 409 and changes nothing.
package server
