package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// accessMatrix reads vuln's access matrix (the policy written from
// docs/server.md): for "action state", the principals allowed.
func accessMatrix(t *testing.T) map[string][]string {
	t.Helper()
	fh, err := os.Open("../vuln/testdata/access.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, list, _ := strings.Cut(line, ":")
		who := strings.Fields(list)
		if len(who) == 1 && who[0] == "-" {
			who = nil
		}
		out[strings.Join(strings.Fields(head), " ")] = who
	}
	return out
}

// row says, for one route, which state the report it acts on is in, who
// may use it (an action of the access matrix, or a list), and how to call
// it.
type row struct {
	state  string // "" when the route needs no report; see matrixReport
	action vuln.Action
	allow  string // when action is "": principals allowed, "*" for everyone, "accounts" for every account, "-" for no one
	path   string // %d is the report id
	body   any    // JSON body (API) or url.Values (UI forms)
}

var everyone = "anon reporter other collab maint maint-other rm rm-other architect team team2 admin"
var accounts = strings.TrimPrefix(everyone, "anon ")

const fixCommit = "0123456789abcdef0123456789abcdef01234567"

// matrix has a row for every route, by name. A route without a row fails
// TestAuthorizationMatrix.
func matrix() map[string]row {
	rep := "/api/v1/reports/%d"
	ui := "/reports/%d"
	m := map[string]row{
		"openapi":             {allow: "*", path: "/api/openapi.json"},
		"health":              {allow: "*", path: "/healthz"},
		"scoreCVSS":           {allow: "*", path: "/api/v1/cvss?vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		"login":               {allow: "*", path: "/api/v1/login"},
		"me":                  {allow: "accounts", path: "/api/v1/me"},
		"listReports":         {allow: "*", path: "/api/v1/reports"},
		"createReport":        {action: vuln.ActionCreate, path: "/api/v1/reports", body: map[string]any{"title": "t", "description": "d"}},
		"getReport":           {state: "new", action: vuln.ActionView, path: rep},
		"editReport":          {state: "new", action: vuln.ActionEdit, path: rep, body: map[string]any{"title": "new title"}},
		"startTriage":         {state: "new", action: vuln.ActionStartTriage, path: rep + "/start-triage"},
		"triage":              {state: "triage", action: vuln.ActionTriage, path: rep + "/triage", body: map[string]any{"workaround": "none"}},
		"assign":              {state: "triage", action: vuln.ActionAssign, path: rep + "/assign", body: map[string]any{"assignees": []string{"mia"}}},
		"submit":              {state: "assigned+fix", action: vuln.ActionSubmit, path: rep + "/submit"},
		"accept":              {state: "review+cve", action: vuln.ActionAccept, path: rep + "/accept"},
		"publish":             {state: "accepted", action: vuln.ActionPublish, path: rep + "/publish"},
		"proposeRejection":    {state: "triage", action: vuln.ActionProposeRejection, path: rep + "/rejection", body: map[string]any{"reason": "theoretical"}},
		"approveRejection":    {state: "triage-pending", action: vuln.ActionApproveRejection, path: rep + "/rejection/approve"},
		"withdrawRejection":   {state: "triage-pending", action: vuln.ActionWithdrawRejection, path: rep + "/rejection/withdraw"},
		"setCVE":              {state: "review", action: vuln.ActionSetCVE, path: rep + "/cve", body: map[string]any{"cve": "CVE-2026-4242"}},
		"linkFix":             {state: "assigned", action: vuln.ActionLinkFix, path: rep + "/fixes", body: map[string]any{"branch": "main", "kind": "pull", "ref": "77"}},
		"setBackport":         {state: "assigned", action: vuln.ActionSetBackport, path: rep + "/backports", body: map[string]any{"branch": "v4.0-branch", "status": "in-progress"}},
		"addComment":          {state: "triage", action: vuln.ActionComment, path: rep + "/comments", body: map[string]any{"body": "hello"}},
		"addAttachment":       {state: "triage", action: vuln.ActionAttach, path: rep + "/attachments?name=poc.txt"},
		"getAttachment":       {state: "triage+attachment", action: vuln.ActionViewPrivate, path: rep + "/attachments/1"},
		"addCollaborator":     {state: "new", action: vuln.ActionAddCollaborator, path: rep + "/collaborators", body: map[string]any{"account": "otto"}},
		"extendEmbargo":       {state: "triage", action: vuln.ActionExtendEmbargo, path: rep + "/embargo", body: map[string]any{"days": 10, "reason": "vendor needs time"}},
		"exportOSV":           {state: "review", action: vuln.ActionExport, path: rep + "/osv"},
		"exportCSAF":          {state: "review", action: vuln.ActionExport, path: rep + "/csaf"},
		"vulnerabilitiesPage": {allow: "*", path: "/api/v1/advisories.md"},
		"listAccounts":        {action: vuln.ActionManageAccounts, path: "/api/v1/accounts"},
		"createAccount":       {action: vuln.ActionManageAccounts, path: "/api/v1/accounts", body: "new-account"},
		"updateAccount":       {action: vuln.ActionManageAccounts, path: "/api/v1/accounts/otto", body: map[string]any{"name": "Otto O."}},
		"listTokens":          {action: vuln.ActionManageTokens, path: "/api/v1/tokens"},
		"createToken":         {action: vuln.ActionManageTokens, path: "/api/v1/tokens", body: map[string]any{"name": "ci"}},
		"revokeToken":         {action: vuln.ActionManageTokens, path: "/api/v1/tokens/SPARE"},
		"auditLog":            {action: vuln.ActionViewAudit, path: "/api/v1/audit"},
		"verifyAudit":         {action: vuln.ActionViewAudit, path: "/api/v1/audit/verify"},
		"listChanges":         {action: vuln.ActionReadChanges, path: "/api/v1/changes"},
		"getChange":           {action: vuln.ActionReadChanges, path: "/api/v1/changes/CR-1"},
		"putChange":           {action: vuln.ActionWriteChanges, path: "/api/v1/changes/CR-2", body: map[string]any{"title": "fix", "state": "open"}},
		"addVote":             {action: vuln.ActionReviewVote, path: "/api/v1/changes/CR-1/votes", body: map[string]any{"commit": fixCommit, "vote": "approve"}},
		"reviewExport":        {action: vuln.ActionReadChanges, path: "/api/v1/reviews"},

		"ui.home":               {allow: "*", path: "/"},
		"ui.login":              {allow: "*", path: "/login"},
		"ui.loginPost":          {allow: "*", path: "/login", body: url.Values{}},
		"ui.logout":             {allow: "accounts", path: "/logout", body: url.Values{}},
		"ui.setup":              {allow: "-", path: "/setup?token=guess"},
		"ui.setupPost":          {allow: "-", path: "/setup", body: url.Values{"token": {"guess"}, "login": {"eve"}, "password": {"0123456789ab"}, "password2": {"0123456789ab"}}},
		"ui.inbox":              {allow: "accounts", path: "/reports"},
		"ui.new":                {action: vuln.ActionCreate, path: "/reports/new"},
		"ui.newPost":            {action: vuln.ActionCreate, path: "/reports/new", body: url.Values{"title": {"t"}, "description": {"d"}}},
		"ui.report":             {state: "new", action: vuln.ActionView, path: ui},
		"ui.attachment":         {state: "triage+attachment", action: vuln.ActionViewPrivate, path: ui + "/attachments/1"},
		"ui.osv":                {state: "review", action: vuln.ActionExport, path: ui + "/osv.json"},
		"ui.csaf":               {state: "review", action: vuln.ActionExport, path: ui + "/csaf.json"},
		"ui.advisories":         {allow: "*", path: "/advisories"},
		"ui.advisoriesMarkdown": {allow: "*", path: "/advisories.md"},
		"ui.tokens":             {action: vuln.ActionManageTokens, path: "/account/tokens"},
		"ui.tokensPost":         {action: vuln.ActionManageTokens, path: "/account/tokens", body: url.Values{"name": {"ci"}, "scopes": {"read"}}},
		"ui.tokenRevoke":        {action: vuln.ActionManageTokens, path: "/account/tokens/revoke", body: url.Values{"id": {"SPARE"}}},
		"ui.accounts":           {action: vuln.ActionManageAccounts, path: "/admin/accounts"},
		"ui.accountsPost":       {action: vuln.ActionManageAccounts, path: "/admin/accounts", body: "new-account"},
		"ui.accountPost":        {action: vuln.ActionManageAccounts, path: "/admin/accounts/otto", body: url.Values{"roles": {"reporter"}}},
		"ui.audit":              {action: vuln.ActionViewAudit, path: "/audit"},
		"ui.change":             {action: vuln.ActionReadChanges, path: "/changes/CR-1"},
		"ui.static":             {allow: "*", path: "/static/style.css"},
	}
	// The UI's action forms are decided like the API's actions.
	uiForm := map[string]row{
		"edit":               {state: "new", action: vuln.ActionEdit, body: url.Values{"title": {"new title"}}},
		"start-triage":       {state: "new", action: vuln.ActionStartTriage},
		"triage":             {state: "triage", action: vuln.ActionTriage, body: url.Values{"workaround": {"none"}}},
		"assign":             {state: "triage", action: vuln.ActionAssign},
		"submit":             {state: "assigned+fix", action: vuln.ActionSubmit},
		"accept":             {state: "review+cve", action: vuln.ActionAccept},
		"publish":            {state: "accepted", action: vuln.ActionPublish},
		"reject":             {state: "triage", action: vuln.ActionProposeRejection, body: url.Values{"reason": {"theoretical"}}},
		"approve-rejection":  {state: "triage-pending", action: vuln.ActionApproveRejection},
		"withdraw-rejection": {state: "triage-pending", action: vuln.ActionWithdrawRejection},
		"cve":                {state: "review", action: vuln.ActionSetCVE, body: url.Values{"cve": {"CVE-2026-4242"}}},
		"fix":                {state: "assigned", action: vuln.ActionLinkFix, body: url.Values{"branch": {"main"}, "kind": {"pull"}, "ref": {"77"}}},
		"backport":           {state: "assigned", action: vuln.ActionSetBackport, body: url.Values{"branch": {"v4.0-branch"}, "status": {"in-progress"}}},
		"comment":            {state: "triage", action: vuln.ActionComment, body: url.Values{"body": {"hello"}}},
		"attach":             {state: "triage", action: vuln.ActionAttach, body: "file"},
		"collaborator":       {state: "new", action: vuln.ActionAddCollaborator, body: url.Values{"account": {"otto"}}},
		"embargo":            {state: "triage", action: vuln.ActionExtendEmbargo, body: url.Values{"days": {"10"}, "reason": {"vendor"}}},
	}
	for a, r := range uiForm {
		r.path = fmt.Sprintf("/reports/%%d/%s", a)
		if r.body == nil {
			r.body = url.Values{}
		}
		m["ui.act."+a] = r
	}
	return m
}

// allowedBy lists who may use a route whose report is in state.
func (r row) allowedBy(t *testing.T, acc map[string][]string) []string {
	t.Helper()
	if r.action == "" {
		switch r.allow {
		case "*":
			return strings.Fields(everyone)
		case "accounts":
			return strings.Fields(accounts)
		case "-":
			return nil
		}
		return strings.Fields(r.allow)
	}
	st := strings.Split(r.state, "+")[0]
	if st == "" {
		st = "*"
	}
	who, ok := acc[string(r.action)+" "+st]
	if !ok {
		t.Fatalf("access.txt has no line for %s %s", r.action, st)
	}
	return who
}

// matrixReport stores a report in a state of the matrix: access.txt's
// states, plus assigned with a fix linked, review with a CVE, and triage
// with an attachment, so the action under test can succeed.
func (f *fixture) matrixReport(state string) *vuln.Report {
	f.t.Helper()
	base, extra, _ := strings.Cut(state, "+")
	r := f.reportIn(base)
	team, now, ctx := f.actor("team"), f.clock.Now(), context.Background()
	var err error
	x := store.Extra{}
	switch extra {
	case "":
		return r
	case "fix":
		err = r.LinkFix(team, vuln.Fix{Branch: "main", Kind: vuln.FixCommit, Ref: fixCommit}, f.srv.env(), now)
	case "cve":
		err = r.SetCVE(team, "CVE-2026-1111", now)
	case "attachment":
		var a vuln.Attachment
		a, err = r.Attach(team, "poc.txt", "text/plain", []byte("proof"), f.srv.cfg.Vuln, now)
		x.Blobs = map[string][]byte{a.ID: []byte("proof")}
	}
	if err == nil {
		err = f.st.UpdateReport(ctx, r, x)
	}
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// TestAuthorizationMatrix calls every route as every principal and holds
// the answers to the access policy: an allowed principal succeeds, every
// other one is refused (401, 403 or 404; a browser without a session is
// sent to the sign-in page). The rows are looked up from the route list,
// so a new route without a row fails here.
func TestAuthorizationMatrix(t *testing.T) {
	acc := accessMatrix(t)
	rows := matrix()
	for _, rt := range Routes() {
		if _, ok := rows[rt.Name]; !ok {
			t.Errorf("route %s %s (%s) has no row in the authorisation matrix", rt.Method, rt.Path, rt.Name)
		}
	}
	for name := range rows {
		if !slices.ContainsFunc(Routes(), func(r Route) bool { return r.Name == name }) {
			t.Errorf("matrix row %s names no route", name)
		}
	}
	if t.Failed() {
		return
	}
	eachFast(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(f.st.PutChange(ctx, &store.Change{Key: "CR-1", Title: "fix net", State: "open", Pull: 7, Head: fixCommit, Created: t0, Updated: t0}))
		sessions := f.sessions()
		shared := map[string]*vuln.Report{}
		for _, rt := range Routes() {
			rw := rows[rt.Name]
			allowed := rw.allowedBy(t, acc)
			for _, p := range append([]string{"anon"}, strings.Fields(accounts)...) {
				path := rw.path
				if rw.state != "" {
					var r *vuln.Report
					if rt.Method == http.MethodGet {
						if shared[rw.state] == nil {
							shared[rw.state] = f.matrixReport(rw.state)
						}
						r = shared[rw.state]
					} else {
						r = f.matrixReport(rw.state)
					}
					path = fmt.Sprintf(path, r.ID)
				}
				body := rw.body
				if i := strings.Index(path, "SPARE"); i >= 0 { // a token to revoke, made per call
					path = path[:i] + f.spareToken(p) + path[i+len("SPARE"):]
				}
				if v, ok := body.(url.Values); ok && v.Get("id") == "SPARE" {
					body = url.Values{"id": {f.spareToken(p)}}
				}
				var res resp
				if rt.API {
					res = f.apiCall(rt, p, path, body)
				} else {
					se := sessions[p]
					if rt.Name == "ui.logout" && p != "anon" {
						se = f.session(p) // signing out ends the session
					}
					res = f.uiCall(rt, p, se, path, body)
				}
				want := slices.Contains(allowed, p)
				got, refused := outcome(res)
				if !got && !refused {
					t.Errorf("%s %s as %s: %d, neither success nor refusal\n%s", rt.Method, path, p, res.status, clipText(string(res.body), 300))
					continue
				}
				if got != want {
					t.Errorf("%s %s (%s) as %s: %d, want allowed=%v\n%s", rt.Method, path, rt.Name, p, res.status, want, clipText(string(res.body), 300))
				}
			}
		}
	}, func(c *Config) { c.SetupToken = "" })
}

// outcome classifies an answer: success (2xx, or a redirect other than to
// the sign-in page) or refusal (401, 403, 404, or the sign-in redirect).
func outcome(r resp) (ok, refused bool) {
	switch {
	case r.status >= 200 && r.status < 300:
		return true, false
	case r.status == http.StatusSeeOther || r.status == http.StatusFound:
		if strings.HasPrefix(r.header.Get("Location"), "/login?next=") {
			return false, true
		}
		return true, false
	case r.status == 401 || r.status == 403 || r.status == 404:
		return false, true
	}
	return false, false
}

// spareToken makes a token for p to revoke (an unknown one for anon).
func (f *fixture) spareToken(p string) string {
	if p == "anon" {
		return hashSecret("nothing")
	}
	h := hashSecret(newSecret())
	if err := f.st.PutToken(context.Background(), store.Token{Hash: h, AccountID: f.ids[p], Name: "spare", Scopes: []string{ScopeRead}, Created: t0, Expires: t0.AddDate(0, 1, 0)}); err != nil {
		f.t.Fatal(err)
	}
	return h
}

var uniq int

func (f *fixture) apiCall(rt Route, p, path string, body any) resp {
	switch b := body.(type) {
	case string: // a body made per call
		uniq++
		body = map[string]any{"login": fmt.Sprintf("new%d", uniq), "password": testPassword, "roles": []string{"reporter"}}
		_ = b
	}
	if rt.Name == "login" {
		login := f.ids[p]
		if p == "anon" {
			login = "rita"
		}
		body = map[string]any{"login": login, "password": testPassword}
	}
	if rt.Name == "addAttachment" {
		return f.do(rt.Method, path, p, []byte("proof of concept"), "Content-Type", "text/plain")
	}
	return f.do(rt.Method, path, p, body)
}

// sessions signs every principal in with a session of known CSRF token.
func (f *fixture) sessions() map[string]store.Session {
	out := map[string]store.Session{}
	for _, p := range principals {
		out[p.name] = f.session(p.name)
	}
	return out
}

// session signs principal p in; the returned Hash is the cookie value.
func (f *fixture) session(p string) store.Session {
	secret := newSecret()
	se := store.Session{Hash: hashSecret(secret), AccountID: f.ids[p], CSRF: "csrf-" + f.ids[p], Created: t0, Expires: t0.AddDate(0, 0, 1)}
	if err := f.st.PutSession(context.Background(), se); err != nil {
		f.t.Fatal(err)
	}
	se.Hash = secret
	return se
}

// uiCall sends a browser request: the session cookie, and for forms the
// CSRF token (the double-submit cookie for anon).
func (f *fixture) uiCall(rt Route, p string, se store.Session, path string, body any) resp {
	f.t.Helper()
	var rd *bytes.Reader
	ct := ""
	csrf := se.CSRF
	if p == "anon" {
		csrf = strings.Repeat("a", 43)
	}
	if rt.Method == http.MethodPost {
		vals := url.Values{}
		switch b := body.(type) {
		case url.Values:
			for k, v := range b {
				vals[k] = v
			}
		case string:
			if b == "new-account" {
				uniq++
				vals = url.Values{"login": {fmt.Sprintf("ui%d", uniq)}, "password": {testPassword}, "roles": {"reporter"}}
			}
		}
		if rt.Name == "ui.loginPost" {
			login := f.ids[p]
			if p == "anon" {
				login = "rita"
			}
			vals = url.Values{"login": {login}, "password": {testPassword}}
		}
		vals.Set("csrf", csrf)
		if body == "file" {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			for k, v := range vals {
				mw.WriteField(k, v[0])
			}
			fw, _ := mw.CreateFormFile("file", "poc.txt")
			fw.Write([]byte("proof"))
			mw.Close()
			rd, ct = bytes.NewReader(buf.Bytes()), mw.FormDataContentType()
		} else {
			rd, ct = bytes.NewReader([]byte(vals.Encode())), "application/x-www-form-urlencoded"
		}
	}
	var req *http.Request
	var err error
	if rd != nil {
		req, err = http.NewRequest(rt.Method, f.http.URL+path, rd)
	} else {
		req, err = http.NewRequest(rt.Method, f.http.URL+path, nil)
	}
	if err != nil {
		f.t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if p == "anon" {
		req.AddCookie(&http.Cookie{Name: "assure_csrf", Value: csrf})
	} else {
		req.AddCookie(&http.Cookie{Name: "assure_session", Value: se.Hash})
	}
	return f.send(req)
}

// send does a request without following redirects.
func (f *fixture) send(req *http.Request) resp {
	f.t.Helper()
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := cl.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: buf.Bytes()}
}
