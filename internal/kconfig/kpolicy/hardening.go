package kpolicy

import (
	"fmt"
	"strings"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/kconfig/harden"
	"github.com/assure-dev/assure/internal/model"
)

// HardenResult is the hardening check of one configuration.
type HardenResult struct {
	DB     *harden.Database
	Config *harden.Report
	// Defaults is the check of the tree's default values against the
	// defaults profile; nil when the model names none.
	Defaults *harden.Report
	// Missing lists the protections (EP-1, EP-2) no passing rule shows on.
	Missing []Protection
}

// Protection is an Execution Protection requirement the configuration
// does not show met.
type Protection struct {
	Requirement string
	Symbols     []string
	// Rows are the rules of the profile for those symbols, and how they
	// came out.
	Rows []harden.Result
	// Accepted is the exception that accepts the gap, if any.
	Accepted *harden.Exception
}

// Harden checks the configuration (and the defaults, when asked) against
// the profile.
func (ss *Session) Harden() (*HardenResult, error) {
	h := ss.Hardening
	db, err := harden.LoadWith(ss.readRel, h.InTree, h.Extra)
	if err != nil {
		return nil, err
	}
	opts := harden.Options{Profile: h.Profile, Markers: h.Markers, Exceptions: h.Exceptions, Today: ss.Today}
	rep, err := harden.Check(db, ss.Table, opts)
	if err != nil {
		return nil, fmt.Errorf("%s (hint: set kconfig.hardening.profile to one of the profiles of %s)", err, strings.Join(h.InTree, ", "))
	}
	out := &HardenResult{DB: db, Config: rep}
	if h.DefaultsProfile != "" {
		defs, err := ss.Defaults()
		if err != nil {
			return nil, err
		}
		o := opts
		o.Profile = h.DefaultsProfile
		o.Markers = []string{} // markers are about what a configuration enables
		if out.Defaults, err = harden.Check(db, defs, o); err != nil {
			return nil, fmt.Errorf("defaults profile: %w", err)
		}
	}
	out.Missing = missingProtections(rep, h, ss.Today)
	return out, nil
}

func missingProtections(rep *harden.Report, h Hardening, today string) []Protection {
	prot := h.Protections
	if len(prot) == 0 {
		prot = DefaultProtections
	}
	var out []Protection
	for _, req := range []string{ReqStackProtection, ReqThreadSeparate} {
		syms := prot[req]
		if len(syms) == 0 {
			syms = DefaultProtections[req]
		}
		in := map[string]bool{}
		for _, s := range syms {
			in[s] = true
		}
		p := Protection{Requirement: req, Symbols: syms}
		met := false
		for _, r := range rep.Results {
			if r.Kind != "rule" || !in[r.Symbol] {
				continue
			}
			p.Rows = append(p.Rows, r)
			if r.Status == harden.Pass {
				met = true
			}
		}
		if met {
			continue
		}
		for i := range h.Exceptions {
			e := h.Exceptions[i]
			if in[e.Symbol] && (e.Expires == "" || today == "" || e.Expires >= today) {
				p.Accepted = &h.Exceptions[i]
				break
			}
		}
		out = append(out, p)
	}
	return out
}

// Stale lists the exceptions that accept nothing: no failing row of the
// configuration or of the defaults, and no missing protection.
func (r *HardenResult) Stale() []harden.Exception {
	used := map[string]bool{}
	for _, p := range r.Missing {
		if p.Accepted != nil {
			used[p.Accepted.Symbol] = true
		}
	}
	if r.Defaults != nil {
		stale := map[string]bool{}
		for _, e := range r.Defaults.Stale {
			stale[e.Symbol] = true
		}
		for _, e := range r.Config.Stale {
			if !stale[e.Symbol] {
				used[e.Symbol] = true
			}
		}
	}
	var out []harden.Exception
	for _, e := range r.Config.Stale {
		if !used[e.Symbol] {
			out = append(out, e)
		}
	}
	return out
}

// ProtectionFindings is the finding of the check of one Execution
// Protection requirement (EP-1 or EP-2): none when a passing rule shows
// the protection on, or an exception accepts its absence.
func (ss *Session) ProtectionFindings(r *HardenResult, req string) []finding.Finding {
	var out []finding.Finding
	for _, p := range r.Missing {
		if p.Requirement != req || p.Accepted != nil {
			continue
		}
		what := map[string]string{ReqStackProtection: "stack protection", ReqThreadSeparate: "thread separation"}[p.Requirement]
		var rows []string
		for _, x := range p.Rows {
			rows = append(rows, fmt.Sprintf("%s %s", x.Symbol, x.Status))
		}
		detail := "the profile has no rule for " + strings.Join(p.Symbols, ", ")
		if len(rows) > 0 {
			detail = strings.Join(rows, ", ")
		}
		out = append(out, finding.Finding{
			ID: finding.Fingerprint(RuleProtection, p.Requirement), Rule: RuleProtection, Check: ProtectionChecks[req],
			Requirements: []string{p.Requirement}, Severity: finding.Error, Location: ss.profileLocation(r.DB, ss.Hardening.Profile),
			Message: fmt.Sprintf("no passing rule of profile %s shows %s on: %s", ss.Hardening.Profile, what, detail),
			Remediation: fmt.Sprintf("enable %s (%s) and keep a rule for it in the profile; on a platform without it, add an exception for one of these symbols saying so",
				what, strings.Join(p.Symbols, ", ")),
		})
	}
	return out
}

// HardenFindings turns the result into the findings of the hardening
// check: failing rules and markers of the configuration, failing rules of
// the defaults, stale exceptions.
func (ss *Session) HardenFindings(r *HardenResult) []finding.Finding {
	var out []finding.Finding
	for _, row := range r.Config.Results {
		if row.Status == harden.Fail {
			out = append(out, ss.rowFinding(row, false))
		}
	}
	if r.Defaults != nil {
		for _, row := range r.Defaults.Results {
			if row.Status == harden.Fail && row.Kind == "rule" {
				out = append(out, ss.rowFinding(row, true))
			}
		}
	}
	for _, e := range r.Stale() {
		out = append(out, finding.Finding{
			ID: finding.Fingerprint(RuleStaleException, e.Symbol), Rule: RuleStaleException, Check: CheckHardening,
			Requirements: []string{ReqSecureDefaults}, Severity: finding.Warning, Location: modelLoc(e.Pos),
			Message:     fmt.Sprintf("the exception for CONFIG_%s accepts nothing: the option does not fail profile %s", e.Symbol, ss.Hardening.Profile),
			Remediation: "remove the exception from kconfig.hardening.exceptions",
		})
	}
	finding.Sort(out)
	return out
}

func (ss *Session) rowFinding(row harden.Result, defaults bool) finding.Finding {
	f := finding.Finding{Check: CheckHardening, Requirements: []string{ReqSecureDefaults}, Severity: finding.Error}
	cur := row.Current
	switch {
	case row.Kind == "marker":
		f.Rule = RuleMarker
		f.ID = finding.Fingerprint(RuleMarker, row.Symbol, row.Marker)
		f.Location = ss.symLoc(row)
		f.Message = fmt.Sprintf("CONFIG_%s=%s %s, which a hardened build does not enable", row.Symbol, cur, row.Reason)
		f.Remediation = fmt.Sprintf("disable CONFIG_%s, or add an exception with its justification to kconfig.hardening.exceptions", row.Symbol)
	case defaults:
		f.Rule = RuleInsecureDefault
		f.ID = finding.Fingerprint(RuleInsecureDefault, row.Symbol)
		f.Location = ss.symLoc(row)
		f.Message = fmt.Sprintf("the default of CONFIG_%s is %s; profile %s recommends %s: %s", row.Symbol, cur, ss.Hardening.DefaultsProfile, row.Recommended, rationale(row))
		f.Remediation = fmt.Sprintf("make %s the default of CONFIG_%s in its Kconfig file, or add an exception with its justification", row.Recommended, row.Symbol)
	default:
		f.Rule = RuleFailed
		f.ID = finding.Fingerprint(RuleFailed, row.Symbol)
		f.Location = ss.configLoc(row)
		f.Message = fmt.Sprintf("CONFIG_%s=%s; profile %s recommends %s: %s", row.Symbol, cur, ss.Hardening.Profile, row.Recommended, rationale(row))
		if row.Reason != "" {
			f.Message += " (" + row.Reason + ")"
		}
		f.Remediation = fmt.Sprintf("set CONFIG_%s to %s in the configuration, or add an exception with its justification to kconfig.hardening.exceptions", row.Symbol, row.Recommended)
	}
	return f
}

func rationale(row harden.Result) string {
	if row.Rule == nil {
		return ""
	}
	s := strings.Join(strings.Fields(row.Rule.Rationale), " ")
	if len(row.Rule.References) > 0 {
		s += " [" + strings.Join(row.Rule.References, ", ") + "]"
	}
	return s
}

// configLoc points at where the .config assigns the symbol, else at its
// definition.
func (ss *Session) configLoc(row harden.Result) finding.Location {
	if s := ss.Table.Lookup(row.Symbol); s != nil && s.Assigned.Line > 0 {
		return finding.Location{File: ss.KconfigPath(s.Assigned.File), Line: s.Assigned.Line}
	}
	return ss.symLoc(row)
}

func (ss *Session) symLoc(row harden.Result) finding.Location {
	if row.Defined.File == "" {
		return finding.Location{File: ss.Display(ss.Tree.Config)}
	}
	return finding.Location{File: ss.KconfigPath(row.Defined.File), Line: row.Defined.Line}
}

func (ss *Session) profileLocation(db *harden.Database, profile string) finding.Location {
	if p := db.Profiles[profile]; p != nil {
		return finding.Location{File: p.Pos.File, Line: p.Pos.Line, Column: p.Pos.Column}
	}
	if len(db.Files) > 0 {
		return finding.Location{File: db.Files[0], Line: 1}
	}
	return finding.Location{File: ss.ModelFile}
}

func modelLoc(p model.Pos) finding.Location {
	return finding.Location{File: p.File, Line: p.Line, Column: p.Column}
}
