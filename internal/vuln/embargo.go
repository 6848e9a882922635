package vuln

import (
	"fmt"
	"slices"
	"time"
)

// ExtendEmbargo moves the end of the embargo days later, with the reason
// recorded. Only the security team extends; warnings start over for the new
// end, and an escalation of the old end is cleared.
func (r *Report) ExtendEmbargo(a Actor, days int, reason string, now time.Time) error {
	if err := r.authorize(a, ActionExtendEmbargo); err != nil {
		return err
	}
	if days < 1 || days > 365 {
		return invalid("days", "extend by 1 to 365 days", "cannot extend by %d days", days)
	}
	reason, err := text("reason", reason, MaxReason, true)
	if err != nil {
		return err
	}
	now = stamp(now)
	from := r.Embargo.End
	to := from.AddDate(0, 0, days)
	if to.Before(now) {
		// An embargo that already ended extends from now: extending must
		// leave time before the end.
		to = now.AddDate(0, 0, days)
	}
	r.Embargo.Extensions = append(slices.Clone(r.Embargo.Extensions), Extension{By: a.ID, At: now, From: from, To: to, Reason: reason})
	r.Embargo.End = to
	r.Embargo.Warned = nil
	r.Embargo.Escalated = nil
	r.record(now, a.ID, string(ActionExtendEmbargo), "", "", fmt.Sprintf("from %s to %s", from.Format(time.DateOnly), to.Format(time.DateOnly)))
	return nil
}

// DueKind is what the scheduler does.
type DueKind string

// What the scheduler does for a report.
const (
	DueWarn     DueKind = "warn"     // the end of the embargo is near
	DuePublish  DueKind = "publish"  // the embargo ended; publish (at_end: publish, report accepted)
	DueEscalate DueKind = "escalate" // the embargo ended; the security team must act
)

// Due is one thing the scheduler must do for a report now.
type Due struct {
	Kind DueKind `json:"kind"`
	// Days is the warning threshold (days before the end) for DueWarn.
	Days int       `json:"days,omitempty"`
	End  time.Time `json:"end"` // the end of the embargo it is about
}

// Schedule says what is due for r at now under cfg: at most one thing.
// Before the end, the smallest warning threshold passed and not yet given
// (a scheduler that was down warns once, not once per missed threshold). At
// or after the end of an open report: publish when the configuration says
// so and the report is accepted, else escalate once. Public and rejected
// reports need nothing.
func Schedule(cfg Config, r *Report, now time.Time) (Due, bool) {
	cfg = cfg.Defaults()
	if r.State.Final() {
		return Due{}, false
	}
	end := r.Embargo.End
	if !now.Before(end) {
		if cfg.Embargo.AtEnd == AtEndPublish && r.State == StateAccepted {
			return Due{Kind: DuePublish, End: end}, true
		}
		if r.Embargo.Escalated == nil {
			return Due{Kind: DueEscalate, End: end}, true
		}
		return Due{}, false
	}
	due := 0
	for _, d := range cfg.warnDays() { // largest first
		if !now.Before(end.AddDate(0, 0, -d)) && !slices.Contains(r.Embargo.Warned, d) {
			due = d
		}
	}
	if due == 0 {
		return Due{}, false
	}
	return Due{Kind: DueWarn, Days: due, End: end}, true
}

// ApplyDue records that the scheduler did d, as the Scheduler actor: a
// warning is marked given (with every larger threshold), a publication
// makes the report public, an escalation is marked. The caller sends the
// notification and stores the report; d must come from Schedule on this
// report, or ApplyDue refuses it.
func (r *Report) ApplyDue(cfg Config, d Due, now time.Time) error {
	want, ok := Schedule(cfg, r, now)
	if !ok || want != d {
		return &Error{Code: CodeState, Msg: fmt.Sprintf("%s is not due for this report", d.Kind)}
	}
	cfg = cfg.Defaults()
	now = stamp(now)
	switch d.Kind {
	case DueWarn:
		w := slices.Clone(r.Embargo.Warned)
		for _, x := range cfg.warnDays() {
			if x >= d.Days && !slices.Contains(w, x) {
				w = append(w, x)
			}
		}
		slices.Sort(w)
		r.Embargo.Warned = w
		r.record(now, Scheduler, string(DueWarn), "", "", fmt.Sprintf("embargo ends in %d days (%s)", d.Days, d.End.Format(time.DateOnly)))
	case DuePublish:
		r.publish(now, Scheduler, "embargo ended "+d.End.Format(time.DateOnly))
	case DueEscalate:
		r.Embargo.Escalated = ptime(now)
		r.record(now, Scheduler, string(DueEscalate), "", "", fmt.Sprintf("embargo ended %s in state %s", d.End.Format(time.DateOnly), r.State))
	}
	return nil
}
