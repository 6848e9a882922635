package server

import (
	"io/fs"
	"net/http"
	"path"
)

// uiActions are the report actions the detail page posts, each its own
// route, in the order the page shows them.
var uiActions = []string{
	"edit", "start-triage", "triage", "assign", "submit", "accept", "publish",
	"reject", "approve-rejection", "withdraw-rejection", "cve", "fix", "backport",
	"comment", "attach", "collaborator", "embargo",
}

func uiRoutes() []Route {
	pub := func(r Route) Route { r.Public = true; return r }
	rs := []Route{
		pub(ui("GET", "/{$}", "ui.home", (*Server).uiHome)),
		pub(ui("GET", "/login", "ui.login", (*Server).uiLogin)),
		pub(ui("POST", "/login", "ui.loginPost", (*Server).uiLoginPost)),
		ui("POST", "/logout", "ui.logout", (*Server).uiLogout),
		pub(ui("GET", "/setup", "ui.setup", (*Server).uiSetup)),
		pub(ui("POST", "/setup", "ui.setupPost", (*Server).uiSetupPost)),
		ui("GET", "/reports", "ui.inbox", (*Server).uiInbox),
		ui("GET", "/reports/new", "ui.new", (*Server).uiNew),
		ui("POST", "/reports/new", "ui.newPost", (*Server).uiNewPost),
		pub(ui("GET", "/reports/{id}", "ui.report", (*Server).uiReport)),
		ui("GET", "/reports/{id}/attachments/{aid}", "ui.attachment", (*Server).uiAttachment),
		pub(ui("GET", "/reports/{id}/osv.json", "ui.osv", uiExport("osv"))),
		pub(ui("GET", "/reports/{id}/csaf.json", "ui.csaf", uiExport("csaf"))),
		pub(ui("GET", "/advisories", "ui.advisories", (*Server).uiAdvisories)),
		pub(ui("GET", "/advisories.md", "ui.advisoriesMarkdown", (*Server).apiPage)),
		ui("GET", "/account/tokens", "ui.tokens", (*Server).uiTokens),
		ui("POST", "/account/tokens", "ui.tokensPost", (*Server).uiTokensPost),
		ui("POST", "/account/tokens/revoke", "ui.tokenRevoke", (*Server).uiTokenRevoke),
		ui("GET", "/admin/accounts", "ui.accounts", (*Server).uiAccounts),
		ui("POST", "/admin/accounts", "ui.accountsPost", (*Server).uiAccountsPost),
		ui("POST", "/admin/accounts/{account}", "ui.accountPost", (*Server).uiAccountPost),
		ui("GET", "/audit", "ui.audit", (*Server).uiAudit),
		ui("GET", "/changes/{key}", "ui.change", (*Server).uiChange),
		pub(ui("GET", "/static/{file}", "ui.static", (*Server).uiStatic)),
	}
	for _, a := range uiActions {
		r := ui("POST", "/reports/{id}/"+a, "ui.act."+a, uiAct(a))
		r.Upload = a == "attach"
		rs = append(rs, r)
	}
	return rs
}

func (s *Server) uiStatic(c *call) error {
	name := c.r.PathValue("file")
	b, err := fs.ReadFile(staticFS, path.Join("static", path.Base(name)))
	if err != nil {
		return errorf(http.StatusNotFound, "not_found", "", "", "no such file")
	}
	ct := "application/octet-stream"
	switch path.Ext(name) {
	case ".css":
		ct = "text/css; charset=utf-8"
	case ".js":
		ct = "text/javascript; charset=utf-8"
	}
	c.w.Header().Set("Content-Type", ct)
	c.w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = c.w.Write(b) // an error is a client that went away
	return nil
}
