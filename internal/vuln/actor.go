package vuln

import (
	"slices"

	"github.com/assure-dev/assure/internal/model"
)

// Role is what an account may be. Roles come from the model (a person's
// roles, the modules they maintain or architect) and from the server's
// accounts (admin, reporter).
type Role string

// The roles of the issue: the server adds reporter and admin to the model's.
const (
	RoleReporter          Role = "reporter"
	RoleMaintainer        Role = model.RoleMaintainer
	RoleReleaseManager    Role = model.RoleReleaseManager
	RoleSecurityTeam      Role = model.RoleSecurityTeam
	RoleSecurityArchitect Role = model.RoleSecurityArchitect
	RoleAdmin             Role = "admin"
)

// Roles lists every role Can knows, in a fixed order.
func Roles() []Role {
	return []Role{RoleReporter, RoleMaintainer, RoleReleaseManager, RoleSecurityTeam, RoleSecurityArchitect, RoleAdmin}
}

// Actor is who asks: an account with its roles and the scope of each. The
// zero Actor is anonymous and may see only public reports.
type Actor struct {
	// ID is the account id; "" is anonymous. Reports name their reporter,
	// collaborators and assignees by this id.
	ID    string `json:"id"`
	Roles []Role `json:"roles,omitempty"`
	// Modules are the model module ids this actor maintains (RoleMaintainer).
	Modules []string `json:"modules,omitempty"`
	// ArchitectOf are the module ids this actor is security architect of
	// (RoleSecurityArchitect).
	ArchitectOf []string `json:"architect_of,omitempty"`
	// Releases are the release names (Config.Releases) this actor manages
	// (RoleReleaseManager).
	Releases []string `json:"releases,omitempty"`
}

// Has reports whether a holds role r.
func (a Actor) Has(r Role) bool { return slices.Contains(a.Roles, r) }

// ActorFor builds the actor of an account linked to model person personID
// (may be ""): the account's own roles (admin, reporter, security-team …)
// plus the person's model roles, the modules whose maintainers or
// security_architect name the person, and the releases whose managers do.
// An account whose person is not in the model keeps only its own roles.
func ActorFor(accountID string, accountRoles []Role, personID string, m *model.Model, cfg Config) Actor {
	a := Actor{ID: accountID, Roles: slices.Clone(accountRoles)}
	if personID != "" && m != nil {
		if p, ok := m.PersonByID(personID); ok {
			for _, r := range p.Roles {
				a.Roles = append(a.Roles, Role(r))
			}
			for _, mod := range m.Modules {
				for _, ref := range mod.Maintainers {
					if q, ok := m.PersonByRef(ref); ok && q.ID == p.ID {
						a.Modules = append(a.Modules, mod.ID)
						break
					}
				}
				if q, ok := m.PersonByRef(mod.SecurityArchitect); ok && q.ID == p.ID {
					a.ArchitectOf = append(a.ArchitectOf, mod.ID)
				}
			}
			for _, rel := range cfg.Releases {
				if slices.Contains(rel.Managers, p.ID) {
					a.Releases = append(a.Releases, rel.Name)
				}
			}
		}
	}
	// Being named maintainer or architect of a module is the role, whatever
	// the person's role list says.
	if len(a.Modules) > 0 {
		a.Roles = append(a.Roles, RoleMaintainer)
	}
	if len(a.ArchitectOf) > 0 {
		a.Roles = append(a.Roles, RoleSecurityArchitect)
	}
	if len(a.Releases) > 0 {
		a.Roles = append(a.Roles, RoleReleaseManager)
	}
	slices.Sort(a.Roles)
	a.Roles = slices.Compact(a.Roles)
	slices.Sort(a.Modules)
	slices.Sort(a.ArchitectOf)
	slices.Sort(a.Releases)
	return a
}
