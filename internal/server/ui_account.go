package server

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

type loginData struct {
	Next, Login string
	Setup       bool
}

// safeNext keeps a post-login redirect on this server: a local path, not
// //host or a scheme.
func safeNext(n string) string {
	if !strings.HasPrefix(n, "/") || strings.HasPrefix(n, "//") || strings.HasPrefix(n, `/\`) || len(n) > 2048 {
		return "/reports"
	}
	return n
}

func (s *Server) uiLogin(c *call) error {
	if c.account != nil {
		http.Redirect(c.w, c.r, "/reports", http.StatusSeeOther)
		return nil
	}
	return s.render(c, http.StatusOK, "login", s.newPage(c, "Sign in", loginData{Next: safeNext(c.r.URL.Query().Get("next")), Setup: s.setupPending()}))
}

func (s *Server) uiLoginPost(c *call) error {
	f := c.r.PostForm
	acc, err := s.login(c, f.Get("login"), f.Get("password"))
	if err != nil {
		e, internal := asAPIError(err)
		if internal {
			return err
		}
		p := s.newPage(c, "Sign in", loginData{Next: safeNext(f.Get("next")), Login: f.Get("login")})
		p.Error = e
		return s.render(c, e.Status, "login", p)
	}
	secret := newSecret()
	se := store.Session{Hash: hashSecret(secret), AccountID: acc.ID, CSRF: newSecret(), Created: c.now, Expires: c.now.Add(sessionTTL)}
	if err := s.cfg.Store.PutSession(c.ctx, se); err != nil {
		return err
	}
	if err := s.auditNow(c, audit.Entry{Actor: acc.ID, Action: "login.ok", Subject: "account/" + acc.ID, Detail: "session from " + clientKey(c.r)}); err != nil {
		return err
	}
	s.setCookie(c.w, s.cookieName(), secret, int(sessionTTL.Seconds()))
	s.setCookie(c.w, s.csrfCookieName(), "", -1)
	http.Redirect(c.w, c.r, safeNext(f.Get("next")), http.StatusSeeOther)
	return nil
}

func (s *Server) uiLogout(c *call) error {
	if ck, err := c.r.Cookie(s.cookieName()); err == nil {
		// A session already gone is signed out; any other failure leaves
		// it valid on the server, and the user must not be told otherwise.
		if err := s.cfg.Store.DeleteSession(c.ctx, hashSecret(ck.Value)); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	s.setCookie(c.w, s.cookieName(), "", -1)
	http.Redirect(c.w, c.r, "/login", http.StatusSeeOther)
	return nil
}

func (s *Server) setupPending() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.setupToken != ""
}

// setupAllowed checks the one-time setup token; it is refused once used or
// once any account exists.
func (s *Server) setupAllowed(c *call, token string) error {
	s.mu.Lock()
	want := s.setupToken
	s.mu.Unlock()
	if want == "" || subtle.ConstantTimeCompare([]byte(token), []byte(want)) != 1 {
		return errorf(http.StatusForbidden, vuln.CodeForbidden, "token", "use the setup link assure serve printed on first start, or assure serve admin create", "setup is closed or the setup token is wrong")
	}
	none, err := NoAccounts(c.ctx, s.cfg.Store)
	if err != nil {
		return err
	}
	if !none {
		s.mu.Lock()
		s.setupToken = ""
		s.mu.Unlock()
		return errorf(http.StatusForbidden, vuln.CodeForbidden, "", "sign in", "the first admin exists already")
	}
	return nil
}

type setupData struct{ Token, Login, Name string }

func (s *Server) uiSetup(c *call) error {
	tok := c.r.URL.Query().Get("token")
	if err := s.setupAllowed(c, tok); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "setup", s.newPage(c, "Create the first admin", setupData{Token: tok}))
}

func (s *Server) uiSetupPost(c *call) error {
	f := c.r.PostForm
	if err := s.setupAllowed(c, f.Get("token")); err != nil {
		return err
	}
	if f.Get("password") != f.Get("password2") {
		p := s.newPage(c, "Create the first admin", setupData{Token: f.Get("token"), Login: f.Get("login"), Name: f.Get("name")})
		p.Error = invalidField("password2", "type the same password twice", "the passwords differ")
		return s.render(c, http.StatusUnprocessableEntity, "setup", p)
	}
	_, err := s.createAccount(c, NewAccount{Login: f.Get("login"), Name: f.Get("name"), Password: f.Get("password"), Roles: []vuln.Role{vuln.RoleAdmin}})
	if err != nil {
		e, internal := asAPIError(err)
		if internal {
			return err
		}
		p := s.newPage(c, "Create the first admin", setupData{Token: f.Get("token"), Login: f.Get("login"), Name: f.Get("name")})
		p.Error = e
		return s.render(c, e.Status, "setup", p)
	}
	s.mu.Lock()
	s.setupToken = ""
	s.mu.Unlock()
	s.log.Printf("first admin %s created through /setup; setup is closed", f.Get("login"))
	http.Redirect(c.w, c.r, "/login", http.StatusSeeOther)
	return nil
}

type tokensData struct {
	Tokens []TokenView
	New    *NewToken
	Scopes []string
}

func (s *Server) tokensPage(c *call, status int, nt *NewToken, e *apiError) error {
	if err := s.mayTokens(c); err != nil {
		return err
	}
	ts, err := s.cfg.Store.Tokens(c.ctx, c.account.ID)
	if err != nil {
		return err
	}
	d := tokensData{New: nt, Scopes: Scopes()}
	for _, t := range ts {
		d.Tokens = append(d.Tokens, tokenView(t))
	}
	slices.SortFunc(d.Tokens, func(a, b TokenView) int { return a.Created.Compare(b.Created) })
	p := s.newPage(c, "API tokens", d)
	p.Error = e
	return s.render(c, status, "tokens", p)
}

func (s *Server) uiTokens(c *call) error { return s.tokensPage(c, http.StatusOK, nil, nil) }

func (s *Server) uiTokensPost(c *call) error {
	if err := s.mayTokens(c); err != nil {
		return err
	}
	f := c.r.PostForm
	days := 0
	if v := strings.TrimSpace(f.Get("days")); v != "" {
		n, ok := atoiOK(v)
		if !ok {
			return s.tokensPage(c, http.StatusUnprocessableEntity, nil, invalidField("days", "give 1 to 365", "%q is not a number of days", clipText(v, 20)))
		}
		days = n
	}
	nt, err := s.newToken(c, c.account, f.Get("name"), f["scopes"], days, "token.create")
	if err != nil {
		e, internal := asAPIError(err)
		if internal {
			return err
		}
		return s.tokensPage(c, e.Status, nil, e)
	}
	return s.tokensPage(c, http.StatusCreated, &nt, nil)
}

func (s *Server) uiTokenRevoke(c *call) error {
	if err := s.mayTokens(c); err != nil {
		return err
	}
	if err := s.revokeToken(c, c.r.PostFormValue("id")); err != nil {
		return err
	}
	http.Redirect(c.w, c.r, "/account/tokens", http.StatusSeeOther)
	return nil
}

type accountsData struct {
	Accounts []AccountView
	Roles    []vuln.Role
	People   []string
}

func (s *Server) accountsPage(c *call, status int, e *apiError) error {
	if err := s.mayManage(c); err != nil {
		return err
	}
	as, err := s.cfg.Store.Accounts(c.ctx)
	if err != nil {
		return err
	}
	d := accountsData{Roles: vuln.Roles()}
	for _, a := range as {
		d.Accounts = append(d.Accounts, accountView(a))
	}
	for _, p := range s.cfg.Model.People {
		d.People = append(d.People, p.ID)
	}
	p := s.newPage(c, "Accounts", d)
	p.Error = e
	return s.render(c, status, "accounts", p)
}

func (s *Server) uiAccounts(c *call) error { return s.accountsPage(c, http.StatusOK, nil) }

func formRoles(v []string) []vuln.Role {
	out := []vuln.Role{}
	for _, r := range v {
		out = append(out, vuln.Role(r))
	}
	return out
}

func (s *Server) uiAccountsPost(c *call) error {
	if err := s.mayManage(c); err != nil {
		return err
	}
	f := c.r.PostForm
	_, err := s.createAccount(c, NewAccount{Login: strings.TrimSpace(f.Get("login")), Name: f.Get("name"), Password: f.Get("password"),
		Roles: formRoles(f["roles"]), Person: f.Get("person")})
	if err != nil {
		e, internal := asAPIError(err)
		if internal {
			return err
		}
		return s.accountsPage(c, e.Status, e)
	}
	http.Redirect(c.w, c.r, "/admin/accounts", http.StatusSeeOther)
	return nil
}

func (s *Server) uiAccountPost(c *call) error {
	if err := s.mayManage(c); err != nil {
		return err
	}
	f := c.r.PostForm
	var in AccountUpdate
	roles := formRoles(f["roles"])
	in.Roles = &roles
	person := f.Get("person")
	in.Person = &person
	disabled := f.Get("disabled") == "on"
	in.Disabled = &disabled
	if p := f.Get("password"); p != "" {
		in.Password = &p
	}
	want := int64(0)
	if v, ok := atoiOK(f.Get("version")); ok {
		want = int64(v)
	}
	if _, err := s.updateAccount(c, c.r.PathValue("account"), want, in); err != nil && err != errNoChange {
		e, internal := asAPIError(err)
		if internal || e.Status == http.StatusNotFound {
			return err
		}
		return s.accountsPage(c, e.Status, e)
	}
	http.Redirect(c.w, c.r, "/admin/accounts", http.StatusSeeOther)
	return nil
}

func atoiOK(s string) (int, bool) {
	n := 0
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

type auditData struct {
	Records []audit.Record
	Verify  AuditVerification
	From    int64
	Next    int64
	Prev    int64
}

func (s *Server) uiAudit(c *call) error {
	if err := s.mayAudit(c); err != nil {
		return err
	}
	from := int64(0)
	if v, ok := atoiOK(c.r.URL.Query().Get("from")); ok {
		from = int64(v)
	}
	rs, err := s.cfg.Store.AuditEntries(c.ctx, from, 100)
	if err != nil {
		return err
	}
	v, err := s.verifyAudit(c.ctx)
	if err != nil {
		return err
	}
	d := auditData{Records: rs, Verify: v, From: from, Prev: max(from-100, 0)}
	if len(rs) == 100 {
		d.Next = rs[99].Index + 1
	}
	return s.render(c, http.StatusOK, "audit", s.newPage(c, "Audit log", d))
}

func (s *Server) uiChange(c *call) error {
	if err := s.mayChanges(c, vuln.ActionReadChanges); err != nil {
		return err
	}
	key, err := changeKey(c)
	if err != nil {
		return err
	}
	ch, err := s.cfg.Store.Change(c.ctx, key)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "change", s.newPage(c, "Change request "+key, s.changeView(c, ch)))
}
