package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// Token lifetimes in days.
const (
	defaultTokenDays = 90
	maxTokenDays     = 365
)

// newToken creates a token for acc: scopes default to read and write, and
// admin only for an admin account (a token never gets more than its
// account). Only the hash of the secret is stored.
func (s *Server) newToken(c *call, acc *store.Account, name string, scopes []string, days int, action string) (NewToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 || strings.ContainsAny(name, "\n\r\t") {
		return NewToken{}, errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, "name", "name the token after where it is used, like ci or laptop", "a token needs a one-line name of at most 100 bytes")
	}
	if len(scopes) == 0 {
		scopes = []string{ScopeRead, ScopeWrite}
	}
	for i, sc := range scopes {
		if !slices.Contains(Scopes(), sc) {
			return NewToken{}, errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, "scopes/"+strconv.Itoa(i), "use read, write or admin", "unknown scope %q", clipText(sc, 40))
		}
		if sc == ScopeAdmin && !slices.Contains(acc.Roles, vuln.RoleAdmin) {
			return NewToken{}, errorf(http.StatusForbidden, vuln.CodeForbidden, "scopes/"+strconv.Itoa(i), "", "scope admin is for admin accounts")
		}
	}
	scopes = slices.Clone(scopes)
	slices.Sort(scopes)
	scopes = slices.Compact(scopes)
	if days == 0 {
		days = defaultTokenDays
	}
	if days < 1 || days > maxTokenDays {
		return NewToken{}, errorf(http.StatusUnprocessableEntity, vuln.CodeInvalid, "days", "give 1 to 365 days", "a token lives 1 to %d days, not %d", maxTokenDays, days)
	}
	secret := TokenPrefix + newSecret()
	tk := store.Token{Hash: hashSecret(secret), AccountID: acc.ID, Name: name, Scopes: scopes, Created: c.now, Expires: c.now.AddDate(0, 0, days)}
	err := s.cfg.Store.PutToken(c.ctx, tk, audit.Entry{Time: c.now, Actor: acc.ID, Action: action, Subject: "account/" + acc.ID,
		Detail: "token " + tk.Hash[:12] + " " + strings.Join(scopes, ",") + " until " + tk.Expires.Format("2006-01-02")})
	if err != nil {
		return NewToken{}, err
	}
	return NewToken{TokenView: tokenView(tk), Token: secret}, nil
}

func tokenView(t store.Token) TokenView {
	sc := t.Scopes
	if sc == nil {
		sc = []string{}
	}
	return TokenView{ID: t.Hash, Name: t.Name, Scopes: sc, Created: t.Created, Expires: t.Expires}
}

func (s *Server) mayTokens(c *call) error {
	if ok, why := vuln.Can(c.actor, vuln.ActionManageTokens, nil); !ok {
		return &vuln.Error{Code: why.Code, Msg: why.Text}
	}
	return nil
}

func (s *Server) apiLogin(c *call) error {
	var in LoginRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	acc, err := s.login(c, in.Login, in.Password)
	if err != nil {
		return err
	}
	if in.Name == "" {
		in.Name = "assure vuln login"
	}
	c.actor = s.actorFor(acc)
	tk, err := s.newToken(c, acc, in.Name, in.Scopes, in.Days, "login.ok")
	if err != nil {
		return err
	}
	writeJSON(c.w, http.StatusCreated, tk)
	return nil
}

func (s *Server) apiTokens(c *call) error {
	if err := s.mayTokens(c); err != nil {
		return err
	}
	ts, err := s.cfg.Store.Tokens(c.ctx, c.account.ID)
	if err != nil {
		return err
	}
	out := TokenList{Tokens: []TokenView{}}
	for _, t := range ts {
		out.Tokens = append(out.Tokens, tokenView(t))
	}
	slices.SortFunc(out.Tokens, func(a, b TokenView) int { return a.Created.Compare(b.Created) })
	writeJSON(c.w, http.StatusOK, out)
	return nil
}

func (s *Server) apiCreateToken(c *call) error {
	if err := s.mayTokens(c); err != nil {
		return err
	}
	var in NewTokenRequest
	if err := decodeJSON(c.w, c.r, &in); err != nil {
		return err
	}
	tk, err := s.newToken(c, c.account, in.Name, in.Scopes, in.Days, "token.create")
	if err != nil {
		return err
	}
	writeJSON(c.w, http.StatusCreated, tk)
	return nil
}

func (s *Server) apiRevokeToken(c *call) error {
	if err := s.mayTokens(c); err != nil {
		return err
	}
	if err := s.revokeToken(c, c.r.PathValue("token")); err != nil {
		return err
	}
	writeJSON(c.w, http.StatusOK, Empty{})
	return nil
}

// revokeToken deletes one of the caller's own tokens; another account's
// token is answered as unknown.
func (s *Server) revokeToken(c *call, id string) error {
	tk, err := s.cfg.Store.Token(c.ctx, id)
	if errors.Is(err, store.ErrNotFound) || err == nil && tk.AccountID != c.account.ID {
		return errorf(http.StatusNotFound, vuln.CodeHidden, "", "", "no such token")
	}
	if err != nil {
		return err
	}
	s.auth.forget(id, "")
	defer s.auth.forget(id, "")
	return s.cfg.Store.DeleteToken(c.ctx, id, audit.Entry{Time: c.now, Actor: c.actorName(), Action: "token.revoke", Subject: "account/" + tk.AccountID, Detail: "token " + id[:min(12, len(id))]})
}
