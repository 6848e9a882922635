// Package identity decides who is who: it maps the names, e-mail addresses,
// GitHub logins and Gerrit usernames found in commits and review exports to
// the people of the security model, through the repository's .mailmap, so a
// gate can tell whether an approver is someone other than the author.
package identity

import (
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// Identity is one way someone appeared: as a commit author, a trailer, a
// GitHub review or a Gerrit vote. Person is set when the model knows them.
type Identity struct {
	Name     string
	Email    string
	Login    string // GitHub login
	Username string // Gerrit username
	Person   *model.Person
}

// Key is what two identities are compared by: "person:<id>" when the model
// knows the person, else "email:<lower-cased e-mail>", "github:<lower-cased
// login>", "gerrit:<username>" and last "name:<name>". Addresses and logins
// are case-insensitive where they come from; Gerrit usernames and bare names
// are not folded because nothing guarantees two spellings are one person.
// An identity with nothing in it has the empty key, which equals no other.
func (id Identity) Key() string {
	switch {
	case id.Person != nil && id.Person.ID != "":
		return "person:" + id.Person.ID
	case id.Email != "":
		return "email:" + strings.ToLower(id.Email)
	case id.Login != "":
		return "github:" + strings.ToLower(id.Login)
	case id.Username != "":
		return "gerrit:" + id.Username
	case id.Name != "":
		return "name:" + id.Name
	}
	return ""
}

// String is for messages: the person id when known, else the most telling
// handle.
func (id Identity) String() string {
	switch {
	case id.Person != nil && id.Person.ID != "":
		return id.Person.ID
	case id.Name != "" && id.Email != "":
		return id.Name + " <" + id.Email + ">"
	case id.Email != "":
		return "<" + id.Email + ">"
	case id.Login != "":
		return "@" + id.Login
	case id.Username != "":
		return id.Username + " (Gerrit)"
	}
	return id.Name
}
