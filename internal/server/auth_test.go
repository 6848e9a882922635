package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// TestLoginRateLimit: five failures lock a login for the window, the lock
// answers 429 with Retry-After, even the right password is refused while
// it lasts, and every failure is in the audit log without the password.
func TestLoginRateLimit(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		for i := 0; i < maxFailPerLogin; i++ {
			f.must(401, "POST", "/api/v1/login", "anon", `{"login": "rita", "password": "guess number one"}`)
		}
		r := f.must(429, "POST", "/api/v1/login", "anon", fmt.Sprintf(`{"login": "rita", "password": %q}`, testPassword))
		if r.header.Get("Retry-After") == "" || r.errCode(t).Code != CodeRateLimited {
			t.Fatalf("locked login: %v %s", r.header, r.body)
		}
		// Another login from the same client is not locked yet.
		f.must(201, "POST", "/api/v1/login", "anon", fmt.Sprintf(`{"login": "otto", "password": %q}`, testPassword))
		f.clock.Add(loginWindow + time.Second)
		var tk NewToken
		f.must(201, "POST", "/api/v1/login", "anon", fmt.Sprintf(`{"login": "rita", "password": %q, "name": "laptop", "days": 7}`, testPassword)).json(t, &tk)
		if !wellFormedToken(tk.Token) || !tk.Expires.Equal(f.clock.Now().AddDate(0, 0, 7)) {
			t.Fatalf("token %+v", tk)
		}
		// The token works, and only its hash is stored.
		f.tokens["new"] = tk.Token
		f.must(200, "GET", "/api/v1/me", "new", nil)
		if _, err := f.st.Token(context.Background(), tk.Token); err == nil {
			t.Fatal("the token's secret is stored in the clear")
		}
		var page AuditPage
		f.must(200, "GET", "/api/v1/audit?limit=1000", "admin", nil).json(t, &page)
		fails, limited := 0, 0
		for _, rec := range page.Records {
			if strings.Contains(rec.Detail, "guess") {
				t.Fatalf("a password went into the audit log: %+v", rec)
			}
			switch rec.Action {
			case "login.fail":
				fails++
			case "login.limited":
				limited++
			}
		}
		if fails != maxFailPerLogin || limited != 1 {
			t.Fatalf("audit has %d login.fail and %d login.limited, want %d and 1", fails, limited, maxFailPerLogin)
		}
	})
}

// TestBrowserSession: signing in sets an HttpOnly, SameSite=Strict session
// cookie (Secure with TLS); forms need the session's CSRF token; posts
// from another origin are refused; signing out ends the session.
func TestBrowserSession(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run(fmt.Sprintf("secure=%v", secure), func(t *testing.T) {
			f := newFixture(t, backends()[0].target(t), func(c *Config) { c.Secure = secure })
			csrfName, sessName := "assure_csrf", "assure_session"
			if secure {
				csrfName, sessName = "__Host-assure_csrf", "__Host-assure_session"
			}
			// The sign-in form sets the double-submit cookie.
			page := f.send(mustReq(t, "GET", f.http.URL+"/login", ""))
			csrf := cookie(page.header, csrfName)
			if csrf == nil || !csrf.HttpOnly || csrf.SameSite != http.SameSiteStrictMode || csrf.Secure != secure {
				t.Fatalf("csrf cookie %+v", csrf)
			}
			post := func(path string, vals url.Values, cookies ...*http.Cookie) resp {
				req := mustReq(t, "POST", f.http.URL+path, vals.Encode())
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				for _, c := range cookies {
					req.AddCookie(c)
				}
				return f.send(req)
			}
			creds := url.Values{"login": {"sam"}, "password": {testPassword}}
			if r := post("/login", creds, csrf); r.status != 403 {
				t.Fatalf("sign-in without the form token: %d", r.status)
			}
			creds.Set("csrf", csrf.Value)
			r := post("/login", creds, csrf)
			sess := cookie(r.header, sessName)
			if r.status != 303 || sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteStrictMode || sess.Secure != secure {
				t.Fatalf("sign-in: %d, session cookie %+v", r.status, sess)
			}
			se, err := f.st.Session(context.Background(), hashSecret(sess.Value))
			if err != nil {
				t.Fatal(err)
			}
			rep := f.reportIn("new")
			path := fmt.Sprintf("/reports/%d/comment", rep.ID)
			if r := post(path, url.Values{"body": {"x"}, "csrf": {"forged"}}, sess); r.status != 403 {
				t.Fatalf("comment with a wrong CSRF token: %d", r.status)
			}
			req := mustReq(t, "POST", f.http.URL+path, url.Values{"body": {"x"}, "csrf": {se.CSRF}}.Encode())
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", "https://evil.example")
			req.AddCookie(sess)
			if r := f.send(req); r.status != 403 {
				t.Fatalf("comment from another origin: %d", r.status)
			}
			if r := post(path, url.Values{"body": {"x"}, "csrf": {se.CSRF}}, sess); r.status != 303 {
				t.Fatalf("comment: %d %s", r.status, r.body)
			}
			if r := post("/logout", url.Values{"csrf": {se.CSRF}}, sess); r.status != 303 {
				t.Fatalf("sign-out: %d", r.status)
			}
			if r := f.send(withCookie(mustReq(t, "GET", f.http.URL+"/reports", ""), sess)); r.status != 303 || !strings.HasPrefix(r.header.Get("Location"), "/login") {
				t.Fatalf("after sign-out: %d %s", r.status, r.header.Get("Location"))
			}
		})
	}
}

// TestSetup: on an empty server the one-time setup token creates the
// first admin, once; a wrong token or a second attempt is refused.
func TestSetup(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, backends()[0].target(t), store.Options{Signer: keys.signer})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := New(Config{Store: st, Model: testModel(), Vuln: testConfig(), SetupToken: "tok-123"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv)
	defer hs.Close()
	f := &fixture{t: t, http: hs}
	if r := f.send(mustReq(t, "GET", hs.URL+"/", "")); r.header.Get("Location") != "/setup" {
		t.Fatalf("home of an empty server: %d %s", r.status, r.header.Get("Location"))
	}
	if r := f.send(mustReq(t, "GET", hs.URL+"/setup?token=guess", "")); r.status != 403 {
		t.Fatalf("setup with a wrong token: %d", r.status)
	}
	page := f.send(mustReq(t, "GET", hs.URL+"/setup?token=tok-123", ""))
	csrf := cookie(page.header, "assure_csrf")
	if page.status != 200 || csrf == nil {
		t.Fatalf("setup form: %d", page.status)
	}
	post := func(vals url.Values) resp {
		req := mustReq(t, "POST", hs.URL+"/setup", vals.Encode())
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(csrf)
		return f.send(req)
	}
	vals := url.Values{"csrf": {csrf.Value}, "token": {"tok-123"}, "login": {"root"}, "name": {"Root"}, "password": {testPassword}, "password2": {"different password"}}
	if r := post(vals); r.status != 422 {
		t.Fatalf("setup with passwords that differ: %d", r.status)
	}
	vals.Set("password2", testPassword)
	if r := post(vals); r.status != 303 || r.header.Get("Location") != "/login" {
		t.Fatalf("setup: %d %s", r.status, r.body)
	}
	a, err := st.AccountByLogin(ctx, "root")
	if err != nil || len(a.Roles) != 1 || a.Roles[0] != vuln.RoleAdmin {
		t.Fatalf("first admin: %+v, %v", a, err)
	}
	vals.Set("login", "root2")
	if r := post(vals); r.status != 403 {
		t.Fatalf("second setup: %d", r.status)
	}
}

func mustReq(t *testing.T, method, u, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func withCookie(r *http.Request, c *http.Cookie) *http.Request { r.AddCookie(c); return r }

func cookie(h http.Header, name string) *http.Cookie {
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// TestListMediation: lists and filters never show a report the caller may
// not see, whatever the filter; filters select as documented.
func TestListMediation(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		for _, st := range []string{"new", "triage", "assigned", "review", "public"} {
			f.reportIn(st)
		}
		count := func(who, q string) []ReportSummary {
			var l ReportList
			f.must(200, "GET", "/api/v1/reports"+q, who, nil).json(t, &l)
			return l.Reports
		}
		cases := []struct {
			who, q string
			want   int
		}{
			{"team", "", 5}, {"reporter", "", 5}, {"other", "", 1}, {"anon", "", 1}, {"admin", "", 1},
			{"maint", "", 3}, {"maint-other", "", 1}, {"maint-other", "?module=net", 1}, {"maint-other", "?state=assigned,review", 0},
			{"architect", "", 4}, {"rm", "", 3}, {"rm-other", "", 1},
			{"team", "?state=new,triage", 2}, {"team", "?severity=critical", 4}, {"team", "?severity=high", 1},
			{"team", "?module=net", 4}, {"team", "?module=kernel", 0}, {"team", "?ending_within=14", 0}, {"team", "?ending_within=91", 4},
			{"team", "?limit=2", 2}, {"team", "?reporter=rita", 5},
		}
		for _, c := range cases {
			if got := count(c.who, c.q); len(got) != c.want {
				t.Errorf("list%s as %s: %d reports, want %d", c.q, c.who, len(got), c.want)
			}
		}
		// Paging walks every visible report once.
		var l ReportList
		f.must(200, "GET", "/api/v1/reports?limit=2", "team", nil).json(t, &l)
		seen := len(l.Reports)
		for l.Next != 0 {
			next := l.Next
			l = ReportList{}
			f.must(200, "GET", fmt.Sprintf("/api/v1/reports?limit=2&after=%d", next), "team", nil).json(t, &l)
			seen += len(l.Reports)
		}
		if seen != 5 {
			t.Fatalf("paging saw %d reports, want 5", seen)
		}
		// The public page and exports hold public reports only.
		md := string(f.must(200, "GET", "/api/v1/advisories.md", "team", nil).body)
		if strings.Count(md, "CVE-2026-1234") != 1 {
			t.Fatalf("vulnerabilities page:\n%s", md)
		}
		// A private attachment is refused to someone who may see only the
		// public advisory.
		r := f.reportIn("public")
		f.must(404, "GET", fmt.Sprintf("/api/v1/reports/%d/attachments/1", r.ID), "other", nil)
		_ = vuln.StatePublic
	})
}
