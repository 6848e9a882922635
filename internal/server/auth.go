package server

import (
	"crypto/subtle"
	"errors"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// Session lifetime: a working day. A browser left signed in overnight
// signs in again.
const sessionTTL = 12 * time.Hour

// actorFor is who an account is to vuln.Can: its own roles plus what the
// model says about its person.
func (s *Server) actorFor(a *store.Account) vuln.Actor {
	return vuln.ActorFor(a.ID, a.Roles, a.Person, s.cfg.Model, s.cfg.Vuln)
}

// authAPI identifies an API caller by its bearer token. No token is the
// anonymous actor, who sees public reports only; a token that is wrong,
// expired or of a disabled account is refused outright rather than
// treated as anonymous, so a client never silently gets less than it
// asked for.
func (s *Server) authAPI(c *call) error {
	h := c.r.Header.Get("Authorization")
	if h == "" {
		if !c.route.Public {
			return errorf(http.StatusUnauthorized, CodeUnauth, "", "send Authorization: Bearer <token> (create one with assure vuln login or on the Tokens page)", "this endpoint needs an API token")
		}
		return nil
	}
	scheme, secret, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") || !wellFormedToken(strings.TrimSpace(secret)) {
		return errorf(http.StatusUnauthorized, CodeUnauth, "", "send Authorization: Bearer assure_…", "malformed Authorization header")
	}
	hash := hashSecret(strings.TrimSpace(secret))
	tk, acc, ok := s.auth.get(hash)
	if !ok {
		var err error
		if tk, err = s.lookupToken(c, hash); err != nil {
			return err
		}
		acc, err = s.cfg.Store.Account(c.ctx, tk.AccountID)
		if errors.Is(err, store.ErrNotFound) {
			return errorf(http.StatusUnauthorized, CodeUnauth, "", "", "the token's account no longer exists")
		}
		if err != nil {
			return err
		}
		s.auth.put(hash, tk, acc)
	}
	if !c.now.Before(tk.Expires) {
		return errorf(http.StatusUnauthorized, CodeUnauth, "", "create a new token", "the token expired on %s", tk.Expires.Format(time.DateOnly))
	}
	if acc.Disabled {
		return errorf(http.StatusUnauthorized, CodeUnauth, "", "", "the token's account is disabled")
	}
	if c.route.Scope != "" && !slices.Contains(tk.Scopes, c.route.Scope) {
		return errorf(http.StatusForbidden, CodeScope, "", "create a token with scope "+c.route.Scope, "the token lacks scope %s", c.route.Scope)
	}
	c.token, c.account, c.actor = &tk, acc, s.actorFor(acc)
	return nil
}

func (s *Server) lookupToken(c *call, hash string) (store.Token, error) {
	tk, err := s.cfg.Store.Token(c.ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return tk, errorf(http.StatusUnauthorized, CodeUnauth, "", "create a new token", "unknown or revoked token")
	}
	return tk, err
}

// cookieName is the session cookie's name: with TLS the __Host- prefix
// pins it to this host and path and requires Secure.
func (s *Server) cookieName() string {
	if s.cfg.Secure {
		return "__Host-assure_session"
	}
	return "assure_session"
}

func (s *Server) csrfCookieName() string {
	if s.cfg.Secure {
		return "__Host-assure_csrf"
	}
	return "assure_csrf"
}

func (s *Server) setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	// assure: waive W-0036 -- Secure whenever browsers come over TLS
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteStrictMode})
}

// MaxFormBody bounds a UI form without a file.
const MaxFormBody = 256 << 10

// authUI identifies a browser by its session cookie, and for every form
// it posts checks the content type, the origin and the CSRF token: the
// session's own token when signed in, else the double-submit cookie.
func (s *Server) authUI(c *call) error {
	if ck, err := c.r.Cookie(s.cookieName()); err == nil && ck.Value != "" {
		se, err := s.cfg.Store.Session(c.ctx, hashSecret(ck.Value))
		switch {
		case err == nil && c.now.Before(se.Expires):
			acc, err := s.cfg.Store.Account(c.ctx, se.AccountID)
			if err == nil && !acc.Disabled {
				c.session, c.account, c.actor = &se, acc, s.actorFor(acc)
			} else if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		}
		if c.session == nil {
			s.setCookie(c.w, s.cookieName(), "", -1)
		}
	}
	if c.r.Method == http.MethodPost {
		if err := s.checkForm(c); err != nil {
			return err
		}
	}
	if !c.route.Public && c.account == nil {
		if c.r.Method == http.MethodGet {
			http.Redirect(c.w, c.r, "/login?next="+url.QueryEscape(c.r.URL.RequestURI()), http.StatusSeeOther)
			return errHandled
		}
		return errorf(http.StatusUnauthorized, CodeUnauth, "", "sign in first", "your session has ended")
	}
	return nil
}

// errHandled means the handler already answered (a redirect).
var errHandled = &apiError{Status: 0}

func (s *Server) checkForm(c *call) error {
	if site := c.r.Header.Get("Sec-Fetch-Site"); site == "cross-site" {
		return errorf(http.StatusForbidden, CodeCSRF, "", "", "cross-site form posts are refused")
	}
	if o := c.r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || !strings.EqualFold(u.Host, c.r.Host) {
			return errorf(http.StatusForbidden, CodeCSRF, "", "", "form posted from another origin")
		}
	}
	limit := int64(MaxFormBody)
	if c.route.Upload {
		limit = s.cfg.Vuln.Attachments.MaxBytes + MaxFormBody
	}
	if c.r.ContentLength > limit {
		return tooLarge(limit)
	}
	c.r.Body = http.MaxBytesReader(c.w, c.r.Body, limit)
	mt, _, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	var err error
	switch mt {
	case "application/x-www-form-urlencoded":
		err = c.r.ParseForm()
	case "multipart/form-data":
		err = c.r.ParseMultipartForm(8 << 20)
	default:
		return errorf(http.StatusUnsupportedMediaType, CodeMediaType, "", "post the page's form", "content type %q is not a form", clipText(mt, 80))
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge(limit)
	}
	if err != nil {
		return errorf(http.StatusBadRequest, CodeMalformed, "", "post the page's form", "unreadable form: %v", err)
	}
	want := ""
	if c.session != nil {
		want = c.session.CSRF
	} else if ck, err := c.r.Cookie(s.csrfCookieName()); err == nil {
		want = ck.Value
	}
	got := c.r.PostFormValue("csrf")
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errorf(http.StatusForbidden, CodeCSRF, "", "reload the page and submit the form again", "the form's security token is missing or stale")
	}
	return nil
}

// csrfToken is the token forms of this page carry: the session's, or a
// fresh double-submit cookie for the sign-in and setup forms.
func (s *Server) csrfToken(c *call) string {
	if c.session != nil {
		return c.session.CSRF
	}
	if ck, err := c.r.Cookie(s.csrfCookieName()); err == nil && len(ck.Value) == 43 {
		return ck.Value
	}
	v := newSecret()
	s.setCookie(c.w, s.csrfCookieName(), v, 3600)
	return v
}

// clientKey is the address login failures are counted by. Forwarded
// headers are not trusted: a proxy in front should limit on its own.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return "client:" + r.RemoteAddr
	}
	return "client:" + host
}

// login checks a login and password under the rate limits and audits the
// outcome. The answer does not say whether the login exists.
func (s *Server) login(c *call, login, password string) (*store.Account, error) {
	login = strings.TrimSpace(login)
	lk, ck := "login:"+strings.ToLower(login), clientKey(c.r)
	for _, k := range []struct {
		key string
		max int
	}{{lk, maxFailPerLogin}, {ck, maxFailPerClient}} {
		if blocked, wait := s.limits.blocked(k.key, k.max); blocked {
			secs := int(wait/time.Second) + 1
			c.w.Header().Set("Retry-After", strconv.Itoa(secs))
			if err := s.auditNow(c, audit.Entry{Actor: "anonymous", Action: "login.limited", Subject: "account/" + auditText(login), Detail: ck}); err != nil {
				return nil, err
			}
			return nil, &apiError{Status: http.StatusTooManyRequests, Code: CodeRateLimited, RetryAfter: secs,
				Msg: "too many failed sign-ins; try again later", Hint: "wait " + strconv.Itoa(secs) + " seconds"}
		}
	}
	acc, err := s.cfg.Store.AccountByLogin(c.ctx, login)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	hash := dummyHash
	if acc != nil && acc.PasswordHash != "" {
		hash = acc.PasswordHash
	}
	s.hashing <- struct{}{}
	ok, verr := VerifyPassword(hash, password)
	<-s.hashing
	if acc == nil || acc.Disabled || acc.PasswordHash == "" || verr != nil || !ok {
		s.limits.failed(lk)
		s.limits.failed(ck)
		why := "wrong password"
		switch {
		case acc == nil:
			why = "unknown login"
		case acc.Disabled:
			why = "account disabled"
		case acc.PasswordHash == "" || verr != nil:
			why = "account has no usable password"
		}
		if err := s.auditNow(c, audit.Entry{Actor: "anonymous", Action: "login.fail", Subject: "account/" + auditText(login), Detail: why + " from " + ck}); err != nil {
			return nil, err
		}
		return nil, errorf(http.StatusUnauthorized, CodeUnauth, "", "", "wrong login or password")
	}
	s.limits.reset(lk)
	return acc, nil
}

// auditText makes user-typed text fit an audit field.
func auditText(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return clipText(s, 128)
}
