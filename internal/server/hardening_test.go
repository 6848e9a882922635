package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
)

// A report is text from anyone with a reporter account, and an attachment
// is a file from them: the security team opens both in the browser that
// holds its session. These tests are the proof of countermeasures
// cm-browser-hardening, cm-audit-before-answer and cm-login-rate-limit of
// security/threats/assure.yaml.

// TestReportTextNeverRuns: report text is escaped in the pages, every
// answer carries a content security policy that allows no inline script
// and no framing, and an attachment is only ever a sandboxed download, so
// a hostile report cannot run script in the security team's session.
func TestReportTextNeverRuns(t *testing.T) {
	f := newFixture(t, backends()[0].target(t))
	const evil = `<script>alert("xss")</script>`
	var rv ReportView
	f.must(201, "POST", "/api/v1/reports", "reporter", map[string]any{
		"title": "overflow " + evil, "description": "see " + evil, "severity": "high"}).json(t, &rv)
	rep := fmt.Sprintf("/api/v1/reports/%d", rv.ID)
	var att struct{ ID string }
	f.must(201, "POST", rep+"/attachments?name=poc.html", "reporter", []byte("<html>"+evil+"</html>"),
		"Content-Type", "text/html").json(t, &att)

	// The page the team opens: the text is there, escaped, never as markup.
	sess := signIn(t, f, "sam")
	page := f.send(withCookie(mustReq(t, "GET", fmt.Sprintf("%s/reports/%d", f.http.URL, rv.ID), ""), sess))
	if page.status != 200 {
		t.Fatalf("report page: %d %s", page.status, page.body)
	}
	if strings.Contains(string(page.body), evil) {
		t.Fatal("the report page carries the reporter's script as markup")
	}
	if !strings.Contains(string(page.body), "&lt;script&gt;") {
		t.Fatalf("the report page lacks the escaped text:\n%s", page.body)
	}

	// Every kind of answer carries the headers.
	answers := map[string]resp{
		"page":      page,
		"sign-in":   f.send(mustReq(t, "GET", f.http.URL+"/login", "")),
		"api":       f.must(200, "GET", rep, "team", nil),
		"api error": f.must(404, "GET", "/api/v1/reports/999999", "team", nil),
		"not found": f.send(mustReq(t, "GET", f.http.URL+"/no/such/page", "")),
	}
	for name, r := range answers {
		csp := r.header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: Content-Security-Policy %q lacks %s", name, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: Content-Security-Policy %q allows inline script", name, csp)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: nosniff %q, frame options %q", name, r.header.Get("X-Content-Type-Options"), r.header.Get("X-Frame-Options"))
		}
	}

	// The attachment comes back as opaque bytes to save, sandboxed.
	dl := f.must(200, "GET", rep+"/attachments/"+att.ID, "team", nil)
	if ct := dl.header.Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("attachment Content-Type %q, want application/octet-stream", ct)
	}
	if cd := dl.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		t.Errorf("attachment Content-Disposition %q, want a download", cd)
	}
	if csp := dl.header.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") {
		t.Errorf("attachment Content-Security-Policy %q, want sandbox", csp)
	}
}

// signIn signs login in through the sign-in form and returns the session
// cookie.
func signIn(t *testing.T, f *fixture, login string) *http.Cookie {
	t.Helper()
	form := f.send(mustReq(t, "GET", f.http.URL+"/login", ""))
	csrf := cookie(form.header, "assure_csrf")
	if csrf == nil {
		t.Fatal("the sign-in form set no CSRF cookie")
	}
	vals := url.Values{"login": {login}, "password": {testPassword}, "csrf": {csrf.Value}}
	req := mustReq(t, "POST", f.http.URL+"/login", vals.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(csrf)
	r := f.send(req)
	sess := cookie(r.header, "assure_session")
	if r.status != 303 || sess == nil {
		t.Fatalf("sign-in as %s: %d %s", login, r.status, r.body)
	}
	return sess
}

// auditDown is a store whose audit log cannot be written (a full disk, a
// lost database connection) while everything else still works.
type auditDown struct{ store.Store }

func (auditDown) Audit(context.Context, ...audit.Entry) (audit.Checkpoint, error) {
	return audit.Checkpoint{}, errors.New("disk full")
}

// TestUnrecordedViewIsRefused: when the audit log cannot record that an
// account reads an embargoed report or downloads its attachment, the
// server answers 503 without the report, so nobody reads embargoed text
// without a trace. What is public needs no record and is still served.
func TestUnrecordedViewIsRefused(t *testing.T) {
	f := newFixture(t, backends()[0].target(t), func(c *Config) { c.Store = auditDown{c.Store} })
	r := f.reportIn("triage")
	rep := fmt.Sprintf("/api/v1/reports/%d", r.ID)
	if _, err := f.st.Report(context.Background(), r.ID); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"team", "reporter"} {
		got := f.must(503, "GET", rep, who, nil)
		if e := got.errCode(t); e.Code != CodeUnavailable {
			t.Errorf("view as %s: code %q, want %q", who, e.Code, CodeUnavailable)
		}
		if strings.Contains(string(got.body), r.Title) || strings.Contains(string(got.body), r.Description) {
			t.Errorf("view as %s: the refusal carries the report:\n%s", who, got.body)
		}
	}
	// Signing in is recorded too, so it is refused as well; the page is
	// tried with a session made in the store.
	form := f.send(mustReq(t, "GET", f.http.URL+"/login", ""))
	csrf := cookie(form.header, "assure_csrf")
	req := mustReq(t, "POST", f.http.URL+"/login", url.Values{"login": {"sam"}, "password": {testPassword}, "csrf": {csrf.Value}}.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(csrf)
	if r := f.send(req); r.status != 503 || cookie(r.header, "assure_session") != nil {
		t.Errorf("sign-in the log cannot record: %d, session %v", r.status, cookie(r.header, "assure_session"))
	}
	secret := newSecret()
	if err := f.st.PutSession(context.Background(), store.Session{Hash: hashSecret(secret), AccountID: "sam", CSRF: newSecret(),
		Created: t0, Expires: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	sess := &http.Cookie{Name: "assure_session", Value: secret}
	page := f.send(withCookie(mustReq(t, "GET", fmt.Sprintf("%s/reports/%d", f.http.URL, r.ID), ""), sess))
	if page.status != 503 || strings.Contains(string(page.body), r.Description) {
		t.Errorf("report page without an audit record: %d\n%s", page.status, page.body)
	}

	// A public report is the advisory everyone may read: no record, served.
	pub := f.reportIn("public")
	f.must(200, "GET", fmt.Sprintf("/api/v1/reports/%d", pub.ID), "anon", nil)
}

// TestLoginRateLimitPerClient: one client address that spreads its
// guesses over many logins, each below the per-login limit, is stopped
// after thirty failures in the window, for every login and also with the
// right password, until the window has passed.
func TestLoginRateLimitPerClient(t *testing.T) {
	f := newFixture(t, backends()[0].target(t))
	for i := 0; i < maxFailPerClient; i++ {
		login := fmt.Sprintf("guess-%d", i)
		if i%2 == 0 {
			login = principals[i%len(principals)].id // real logins, wrong password
		}
		f.must(401, "POST", "/api/v1/login", "anon", fmt.Sprintf(`{"login": %q, "password": "wrong password"}`, login))
	}
	r := f.must(429, "POST", "/api/v1/login", "anon", fmt.Sprintf(`{"login": "tess", "password": %q}`, testPassword))
	if r.header.Get("Retry-After") == "" || r.errCode(t).Code != CodeRateLimited {
		t.Fatalf("limited client: %v %s", r.header, r.body)
	}
	f.clock.Add(loginWindow + time.Second)
	f.must(201, "POST", "/api/v1/login", "anon", fmt.Sprintf(`{"login": "tess", "password": %q}`, testPassword))
}
