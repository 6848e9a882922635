package server

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// TokenPrefix starts every API token, so secret scanners can find leaked
// ones and the server can tell a token from garbage without a lookup.
const TokenPrefix = "assure_"

// newSecret returns 32 random bytes, base64url encoded.
func newSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret is how tokens and session cookies are kept at rest: SHA-256 of
// the secret. The secrets are 256 random bits, so a fast hash is enough
// (no dictionary to try) and lookups stay one index probe.
func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// wellFormedToken checks the form of a presented token before any lookup.
func wellFormedToken(t string) bool {
	rest, ok := strings.CutPrefix(t, TokenPrefix)
	if !ok || len(rest) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}

// Token scopes. A token can do only what its scopes allow, and never more
// than its account.
const (
	ScopeRead  = "read"  // GET: reports, changes, exports, audit
	ScopeWrite = "write" // file and change reports, record changes and votes
	ScopeAdmin = "admin" // manage accounts
)

// Scopes lists the scopes in order.
func Scopes() []string { return []string{ScopeRead, ScopeWrite, ScopeAdmin} }

// TokenID is the id of a token's secret: what the server stores and the
// Tokens page lists.
func TokenID(secret string) string { return hashSecret(secret) }
