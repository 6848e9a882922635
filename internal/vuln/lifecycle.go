package vuln

import (
	"slices"
	"time"
)

// StartTriage moves a new report to Triage: the security team has seen it.
func (r *Report) StartTriage(a Actor, now time.Time) error {
	if err := r.authorize(a, ActionStartTriage); err != nil {
		return err
	}
	r.move(stamp(now), a.ID, ActionStartTriage, StateTriage, "")
	return nil
}

// Assign moves a triaged report (or one sent back from review) to Assigned.
// The triage must be complete: a CVSS score, a STRIDE category and at least
// one affected module, because those decide who sees the report next.
// assignees are account ids (may be empty: the maintainers of the affected
// modules pick it up).
func (r *Report) Assign(a Actor, assignees []string, now time.Time) error {
	if err := r.authorize(a, ActionAssign); err != nil {
		return err
	}
	switch {
	case r.CVSS == nil:
		return &Error{Code: CodeState, Field: "cvss", Msg: "triage is not complete: no CVSS vector", Hint: "triage the report with a CVSS v3.1 or v4.0 vector first"}
	case len(r.Stride) == 0:
		return &Error{Code: CodeState, Field: "stride", Msg: "triage is not complete: no STRIDE category", Hint: "triage the report with its STRIDE categories first"}
	case len(r.Modules) == 0:
		return &Error{Code: CodeState, Field: "modules", Msg: "triage is not complete: no affected module", Hint: "triage the report with the modules it affects first"}
	}
	ids, err := members("assignees", assignees)
	if err != nil {
		return err
	}
	now = stamp(now)
	r.Assignees = ids
	if r.AssignedAt == nil {
		r.AssignedAt = ptime(now)
	}
	detail := "to maintainers of " + join(r.Modules)
	if len(ids) > 0 {
		detail = "to " + join(ids)
	}
	r.move(now, a.ID, ActionAssign, StateAssigned, detail)
	return nil
}

// Submit moves an assigned report to Review: a fix is ready to be judged.
func (r *Report) Submit(a Actor, now time.Time) error {
	if err := r.authorize(a, ActionSubmit); err != nil {
		return err
	}
	if len(r.Fixes) == 0 {
		return &Error{Code: CodeState, Field: "fixes", Msg: "no fix is linked", Hint: "link the fix commit or pull request first"}
	}
	r.move(stamp(now), a.ID, ActionSubmit, StateReview, "")
	return nil
}

// Accept moves a reviewed report to Accepted: the fix is good and the
// vulnerability has its CVE (every accepted vulnerability gets one).
func (r *Report) Accept(a Actor, now time.Time) error {
	if err := r.authorize(a, ActionAccept); err != nil {
		return err
	}
	if r.CVE == "" {
		return &Error{Code: CodeState, Field: "cve", Msg: "an accepted vulnerability needs a CVE id", Hint: "record the CVE id first"}
	}
	r.move(stamp(now), a.ID, ActionAccept, StateAccepted, r.CVE)
	return nil
}

// Publish makes an accepted report public.
func (r *Report) Publish(a Actor, now time.Time) error {
	if err := r.authorize(a, ActionPublish); err != nil {
		return err
	}
	r.publish(stamp(now), a.ID, "")
	return nil
}

func (r *Report) publish(now time.Time, actor, detail string) {
	r.Published = ptime(now)
	r.move(now, actor, ActionPublish, StatePublic, detail)
}

// ProposeRejection is the first half of a rejection: a member of the
// security team gives a CVE-criteria reason. The report stays where it is
// until a second member approves.
func (r *Report) ProposeRejection(a Actor, reason RejectReason, note string, now time.Time) error {
	if err := r.authorize(a, ActionProposeRejection); err != nil {
		return err
	}
	reason, err := ParseRejectReason(string(reason))
	if err != nil {
		return err
	}
	note, err = text("note", note, MaxReason, false)
	if err != nil {
		return err
	}
	now = stamp(now)
	r.Rejection = &Rejection{Reason: reason, Note: note, ProposedBy: a.ID, ProposedAt: now}
	r.record(now, a.ID, string(ActionProposeRejection), "", "", string(reason))
	return nil
}

// ApproveRejection is the second half: another member of the security team
// agrees, and the report is rejected.
func (r *Report) ApproveRejection(a Actor, now time.Time) error {
	if err := r.authorize(a, ActionApproveRejection); err != nil {
		return err
	}
	now = stamp(now)
	rej := *r.Rejection
	rej.ApprovedBy, rej.ApprovedAt = a.ID, ptime(now)
	r.Rejection = &rej
	r.move(now, a.ID, ActionApproveRejection, StateRejected, string(rej.Reason)+", proposed by "+rej.ProposedBy)
	return nil
}

// WithdrawRejection drops a pending proposal.
func (r *Report) WithdrawRejection(a Actor, now time.Time) error {
	if err := r.authorize(a, ActionWithdrawRejection); err != nil {
		return err
	}
	reason := r.Rejection.Reason
	r.Rejection = nil
	r.record(stamp(now), a.ID, string(ActionWithdrawRejection), "", "", string(reason))
	return nil
}

// AddCollaborator lets one more account see and discuss the report.
func (r *Report) AddCollaborator(a Actor, id string, now time.Time) error {
	if err := r.authorize(a, ActionAddCollaborator); err != nil {
		return err
	}
	if err := ident("collaborator", id); err != nil {
		return err
	}
	if slices.Contains(r.Collaborators, id) {
		return invalid("collaborator", "", "%s is already a collaborator", id)
	}
	if len(r.Collaborators) >= MaxMembers {
		return &Error{Code: CodeTooLarge, Field: "collaborator", Msg: "too many collaborators"}
	}
	r.Collaborators = append(slices.Clone(r.Collaborators), id)
	slices.Sort(r.Collaborators)
	r.record(stamp(now), a.ID, string(ActionAddCollaborator), "", "", id)
	return nil
}

// members checks and sorts a list of ids.
func members(field string, ids []string) ([]string, error) {
	if len(ids) > MaxMembers {
		return nil, &Error{Code: CodeTooLarge, Field: field, Msg: "too many entries"}
	}
	out := slices.Clone(ids)
	for i, id := range out {
		if err := ident(field+"/"+itoa(i), id); err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
