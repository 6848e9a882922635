package waiver

import (
	"strings"

	"github.com/assure-dev/assure/internal/identity"
	"github.com/assure-dev/assure/internal/model"
)

// ModelPeople resolves the registry's references to people: a person id or
// e-mail of the model, or an e-mail the repository's .mailmap maps to one.
type ModelPeople struct {
	Model   *model.Model
	Mailmap *identity.Mailmap
}

// Person implements People.
func (p ModelPeople) Person(ref string) (*model.Person, bool) {
	if p.Model == nil || ref == "" {
		return nil, false
	}
	if x, ok := p.Model.PersonByRef(ref); ok {
		return x, true
	}
	if strings.Contains(ref, "@") {
		return identity.NewResolver(p.Model, p.Mailmap).ByNameEmail("", ref)
	}
	return nil, false
}

type noPeople struct{}

func (noPeople) Person(string) (*model.Person, bool) { return nil, false }
