package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

var loginRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// NewAccount is a checked account to create.
type NewAccount struct {
	Login, Name, Password, Person string
	Roles                         []vuln.Role
}

// checkAccount validates a new account's fields against the model.
func checkAccount(m *model.Model, in NewAccount) error {
	if !loginRE.MatchString(in.Login) {
		return errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, "login", "use lower-case letters, digits, dots, dashes and underscores, up to 64", "login %q is not valid", clipText(in.Login, 70))
	}
	if err := checkName(in.Name); err != nil {
		return err
	}
	if err := checkPassword(in.Password); err != nil {
		return err
	}
	if err := checkRoles(in.Roles); err != nil {
		return err
	}
	return checkPerson(m, in.Person)
}

func checkName(n string) error {
	if len(n) > 200 || strings.ContainsAny(n, "\n\r\t") {
		return errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, "name", "one line of at most 200 bytes", "invalid name")
	}
	return nil
}

func checkRoles(roles []vuln.Role) error {
	for i, r := range roles {
		if !slices.Contains(vuln.Roles(), r) {
			var names []string
			for _, x := range vuln.Roles() {
				names = append(names, string(x))
			}
			return errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, fmt.Sprintf("roles/%d", i), "use "+strings.Join(names, ", "), "unknown role %q", clipText(string(r), 40))
		}
	}
	return nil
}

func checkPerson(m *model.Model, person string) error {
	if person == "" {
		return nil
	}
	if _, ok := m.PersonByID(person); !ok {
		return errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, "person", "use a person id of the security model", "no person %q in the model", clipText(person, 40))
	}
	return nil
}

func sortedRoles(rs []vuln.Role) []vuln.Role {
	out := slices.Clone(rs)
	slices.Sort(out)
	return slices.Compact(out)
}

func rolesText(rs []vuln.Role) string {
	if len(rs) == 0 {
		return "none"
	}
	var s []string
	for _, r := range rs {
		s = append(s, string(r))
	}
	return strings.Join(s, ",")
}

// CreateAccount hashes the password and stores the account, with an
// account.create audit record by actor. The account id is its login.
func CreateAccount(ctx context.Context, st store.Store, m *model.Model, actor string, in NewAccount, now time.Time) (*store.Account, error) {
	if err := checkAccount(m, in); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	a := &store.Account{ID: in.Login, Login: in.Login, Name: in.Name, PasswordHash: hash, Roles: sortedRoles(in.Roles), Person: in.Person, Created: now.UTC()}
	detail := "roles " + rolesText(a.Roles)
	if a.Person != "" {
		detail += ", person " + a.Person
	}
	err = st.CreateAccount(ctx, a, audit.Entry{Time: now, Actor: actor, Action: "account.create", Subject: "account/" + a.ID, Detail: detail})
	if errors.Is(err, store.ErrExists) {
		return nil, errorf(http.StatusConflict, CodeExists, "login", "choose another login", "an account with login %q exists", in.Login)
	}
	return a, err
}

// NoAccounts reports whether the server has no account yet, when the
// first admin is still to be created.
func NoAccounts(ctx context.Context, st store.Store) (bool, error) {
	as, err := st.Accounts(ctx)
	return len(as) == 0, err
}

func (s *Server) mayManage(c *call) error {
	if ok, why := vuln.Can(c.actor, vuln.ActionManageAccounts, nil); !ok {
		return &vuln.Error{Code: why.Code, Msg: why.Text}
	}
	return nil
}

func (s *Server) apiAccounts(c *call) error {
	if err := s.mayManage(c); err != nil {
		return err
	}
	as, err := s.cfg.Store.Accounts(c.ctx)
	if err != nil {
		return err
	}
	out := AccountList{Accounts: []AccountView{}}
	for _, a := range as {
		out.Accounts = append(out.Accounts, accountView(a))
	}
	writeJSON(c.w, http.StatusOK, out)
	return nil
}

func (s *Server) apiCreateAccount(c *call) error {
	if err := s.mayManage(c); err != nil {
		return err
	}
	var in NewAccountRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	a, err := s.createAccount(c, NewAccount{Login: in.Login, Name: in.Name, Password: in.Password, Roles: in.Roles, Person: in.Person})
	if err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/accounts/"+a.ID)
	writeJSON(c.w, http.StatusCreated, accountView(a))
	return nil
}

func (s *Server) createAccount(c *call, in NewAccount) (*store.Account, error) {
	if err := checkAccount(s.cfg.Model, in); err != nil {
		return nil, err
	}
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	return CreateAccount(c.ctx, s.cfg.Store, s.cfg.Model, c.actorName(), in, c.now)
}

func (s *Server) apiUpdateAccount(c *call) error {
	if err := s.mayManage(c); err != nil {
		return err
	}
	var in AccountUpdate
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	want, err := ifMatch(c)
	if err != nil {
		return err
	}
	a, err := s.updateAccount(c, c.r.PathValue("account"), want, in)
	if err != nil {
		return err
	}
	writeJSON(c.w, http.StatusOK, accountView(a))
	return nil
}

// updateAccount applies an admin's change and audits each kind of change:
// roles (also through the model person they come from), disabling, and
// password resets.
func (s *Server) updateAccount(c *call, id string, want int64, in AccountUpdate) (*store.Account, error) {
	a, err := s.cfg.Store.Account(c.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errorf(http.StatusNotFound, vuln.CodeHidden, "", "", "no such account")
	}
	if err != nil {
		return nil, err
	}
	if want != 0 && a.Version != want {
		return nil, &apiError{Status: http.StatusConflict, Code: CodeConflict, Version: a.Version, Msg: "the account changed since you read it; nothing was written"}
	}
	subj := "account/" + a.ID
	var ev []audit.Entry
	add := func(action, detail string) {
		ev = append(ev, audit.Entry{Time: c.now, Actor: c.actorName(), Action: action, Subject: subj, Detail: detail})
	}
	if in.Name != nil {
		if err := checkName(*in.Name); err != nil {
			return nil, err
		}
		a.Name = *in.Name
		add("account.update", "name")
	}
	if in.Roles != nil {
		if err := checkRoles(*in.Roles); err != nil {
			return nil, err
		}
		roles := sortedRoles(*in.Roles)
		if a.ID == c.actor.ID && !slices.Contains(roles, vuln.RoleAdmin) {
			return nil, errorf(http.StatusConflict, vuln.CodeState, "roles", "let another admin do it", "you cannot take the admin role from yourself")
		}
		if !slices.Equal(roles, a.Roles) {
			add("account.roles", "from "+rolesText(a.Roles)+" to "+rolesText(roles))
		}
		a.Roles = roles
	}
	if in.Person != nil {
		if err := checkPerson(s.cfg.Model, *in.Person); err != nil {
			return nil, err
		}
		if *in.Person != a.Person {
			add("account.roles", "person from "+orNone(a.Person)+" to "+orNone(*in.Person))
		}
		a.Person = *in.Person
	}
	if in.Disabled != nil && *in.Disabled != a.Disabled {
		if a.ID == c.actor.ID && *in.Disabled {
			return nil, errorf(http.StatusConflict, vuln.CodeState, "disabled", "let another admin do it", "you cannot disable your own account")
		}
		a.Disabled = *in.Disabled
		add(map[bool]string{true: "account.disable", false: "account.enable"}[a.Disabled], "")
	}
	if in.Password != nil {
		if err := checkPassword(*in.Password); err != nil {
			return nil, err
		}
		s.hashing <- struct{}{}
		h, err := HashPassword(*in.Password)
		<-s.hashing
		if err != nil {
			return nil, err
		}
		a.PasswordHash = h
		add("account.password", "reset by an admin")
	}
	if len(ev) == 0 {
		return nil, errNoChange
	}
	defer s.auth.forget("", a.ID)
	if err := s.cfg.Store.UpdateAccount(c.ctx, a, ev...); err != nil {
		return nil, err
	}
	return a, nil
}

// errNoChange answers an update that changes nothing.
var errNoChange = errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, "", "send name, roles, person, disabled or password", "nothing to change")

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func (s *Server) apiMe(c *call) error {
	me := Me{Account: accountView(c.account), Actor: c.actor}
	if c.token != nil {
		me.Scopes = c.token.Scopes
	}
	writeJSON(c.w, http.StatusOK, me)
	return nil
}
