package kpolicy

import (
	"fmt"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/kconfig/defaultoff"
)

// DefaultOff checks the tree's services, protocols and drivers.
func (ss *Session) DefaultOff() (*defaultoff.Report, error) {
	return defaultoff.Check(ss.Table, ss.Setup.DefaultOff.Areas, ss.Setup.DefaultOff.Common)
}

// DefaultOffFindings turns the report into findings.
func (ss *Session) DefaultOffFindings(r *defaultoff.Report) []finding.Finding {
	var out []finding.Finding
	for _, f := range r.Findings {
		if f.Accepted != "" {
			continue
		}
		out = append(out, finding.Finding{
			ID: finding.Fingerprint(RuleDefaultOn, f.Symbol), Rule: RuleDefaultOn, Check: CheckDefaults,
			Requirements: []string{ReqRareOff, ReqExplicitOption}, Severity: finding.Error,
			Location:    finding.Location{File: ss.KconfigPath(f.Pos.File), Line: f.Pos.Line},
			Message:     fmt.Sprintf("CONFIG_%s (%q, %s: %s) is on by default: %s", f.Symbol, f.Prompt, f.Kind, f.Because, f.Default),
			Remediation: fmt.Sprintf("drop the default so CONFIG_%s has to be enabled explicitly, or list it under kconfig.default_off.common with the reason most products need it", f.Symbol),
		})
	}
	for _, c := range r.Stale {
		out = append(out, finding.Finding{
			ID: finding.Fingerprint(RuleStaleCommon, c.Symbol), Rule: RuleStaleCommon, Check: CheckDefaults,
			Requirements: []string{ReqRareOff}, Severity: finding.Warning, Location: modelLoc(c.Pos),
			Message:     fmt.Sprintf("CONFIG_%s is listed as common but is not on by default in a services, protocols or drivers area", c.Symbol),
			Remediation: "remove it from kconfig.default_off.common",
		})
	}
	finding.Sort(out)
	return out
}
