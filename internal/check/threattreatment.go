package check

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
)

// ThreatTreatment asks: is every threat of the threat model treated —
// mitigated by countermeasures, or accepted with an approval by a security
// architect that has not expired, transferred, or ruled out with a reason?
// An open threat is one nobody has decided about.
type ThreatTreatment struct {
	// Now gives today's date for expiry; nil means the clock.
	Now func() time.Time
}

func (ThreatTreatment) ID() string { return "threat-treatment" }
func (ThreatTreatment) Title() string {
	return "every threat is mitigated, or accepted, transferred or ruled out by a decision that holds"
}
func (ThreatTreatment) Requirements() []string       { return []string{ReqMitigate, ReqCountermeasures} }
func (ThreatTreatment) NeedsFiles(*model.Model) bool { return false }

// Rules of this check.
const (
	RuleOpenThreat          = "threat-treatment/open-threat"
	RuleAcceptanceIncomplet = "threat-treatment/acceptance-incomplete"
	RuleAcceptanceExpired   = "threat-treatment/acceptance-expired"
	RuleApproverNotArchitec = "threat-treatment/approver-not-architect"
)

// Rules of the check.
func (ThreatTreatment) Rules() []Rule {
	return []Rule{
		{RuleOpenThreat, "A threat is open: neither mitigated, accepted, transferred nor not applicable.",
			"Decide: mitigate it (treatment: mitigated, countermeasures: [ids] whose tests prove them), accept it (assumption or waiver, reason, approver, expires), transfer it, or say why it does not apply. threat_model.open_threats_error_from makes open threats below a CVSS severity warnings."},
		{RuleAcceptanceIncomplet, "An accepted threat has no approver or no expiry date.",
			"Add approver: <security architect> and expires: YYYY-MM-DD; acceptance is a decision someone owns, for a time."},
		{RuleAcceptanceExpired, "The acceptance of a threat has expired.",
			"Review the threat again: mitigate it, or renew the acceptance with a new expiry approved by the security architect."},
		{RuleApproverNotArchitec, "The approver of an accepted threat is not a security architect.",
			"Have a person with the security-architect role approve it, or give the approver that role."},
	}
}

// Run loads the threat model and judges every threat's treatment.
func (ch ThreatTreatment) Run(_ context.Context, f *collect.Facts) (Outcome, error) {
	a, skipped, err := analyzeThreatModel(f)
	if err != nil || skipped != nil {
		return deref(skipped), err
	}
	now := time.Now
	if ch.Now != nil {
		now = ch.Now
	}
	today := now().UTC().Format(time.DateOnly)
	// Open threats from this CVSS severity rank on are errors; unset (-1) or
	// none (0) makes every open threat an error.
	errorFrom := threat.SeverityRank(f.Model.ThreatModel.OpenThreatsErrorFrom)
	j := &tmJudge{check: ch.ID(), m: f.Model, a: a}
	for i := range a.Threats {
		t := &a.Threats[i]
		key := []string{t.ID}
		tr := t.Treatment
		switch tr.Status {
		case threat.Open:
			sev := finding.Error
			if errorFrom > 0 && threat.SeverityRank(t.CVSS.Severity) < errorFrom {
				sev = finding.Warning
			}
			j.add(RuleOpenThreat, sev, []string{ReqMitigate, ReqCountermeasures}, t.Pos, key,
				fmt.Sprintf("open threat %s (%s, CVSS %.1f %s): %s", t.ID, t.STRIDE, t.CVSS.Score, t.CVSS.Severity, t.Title),
				"mitigate it with countermeasures whose tests prove them, or accept, transfer or rule it out with a reason")
		case threat.Accepted:
			var missing []string
			if tr.Approver == "" {
				missing = append(missing, "approver")
			}
			if tr.Expires == "" {
				missing = append(missing, "expiry date")
			}
			if len(missing) > 0 {
				j.add(RuleAcceptanceIncomplet, finding.Error, []string{ReqMitigate}, t.Pos, key,
					fmt.Sprintf("threat %s is accepted without %s", t.ID, strings.Join(missing, " and ")),
					"add approver: <security architect> and expires: YYYY-MM-DD")
			}
			if tr.Expires != "" && tr.Expires < today {
				j.add(RuleAcceptanceExpired, finding.Error, []string{ReqMitigate}, t.Pos, key,
					fmt.Sprintf("the acceptance of threat %s expired on %s", t.ID, tr.Expires),
					"review the threat: mitigate it, or renew the acceptance with a new expiry")
			}
			if tr.Approver != "" {
				if p, ok := f.Model.PersonByRef(tr.Approver); ok && !p.HasRole(model.RoleSecurityArchitect) {
					j.add(RuleApproverNotArchitec, finding.Error, []string{ReqMitigate}, t.Pos, key,
						fmt.Sprintf("threat %s is accepted by %s, who is not a security architect", t.ID, p.ID),
						"have a security architect approve it")
				}
			}
		}
	}
	s := a.Summarize()
	return Outcome{
		Findings: j.out,
		Summary: fmt.Sprintf("%d threats: %d open, %d mitigated, %d accepted, %d transferred, %d not applicable",
			s.Threats, s.ByStatus[threat.Open], s.ByStatus[threat.Mitigated], s.ByStatus[threat.Accepted],
			s.ByStatus[threat.Transferred], s.ByStatus[threat.NotApplicable]),
	}, nil
}
