package vuln

import (
	"fmt"
	"time"
)

// Intake is what a reporter files.
type Intake struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Severity    Severity `json:"severity,omitempty"` // as the reporter sees it; "" is unknown
}

// New files a report for a: state New, private, with its embargo running
// from now for cfg.Embargo.Days. The store gives it its ID.
func New(a Actor, in Intake, cfg Config, now time.Time) (*Report, error) {
	if ok, why := Can(a, ActionCreate, nil); !ok {
		return nil, &Error{Code: why.Code, Msg: why.Text}
	}
	cfg = cfg.Defaults()
	now = stamp(now)
	title, err := line("title", in.Title, MaxTitle, true)
	if err != nil {
		return nil, err
	}
	desc, err := text("description", in.Description, MaxText, true)
	if err != nil {
		return nil, err
	}
	sev, err := parseSeverity(in.Severity)
	if err != nil {
		return nil, err
	}
	r := &Report{
		Title: title, Description: desc, Reporter: a.ID, ReporterSeverity: sev,
		State:   StateNew,
		Embargo: Embargo{Start: now, End: now.AddDate(0, 0, cfg.Embargo.Days)},
		Created: now,
	}
	r.record(now, a.ID, string(ActionCreate), "", StateNew, fmt.Sprintf("embargo ends %s", r.Embargo.End.Format(time.DateOnly)))
	return r, nil
}

func parseSeverity(s Severity) (Severity, error) {
	if s == "" {
		return SeverityUnknown, nil
	}
	for _, x := range Severities() {
		if x == s {
			return s, nil
		}
	}
	return "", invalid("severity", "use unknown, low, medium, high or critical", "unknown severity %q", clip(string(s)))
}

// Edit is a change to what the reporter wrote; nil fields stay.
type Edit struct {
	Title       *string   `json:"title,omitempty"`
	Description *string   `json:"description,omitempty"`
	Severity    *Severity `json:"severity,omitempty"`
}

// Edit changes title, description or the reporter's severity: the reporter
// until triage starts, the security team while the report is open.
func (r *Report) Edit(a Actor, e Edit, now time.Time) error {
	if err := r.authorize(a, ActionEdit); err != nil {
		return err
	}
	next := *r
	var changed []string
	if e.Title != nil {
		t, err := line("title", *e.Title, MaxTitle, true)
		if err != nil {
			return err
		}
		next.Title, changed = t, append(changed, "title")
	}
	if e.Description != nil {
		d, err := text("description", *e.Description, MaxText, true)
		if err != nil {
			return err
		}
		next.Description, changed = d, append(changed, "description")
	}
	if e.Severity != nil {
		s, err := parseSeverity(*e.Severity)
		if err != nil {
			return err
		}
		next.ReporterSeverity, changed = s, append(changed, "severity")
	}
	if len(changed) == 0 {
		return invalid("", "send title, description or severity", "nothing to change")
	}
	*r = next
	r.record(stamp(now), a.ID, string(ActionEdit), "", "", "changed "+join(changed))
	return nil
}
