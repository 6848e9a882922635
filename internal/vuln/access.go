package vuln

import "slices"

// Action is something an actor asks to do. Global actions take no report;
// the others are about one report.
type Action string

// Global actions (Can with a nil report).
const (
	ActionCreate         Action = "create"          // file a new report
	ActionList           Action = "list"            // list reports; each row still needs ActionView
	ActionManageAccounts Action = "manage-accounts" // create accounts, change roles, revoke tokens
	ActionViewAudit      Action = "view-audit"      // read and verify the audit log
	ActionManageTokens   Action = "manage-tokens"   // create, list and revoke one's own API tokens
	ActionReadChanges    Action = "read-changes"    // read change requests (the gate's tracker)
	ActionWriteChanges   Action = "write-changes"   // record change requests and their state
	ActionReviewVote     Action = "review-vote"     // approve or reject a change request's commits
)

// Report actions.
const (
	ActionView              Action = "view"               // title, state, public fields
	ActionViewPrivate       Action = "view-private"       // description, comments, attachments, history, reporter
	ActionComment           Action = "comment"            // add a comment
	ActionAttach            Action = "attach"             // add an attachment
	ActionEdit              Action = "edit"               // title, description, reporter's severity
	ActionStartTriage       Action = "start-triage"       // New → Triage
	ActionTriage            Action = "triage"             // CVSS, STRIDE, modules, releases, workaround
	ActionAssign            Action = "assign"             // Triage/Review → Assigned
	ActionSubmit            Action = "submit"             // Assigned → Review
	ActionAccept            Action = "accept"             // Review → Accepted
	ActionPublish           Action = "publish"            // Accepted → Public
	ActionProposeRejection  Action = "propose-rejection"  // first person of the rejection
	ActionApproveRejection  Action = "approve-rejection"  // second person: Triage/Review → Rejected
	ActionWithdrawRejection Action = "withdraw-rejection" // drop a pending proposal
	ActionSetCVE            Action = "set-cve"            // record the CVE id
	ActionLinkFix           Action = "link-fix"           // add a fix commit or pull request for a branch
	ActionSetBackport       Action = "set-backport"       // backport status of a maintained branch
	ActionExtendEmbargo     Action = "extend-embargo"     // move the end of the embargo, with a reason
	ActionAddCollaborator   Action = "add-collaborator"   // let one more account see the report
	ActionExport            Action = "export"             // OSV, CSAF, vulnerabilities page
)

// GlobalActions lists the actions Can answers without a report.
func GlobalActions() []Action {
	return []Action{ActionCreate, ActionList, ActionManageAccounts, ActionViewAudit,
		ActionManageTokens, ActionReadChanges, ActionWriteChanges, ActionReviewVote}
}

// ReportActions lists the actions about one report.
func ReportActions() []Action {
	return []Action{ActionView, ActionViewPrivate, ActionComment, ActionAttach, ActionEdit,
		ActionStartTriage, ActionTriage, ActionAssign, ActionSubmit, ActionAccept, ActionPublish,
		ActionProposeRejection, ActionApproveRejection, ActionWithdrawRejection, ActionSetCVE,
		ActionLinkFix, ActionSetBackport, ActionExtendEmbargo, ActionAddCollaborator, ActionExport}
}

// Reason says why Can decided as it did. Code is "" when allowed, else one
// of CodeHidden, CodeForbidden, CodeState.
type Reason struct {
	Code string
	Text string
}

func (r Reason) String() string { return r.Text }

func allow(why string) (bool, Reason) { return true, Reason{Text: why} }

func deny(code, why string) (bool, Reason) { return false, Reason{Code: code, Text: why} }

// relation is how an actor stands to one report.
type relation struct {
	team, reporter, collaborator, maintainer, architect, releaseManager bool
}

func (x relation) involved() bool {
	return x.team || x.reporter || x.collaborator || x.maintainer || x.architect || x.releaseManager
}

func relate(a Actor, r *Report) relation {
	var x relation
	x.team = a.Has(RoleSecurityTeam)
	if a.ID == "" {
		return relation{}
	}
	x.reporter = r.Reporter == a.ID
	x.collaborator = slices.Contains(r.Collaborators, a.ID)
	// Maintainers and release managers see a report only once the security
	// team has triaged and assigned it: before that its modules and releases
	// are the reporter's guess, and a wrong guess must not leak it.
	assigned := r.AssignedAt != nil
	x.maintainer = a.Has(RoleMaintainer) && assigned && overlaps(a.Modules, r.Modules)
	x.releaseManager = a.Has(RoleReleaseManager) && assigned && overlaps(a.Releases, r.Releases)
	// A module's security architect advises from triage on, when the
	// security team has named the modules.
	x.architect = a.Has(RoleSecurityArchitect) && r.State != StateNew && overlaps(a.ArchitectOf, r.Modules)
	return x
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// Can decides whether actor a may do action on report r (nil for the
// global actions). It is a pure function of its arguments, and the single
// place access is decided: operations call it, the HTTP layer calls it on
// every request, UIs call it to show only the buttons that work. Anything it
// does not know is denied.
func Can(a Actor, action Action, r *Report) (bool, Reason) {
	switch action {
	case ActionCreate:
		if a.ID != "" && (a.Has(RoleReporter) || a.Has(RoleSecurityTeam)) {
			return allow("reporters and the security team file reports")
		}
		return deny(CodeForbidden, "filing a report needs an account with the reporter role")
	case ActionList:
		if a.ID != "" {
			return allow("every account may list the reports it may see")
		}
		return allow("anonymous visitors list public reports only")
	case ActionManageAccounts:
		if a.ID != "" && a.Has(RoleAdmin) {
			return allow("admins manage accounts")
		}
		return deny(CodeForbidden, "managing accounts needs the admin role")
	case ActionViewAudit:
		if a.ID != "" && (a.Has(RoleAdmin) || a.Has(RoleSecurityTeam)) {
			return allow("admins and the security team read the audit log")
		}
		return deny(CodeForbidden, "the audit log is for admins and the security team")
	case ActionManageTokens, ActionReadChanges:
		if a.ID != "" {
			return allow("every account")
		}
		return deny(CodeForbidden, "sign in first")
	case ActionWriteChanges:
		if a.ID != "" && (a.Has(RoleMaintainer) || a.Has(RoleSecurityTeam)) {
			return allow("maintainers and the security team record change requests")
		}
		return deny(CodeForbidden, "recording change requests needs the maintainer or security-team role")
	case ActionReviewVote:
		if a.ID != "" && (a.Has(RoleMaintainer) || a.Has(RoleSecurityArchitect) || a.Has(RoleSecurityTeam)) {
			return allow("maintainers, security architects and the security team review changes")
		}
		return deny(CodeForbidden, "a review vote needs the maintainer, security-architect or security-team role")
	}
	if !slices.Contains(ReportActions(), action) {
		return deny(CodeForbidden, "unknown action "+string(action))
	}
	if r == nil {
		return deny(CodeForbidden, "action "+string(action)+" needs a report")
	}
	if a.ID == "" {
		a = Actor{} // roles without an account count for nothing
	}
	x := relate(a, r)
	public := r.State == StatePublic
	if !x.involved() && !public {
		return deny(CodeHidden, "the report is private to the security team, its reporter and the people working on it")
	}
	switch action {
	case ActionView:
		if x.involved() {
			return allow("involved in the report")
		}
		return allow("the report is public")
	case ActionViewPrivate, ActionComment:
		if x.involved() {
			return allow("involved in the report")
		}
		return deny(CodeForbidden, "comments, attachments and history are for the people involved")
	case ActionAttach:
		if !x.involved() {
			return deny(CodeForbidden, "only the people involved add attachments")
		}
		if r.State.Final() {
			return deny(CodeState, "a "+string(r.State)+" report takes no more attachments")
		}
		return allow("involved in the report")
	case ActionEdit:
		switch {
		case x.team && !r.State.Final():
			return allow("the security team edits open reports")
		case x.reporter && r.State == StateNew:
			return allow("the reporter edits the report until triage starts")
		case x.team || x.reporter:
			return deny(CodeState, "the report can no longer be edited in state "+string(r.State))
		}
		return deny(CodeForbidden, "only the reporter and the security team edit a report")
	case ActionSubmit:
		if !x.team && !x.maintainer {
			return deny(CodeForbidden, "submitting a fix for review needs the security team or a maintainer of an affected module")
		}
		return inState(r, transitions[ActionSubmit].from, "submit for review")
	case ActionLinkFix:
		if !x.team && !x.maintainer {
			return deny(CodeForbidden, "linking a fix needs the security team or a maintainer of an affected module")
		}
		return inState(r, []State{StateAssigned, StateReview, StateAccepted, StatePublic}, "link a fix")
	case ActionSetBackport:
		if !x.team && !x.maintainer && !x.releaseManager {
			return deny(CodeForbidden, "backport status is kept by the security team, maintainers of affected modules and release managers of affected releases")
		}
		return inState(r, []State{StateAssigned, StateReview, StateAccepted, StatePublic}, "set a backport status")
	case ActionExport:
		if public {
			return allow("the report is public")
		}
		if x.team {
			return allow("the security team exports drafts")
		}
		return deny(CodeForbidden, "a report is exported by the security team until it is public")
	}
	// Everything below is the security team's.
	if !x.team {
		return deny(CodeForbidden, "action "+string(action)+" is for the security team")
	}
	switch action {
	case ActionStartTriage, ActionAssign, ActionAccept, ActionPublish:
		return inState(r, transitions[action].from, string(action))
	case ActionTriage, ActionSetCVE:
		return inState(r, []State{StateTriage, StateAssigned, StateReview, StateAccepted}, string(action))
	case ActionProposeRejection:
		if ok, why := inState(r, rejectable, "reject"); !ok {
			return ok, why
		}
		if r.Rejection != nil {
			return deny(CodeState, "a rejection is already proposed; approve or withdraw it")
		}
		return allow("the security team proposes a rejection")
	case ActionApproveRejection:
		if ok, why := inState(r, rejectable, "reject"); !ok {
			return ok, why
		}
		if r.Rejection == nil {
			return deny(CodeState, "no rejection is proposed")
		}
		if r.Rejection.ProposedBy == a.ID {
			return deny(CodeForbidden, "a rejection needs a second member of the security team; the proposer cannot approve it")
		}
		return allow("a second member of the security team approves the rejection")
	case ActionWithdrawRejection:
		if r.Rejection == nil || r.State == StateRejected {
			return deny(CodeState, "no rejection is proposed")
		}
		return allow("the security team withdraws a proposed rejection")
	case ActionExtendEmbargo, ActionAddCollaborator:
		if r.State.Final() {
			return deny(CodeState, "the report is "+string(r.State))
		}
		return allow("the security team")
	}
	return deny(CodeForbidden, "action "+string(action)+" is not allowed") // unreachable while the lists agree
}

func inState(r *Report, states []State, what string) (bool, Reason) {
	if in(r.State, states) {
		return allow("allowed in state " + string(r.State))
	}
	names := make([]string, len(states))
	for i, s := range states {
		names[i] = string(s)
	}
	return deny(CodeState, "cannot "+what+" a report in state "+string(r.State)+" (allowed in: "+join(names)+")")
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}
