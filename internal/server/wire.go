package server

import (
	"time"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// The API's request and response bodies. The OpenAPI document is generated
// from these types, so what it says is what the server decodes.

// ReportView is a report as one actor may see it. Private is false when
// the actor sees only the advisory fields of a public report: then the
// reporter, discussion, attachments, assignees, rejection and history are
// left out. Allowed lists the actions vuln.Can allows the actor now, so
// clients show only what works.
type ReportView struct {
	vuln.Report
	Key      string        `json:"key"`
	Severity string        `json:"severity"`
	Private  bool          `json:"private"`
	Allowed  []vuln.Action `json:"allowed"`
}

// ReportSummary is one row of a list.
type ReportSummary struct {
	ID         int64      `json:"id"`
	Key        string     `json:"key"`
	Title      string     `json:"title"`
	State      vuln.State `json:"state"`
	Severity   string     `json:"severity"`
	Score      *float64   `json:"score,omitempty"`
	CVE        string     `json:"cve,omitempty"`
	Modules    []string   `json:"modules,omitempty"`
	EmbargoEnd time.Time  `json:"embargo_end"`
	Updated    time.Time  `json:"updated"`
	Version    int64      `json:"version"`
}

// ReportList is a page of reports; Next is the after= of the next page.
type ReportList struct {
	Reports []ReportSummary `json:"reports"`
	Next    int64           `json:"next,omitempty"`
}

// AssignRequest names who works on the fix (may be empty: the maintainers
// of the affected modules pick it up).
type AssignRequest struct {
	Assignees []string `json:"assignees"`
}

// CVERequest records the CVE id.
type CVERequest struct {
	CVE string `json:"cve"`
}

// FixRequest links a fix commit or pull request for a branch.
type FixRequest struct {
	Branch string       `json:"branch"`
	Kind   vuln.FixKind `json:"kind"`
	Ref    string       `json:"ref"`
	URL    string       `json:"url,omitempty"`
}

// CommentRequest adds to the discussion.
type CommentRequest struct {
	Body string `json:"body"`
}

// CollaboratorRequest lets one more account see the report.
type CollaboratorRequest struct {
	Account string `json:"account"`
}

// EmbargoRequest extends the embargo.
type EmbargoRequest struct {
	Days   int    `json:"days"`
	Reason string `json:"reason"`
}

// RejectRequest proposes a rejection with a CVE-criteria reason.
type RejectRequest struct {
	Reason vuln.RejectReason `json:"reason"`
	Note   string            `json:"note,omitempty"`
}

// Empty is the body of a transition that takes no parameters; it may be
// left out.
type Empty struct{}

// AccountView is an account without its password hash.
type AccountView struct {
	ID       string      `json:"id"`
	Login    string      `json:"login"`
	Name     string      `json:"name"`
	Roles    []vuln.Role `json:"roles"`
	Person   string      `json:"person,omitempty"`
	Disabled bool        `json:"disabled"`
	Created  time.Time   `json:"created"`
	Version  int64       `json:"version"`
}

func accountView(a *store.Account) AccountView {
	roles := a.Roles
	if roles == nil {
		roles = []vuln.Role{}
	}
	return AccountView{ID: a.ID, Login: a.Login, Name: a.Name, Roles: roles, Person: a.Person, Disabled: a.Disabled, Created: a.Created, Version: a.Version}
}

// AccountList lists accounts.
type AccountList struct {
	Accounts []AccountView `json:"accounts"`
}

// NewAccountRequest creates an account. Roles are server roles (reporter,
// admin, security-team …); Person links the account to a person of the
// model, whose model roles and modules it then holds too.
type NewAccountRequest struct {
	Login    string      `json:"login"`
	Name     string      `json:"name"`
	Password string      `json:"password"`
	Roles    []vuln.Role `json:"roles"`
	Person   string      `json:"person,omitempty"`
}

// AccountUpdate changes an account; absent fields stay.
type AccountUpdate struct {
	Name     *string      `json:"name,omitempty"`
	Roles    *[]vuln.Role `json:"roles,omitempty"`
	Person   *string      `json:"person,omitempty"`
	Disabled *bool        `json:"disabled,omitempty"`
	Password *string      `json:"password,omitempty"`
}

// Me is the caller: the account and the actor vuln.Can sees.
type Me struct {
	Account AccountView `json:"account"`
	Actor   vuln.Actor  `json:"actor"`
	Scopes  []string    `json:"scopes,omitempty"`
}

// TokenView describes a token; the secret is shown only once, at creation.
type TokenView struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Scopes  []string  `json:"scopes"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
}

// TokenList lists the caller's tokens.
type TokenList struct {
	Tokens []TokenView `json:"tokens"`
}

// NewTokenRequest creates a token for the caller.
type NewTokenRequest struct {
	Name   string   `json:"name"`
	Scopes []string `json:"scopes,omitempty"` // default read, write
	Days   int      `json:"days,omitempty"`   // default 90, at most 365
}

// NewToken is a created token with its secret.
type NewToken struct {
	TokenView
	Token string `json:"token"`
}

// LoginRequest exchanges a login and password for a token (assure vuln
// login); rate limited like the sign-in page.
type LoginRequest struct {
	Login    string   `json:"login"`
	Password string   `json:"password"`
	Name     string   `json:"name,omitempty"`
	Scopes   []string `json:"scopes,omitempty"`
	Days     int      `json:"days,omitempty"`
}

// ChangeView is a change request: the tracker contract of the gate
// (key and state required) plus the review votes the server holds.
type ChangeView struct {
	Key     string       `json:"key"`
	State   string       `json:"state"`
	Title   string       `json:"title,omitempty"`
	URL     string       `json:"url,omitempty"`
	Kind    string       `json:"kind,omitempty"`
	Pull    int64        `json:"pull,omitempty"`
	Head    string       `json:"head_sha,omitempty"`
	Commits []string     `json:"commits,omitempty"`
	Votes   []store.Vote `json:"votes,omitempty"`
	Version int64        `json:"version"`
}

// ChangeList lists change requests.
type ChangeList struct {
	Changes []ChangeView `json:"changes"`
}

// ChangeRequest records a change request or changes its state.
type ChangeRequest struct {
	Title   string   `json:"title"`
	State   string   `json:"state"`
	URL     string   `json:"url,omitempty"`
	Kind    string   `json:"kind,omitempty"`
	Pull    int64    `json:"pull,omitempty"`
	Head    string   `json:"head_sha,omitempty"`
	Commits []string `json:"commits,omitempty"`
}

// VoteRequest is a review vote on a commit of the change request.
type VoteRequest struct {
	Commit string `json:"commit"`
	Vote   string `json:"vote"` // approve, reject, dismiss
}

// AuditPage is a page of the audit log.
type AuditPage struct {
	Records []audit.Record `json:"records"`
	Next    int64          `json:"next,omitempty"`
}

// AuditVerification is the outcome of verifying the audit log.
type AuditVerification struct {
	Intact      bool     `json:"intact"`
	Records     int64    `json:"records"`
	Checkpoints int64    `json:"checkpoints"`
	Root        string   `json:"root,omitempty"`
	Problems    []string `json:"problems,omitempty"`
}

// Health is the answer of /healthz.
type Health struct {
	Status string `json:"status"`
	Store  string `json:"store"`
}
