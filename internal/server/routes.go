package server

import (
	"net/http"
	"time"

	"github.com/assure-dev/assure/internal/vuln"
)

// Route is one endpoint. The route list is the single source of the mux,
// the OpenAPI document and the authorisation matrix test, so an endpoint
// cannot exist without being described and tested.
type Route struct {
	Method string
	Path   string // a net/http pattern path: /api/v1/reports/{id}
	Name   string // unique; the OpenAPI operationId
	// Summary says what it does, for the OpenAPI document.
	Summary string
	// API routes speak JSON and authenticate by bearer token; the others
	// are the web UI, authenticated by session cookie.
	API bool
	// Public routes serve anonymous callers too (what they see is still
	// decided by vuln.Can); the others need an account.
	Public bool
	// Scope is the token scope an API route needs.
	Scope string
	// Request is the JSON body type; RawBody the media type of a raw body.
	Request any
	RawBody string
	// Response is the JSON answer type (nil for non-JSON answers);
	// ResponseType the media type of a non-JSON answer.
	Response     any
	ResponseType string
	Status       int      // the success status
	Query        []string // query parameters, "name: description"
	// Upload marks a UI form that carries a file: its body may be as large
	// as an attachment, else forms are limited to MaxFormBody.
	Upload bool
	h      func(*Server, *call) error
}

func api(method, path, name, summary, scope string, req, resp any, h func(*Server, *call) error) Route {
	return Route{Method: method, Path: path, Name: name, Summary: summary, API: true, Scope: scope, Request: req, Response: resp, Status: http.StatusOK, h: h}
}

// created marks a route that answers 201 Created.
func created(r Route) Route { r.Status = http.StatusCreated; return r }

func public(r Route) Route { r.Public = true; return r }

func query(r Route, params ...string) Route { r.Query = params; return r }

func ui(method, path, name string, h func(*Server, *call) error) Route {
	return Route{Method: method, Path: path, Name: name, Status: http.StatusOK, ResponseType: "text/html", h: h}
}

// Routes lists every endpoint of the server.
func Routes() []Route {
	rep := "/api/v1/reports/{id}"
	attach := created(api("POST", rep+"/attachments", "addAttachment", "attach a file (raw body; ?name= the file name, Content-Type its media type)", ScopeWrite, nil, vuln.Attachment{}, (*Server).apiAttach))
	attach.RawBody = "application/octet-stream"
	attach.Query = []string{"name: the file's name"}
	download := api("GET", rep+"/attachments/{aid}", "getAttachment", "download an attachment", ScopeRead, nil, nil, (*Server).apiAttachment)
	download.ResponseType = "application/octet-stream"
	page := public(api("GET", "/api/v1/advisories.md", "vulnerabilitiesPage", "the vulnerabilities page (Markdown) of public reports", ScopeRead, nil, nil, (*Server).apiPage))
	page.ResponseType = "text/markdown"
	osv := public(api("GET", rep+"/osv", "exportOSV", "the report as an OSV record", ScopeRead, nil, nil, (*Server).apiOSV))
	osv.ResponseType = "application/json"
	csaf := public(api("GET", rep+"/csaf", "exportCSAF", "the report as a CSAF 2.0 security advisory", ScopeRead, nil, nil, (*Server).apiCSAF))
	csaf.ResponseType = "application/json"
	reviews := api("GET", "/api/v1/reviews", "reviewExport", "review votes of every change request, as the GitHub reviews export assure check --reviews reads", ScopeRead, nil, nil, (*Server).apiReviews)
	reviews.ResponseType = "application/json"
	spec := public(api("GET", "/api/openapi.json", "openapi", "this API's OpenAPI 3.1 document", "", nil, nil, (*Server).apiOpenAPI))
	spec.ResponseType = "application/json"

	routes := []Route{
		spec,
		public(api("GET", "/healthz", "health", "liveness: the store answers", "", nil, Health{}, (*Server).apiHealth)),
		public(query(api("GET", "/api/v1/cvss", "scoreCVSS", "score a CVSS v3.1 or v4.0 vector (the UI's live calculator)", "", nil, vuln.CVSS{}, (*Server).apiCVSS), "vector: the CVSS vector")),
		created(public(api("POST", "/api/v1/login", "login", "exchange a login and password for an API token (rate limited)", "", LoginRequest{}, NewToken{}, (*Server).apiLogin))),
		api("GET", "/api/v1/me", "me", "the caller's account and roles", ScopeRead, nil, Me{}, (*Server).apiMe),

		public(query(api("GET", "/api/v1/reports", "listReports", "reports the caller may see, filtered", ScopeRead, nil, ReportList{}, (*Server).apiList),
			"state: comma-separated states", "severity: unknown, low, medium, high, critical or none", "module: a module id",
			"ending_within: open reports whose embargo ends within this many days", "reporter: an account id", "after: the next value of the previous page", "limit: 1..200 (default 50)")),
		created(api("POST", "/api/v1/reports", "createReport", "file a new report (private; embargo starts)", ScopeWrite, vuln.Intake{}, ReportView{}, (*Server).apiCreate)),
		public(api("GET", rep, "getReport", "one report, as much of it as the caller may see", ScopeRead, nil, ReportView{}, (*Server).apiGet)),
		api("PATCH", rep, "editReport", "change title, description or the reporter's severity", ScopeWrite, vuln.Edit{}, ReportView{}, (*Server).apiEdit),
		api("POST", rep+"/start-triage", "startTriage", "New → Triage", ScopeWrite, Empty{}, ReportView{}, transition(vuln.ActionStartTriage)),
		api("POST", rep+"/triage", "triage", "record CVSS, STRIDE, affected modules and releases, workaround", ScopeWrite, vuln.Triage{}, ReportView{}, (*Server).apiTriage),
		api("POST", rep+"/assign", "assign", "Triage/Review → Assigned", ScopeWrite, AssignRequest{}, ReportView{}, (*Server).apiAssign),
		api("POST", rep+"/submit", "submit", "Assigned → Review (a fix is linked)", ScopeWrite, Empty{}, ReportView{}, transition(vuln.ActionSubmit)),
		api("POST", rep+"/accept", "accept", "Review → Accepted (the CVE id is recorded)", ScopeWrite, Empty{}, ReportView{}, transition(vuln.ActionAccept)),
		api("POST", rep+"/publish", "publish", "Accepted → Public", ScopeWrite, Empty{}, ReportView{}, transition(vuln.ActionPublish)),
		api("POST", rep+"/rejection", "proposeRejection", "propose a rejection with a CVE-criteria reason", ScopeWrite, RejectRequest{}, ReportView{}, (*Server).apiPropose),
		api("POST", rep+"/rejection/approve", "approveRejection", "a second member of the security team rejects the report", ScopeWrite, Empty{}, ReportView{}, transition(vuln.ActionApproveRejection)),
		api("POST", rep+"/rejection/withdraw", "withdrawRejection", "drop a proposed rejection", ScopeWrite, Empty{}, ReportView{}, transition(vuln.ActionWithdrawRejection)),
		api("POST", rep+"/cve", "setCVE", "record the CVE id", ScopeWrite, CVERequest{}, ReportView{}, (*Server).apiCVE),
		api("POST", rep+"/fixes", "linkFix", "link a fix commit or pull request for a branch", ScopeWrite, FixRequest{}, ReportView{}, (*Server).apiFix),
		api("POST", rep+"/backports", "setBackport", "set the backport status of a maintained branch", ScopeWrite, vuln.BackportUpdate{}, ReportView{}, (*Server).apiBackport),
		created(api("POST", rep+"/comments", "addComment", "add a comment", ScopeWrite, CommentRequest{}, ReportView{}, (*Server).apiComment)),
		attach,
		download,
		api("POST", rep+"/collaborators", "addCollaborator", "let one more account see the report", ScopeWrite, CollaboratorRequest{}, ReportView{}, (*Server).apiCollaborator),
		api("POST", rep+"/embargo", "extendEmbargo", "extend the embargo by days, with a reason", ScopeWrite, EmbargoRequest{}, ReportView{}, (*Server).apiEmbargo),
		osv, csaf, page,

		api("GET", "/api/v1/accounts", "listAccounts", "every account (admins)", ScopeAdmin, nil, AccountList{}, (*Server).apiAccounts),
		created(api("POST", "/api/v1/accounts", "createAccount", "create an account (admins)", ScopeAdmin, NewAccountRequest{}, AccountView{}, (*Server).apiCreateAccount)),
		api("PATCH", "/api/v1/accounts/{account}", "updateAccount", "change roles, person, name, password or disable (admins)", ScopeAdmin, AccountUpdate{}, AccountView{}, (*Server).apiUpdateAccount),
		api("GET", "/api/v1/tokens", "listTokens", "the caller's API tokens", ScopeRead, nil, TokenList{}, (*Server).apiTokens),
		created(api("POST", "/api/v1/tokens", "createToken", "create an API token for the caller", ScopeWrite, NewTokenRequest{}, NewToken{}, (*Server).apiCreateToken)),
		api("DELETE", "/api/v1/tokens/{token}", "revokeToken", "revoke one of the caller's tokens", ScopeWrite, nil, Empty{}, (*Server).apiRevokeToken),

		query(api("GET", "/api/v1/audit", "auditLog", "records of the audit log (admins, security team)", ScopeRead, nil, AuditPage{}, (*Server).apiAudit), "from: first record index", "limit: 1..1000 (default 100)"),
		api("GET", "/api/v1/audit/verify", "verifyAudit", "verify the audit log against its signed checkpoints", ScopeRead, nil, AuditVerification{}, (*Server).apiVerify),

		api("GET", "/api/v1/changes", "listChanges", "change requests", ScopeRead, nil, ChangeList{}, (*Server).apiChanges),
		api("GET", "/api/v1/changes/{key}", "getChange", "one change request (the gate's tracker contract)", ScopeRead, nil, ChangeView{}, (*Server).apiChange),
		api("PUT", "/api/v1/changes/{key}", "putChange", "record a change request or its new state", ScopeWrite, ChangeRequest{}, ChangeView{}, (*Server).apiPutChange),
		created(api("POST", "/api/v1/changes/{key}/votes", "addVote", "a review vote on a commit of the change request", ScopeWrite, VoteRequest{}, ChangeView{}, (*Server).apiVote)),
		reviews,
	}
	return append(routes, uiRoutes()...)
}

// transition is the handler of an action that takes no parameters.
func transition(a vuln.Action) func(*Server, *call) error {
	return func(s *Server, c *call) error {
		if err := decodeOptional(c, &Empty{}); err != nil {
			return err
		}
		return s.apply(c, func(r *vuln.Report) (extra, error) {
			return extra{}, doTransition(r, c.actor, a, c.now)
		})
	}
}

func doTransition(r *vuln.Report, a vuln.Actor, act vuln.Action, now time.Time) error {
	switch act {
	case vuln.ActionStartTriage:
		return r.StartTriage(a, now)
	case vuln.ActionSubmit:
		return r.Submit(a, now)
	case vuln.ActionAccept:
		return r.Accept(a, now)
	case vuln.ActionPublish:
		return r.Publish(a, now)
	case vuln.ActionApproveRejection:
		return r.ApproveRejection(a, now)
	case vuln.ActionWithdrawRejection:
		return r.WithdrawRejection(a, now)
	}
	return &vuln.Error{Code: vuln.CodeForbidden, Msg: "unknown transition " + string(act)}
}
