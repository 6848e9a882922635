// Package review gathers the evidence that a change was reviewed by someone:
// approval trailers in commit messages (Reviewed-by: ...), GitHub
// pull-request review exports and Gerrit change exports. It turns each into
// votes (who approved or vetoed what) and indexes them by the commit or
// Change-Id they cover, so the code-review gate can ask "who approved this
// commit?" without knowing where reviews happen.
package review

import (
	"strings"

	"github.com/assure-dev/assure/internal/identity"
)

// Vote is one reviewer's decision on a change.
type Vote struct {
	Reviewer identity.Identity
	Approve  bool
	Veto     bool
	// Source says where the vote comes from: "Reviewed-by trailer",
	// "GitHub review 80 APPROVED", "Gerrit Code-Review+2".
	Source string
	// Commit is the commit the vote was given on (GitHub reviews, Gerrit
	// current revision); empty for trailers, which sit in the commit itself.
	Commit string
	// ChangeID is the Gerrit Change-Id the vote was given on.
	ChangeID string
	// Bot is set when the reviewer account is a bot (GitHub user type Bot).
	Bot bool
	// File is the export the vote was read from, empty for trailers.
	File string
}

// Trailer is one "Key: Value" trailer of a commit message; Line is its
// 1-based line in the message.
type Trailer struct {
	Key   string
	Value string
	Line  int
}

// DefaultApprovalTrailers are the trailers that count as an approval when
// the policy names none.
var DefaultApprovalTrailers = []string{"Reviewed-by", "Acked-by", "Approved-by"}

// FromTrailers turns the trailers whose key is one of approvalKeys (compared
// case-insensitively, as git does) into approving votes, in trailer order.
// Values that name nobody (see ParseIdent) give no vote; a gate that wants to
// flag them calls ParseIdent itself. Reviewer identities are as written: pass
// them through identity.Resolver.Resolve to learn who they are.
func FromTrailers(trailers []Trailer, approvalKeys []string) []Vote {
	var votes []Vote
	for _, t := range trailers {
		key, ok := matchKey(t.Key, approvalKeys)
		if !ok {
			continue
		}
		name, email, ok := ParseIdent(t.Value)
		if !ok {
			continue
		}
		votes = append(votes, Vote{
			Reviewer: identity.Identity{Name: name, Email: email},
			Approve:  true,
			Source:   key + " trailer",
		})
	}
	return votes
}

// matchKey returns the policy's spelling of key.
func matchKey(key string, keys []string) (string, bool) {
	key = strings.TrimSpace(key)
	for _, k := range keys {
		if strings.EqualFold(key, strings.TrimSpace(k)) {
			return strings.TrimSpace(k), true
		}
	}
	return "", false
}
