package identity

import (
	"github.com/assure-dev/assure/internal/model"
)

// Resolver finds the model's person behind an identity, through the
// repository's mailmap. The zero-person cases (no model, nobody matches)
// are answers, not errors: unknown reviewers are for the policy to judge.
type Resolver struct {
	model   *model.Model
	mailmap *Mailmap
}

// NewResolver resolves against m's people through mm; either may be nil.
func NewResolver(m *model.Model, mm *Mailmap) *Resolver {
	return &Resolver{model: m, mailmap: mm}
}

// Mailmap is the mailmap the resolver applies (nil when none).
func (r *Resolver) Mailmap() *Mailmap {
	if r == nil {
		return nil
	}
	return r.mailmap
}

// ByNameEmail finds the person behind a commit identity: the mailmap turns
// it into the canonical address first; the canonical address, then the one
// given, is looked up in the people's e-mail lists, case-insensitively. The
// name alone never identifies anyone: names are not unique.
func (r *Resolver) ByNameEmail(name, email string) (*model.Person, bool) {
	if r == nil || r.model == nil || email == "" {
		return nil, false
	}
	_, canon := r.mailmap.Canonical(name, email)
	if p, ok := r.model.PersonByEmail(canon); ok && canon != "" {
		return p, true
	}
	return r.model.PersonByEmail(email)
}

// ByGitHub finds the person with GitHub login login (case-insensitive, as
// GitHub logins are).
func (r *Resolver) ByGitHub(login string) (*model.Person, bool) {
	if r == nil || r.model == nil || login == "" {
		return nil, false
	}
	return r.model.PersonByGitHub(login)
}

// ByGerrit finds the person with Gerrit username username.
func (r *Resolver) ByGerrit(username string) (*model.Person, bool) {
	if r == nil || r.model == nil || username == "" {
		return nil, false
	}
	return r.model.PersonByGerrit(username)
}

// Resolve canonicalises id's name and e-mail through the mailmap and fills
// Person from, in order, the GitHub login, the Gerrit username and the
// e-mail. An id that already has a Person is returned as it is; so is
// everything on a nil Resolver.
func (r *Resolver) Resolve(id Identity) Identity {
	if r == nil || id.Person != nil {
		return id
	}
	origName, origEmail := id.Name, id.Email
	if id.Email != "" {
		// Only with an address: a name-only identity (a bare "Reviewed-by:
		// Alice") must not pick up the mapping git keeps for commits
		// without an address.
		id.Name, id.Email = r.mailmap.Canonical(id.Name, id.Email)
	}
	if p, ok := r.ByGitHub(id.Login); ok {
		id.Person = p
	} else if p, ok := r.ByGerrit(id.Username); ok {
		id.Person = p
	} else if p, ok := r.ByNameEmail(origName, origEmail); ok {
		id.Person = p
	}
	return id
}
