package check

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/kconfig/kpolicy"
	"github.com/assure-dev/assure/internal/model"
)

// The Kconfig checks (configuration management, issue #5): the hardening
// profile, services off by default, enabled-but-unused options, tree
// hygiene. The policies live in internal/kconfig/kpolicy; these adapt them
// to the gate. Each runs only when the model configures what it needs.
type (
	// KconfigHardening asks: does the configuration meet the hardening
	// profile, with no experimental, deprecated or insecure option on?
	KconfigHardening struct{}
	// KconfigProtection asks, for one Execution Protection requirement
	// (EP-1 stack protection, EP-2 thread separation): does a passing
	// rule of the profile show the protection on?
	KconfigProtection struct{ Requirement string }
	// KconfigDefaults asks: are services, protocols and drivers off by
	// default?
	KconfigDefaults struct{}
	// KconfigUnused asks: does the application use every option it enables?
	KconfigUnused struct{}
	// KconfigHygiene asks: do Kconfig files and sources name only options
	// that exist and can be enabled?
	KconfigHygiene struct{}
)

func (KconfigHardening) ID() string    { return kpolicy.CheckHardening }
func (c KconfigProtection) ID() string { return kpolicy.ProtectionChecks[c.Requirement] }
func (KconfigDefaults) ID() string     { return kpolicy.CheckDefaults }
func (KconfigUnused) ID() string       { return kpolicy.CheckUnused }
func (KconfigHygiene) ID() string      { return kpolicy.CheckHygiene }

func (c KconfigHardening) Title() string  { return kpolicy.Titles[c.ID()] }
func (c KconfigProtection) Title() string { return kpolicy.Titles[c.ID()] }
func (c KconfigDefaults) Title() string   { return kpolicy.Titles[c.ID()] }
func (c KconfigUnused) Title() string     { return kpolicy.Titles[c.ID()] }
func (c KconfigHygiene) Title() string    { return kpolicy.Titles[c.ID()] }

func (c KconfigHardening) Requirements() []string  { return kpolicy.Requirements[c.ID()] }
func (c KconfigProtection) Requirements() []string { return kpolicy.Requirements[c.ID()] }
func (c KconfigDefaults) Requirements() []string   { return kpolicy.Requirements[c.ID()] }
func (c KconfigUnused) Requirements() []string     { return kpolicy.Requirements[c.ID()] }
func (c KconfigHygiene) Requirements() []string    { return kpolicy.Requirements[c.ID()] }

func (c KconfigHardening) Rules() []Rule  { return kconfigRules(c.ID()) }
func (c KconfigProtection) Rules() []Rule { return kconfigRules(c.ID()) }
func (c KconfigDefaults) Rules() []Rule   { return kconfigRules(c.ID()) }
func (c KconfigUnused) Rules() []Rule     { return kconfigRules(c.ID()) }
func (c KconfigHygiene) Rules() []Rule    { return kconfigRules(c.ID()) }

func (KconfigHardening) NeedsFiles(*model.Model) bool  { return false }
func (KconfigProtection) NeedsFiles(*model.Model) bool { return false }
func (KconfigDefaults) NeedsFiles(*model.Model) bool   { return false }
func (KconfigUnused) NeedsFiles(*model.Model) bool     { return false }
func (KconfigHygiene) NeedsFiles(*model.Model) bool    { return false }

func kconfigRules(id string) []Rule {
	var out []Rule
	for _, r := range kpolicy.Rules[id] {
		out = append(out, Rule{ID: r.ID, Summary: r.Summary, Help: r.Help})
	}
	return out
}

// Run checks the configuration against the hardening profile.
func (KconfigHardening) Run(_ context.Context, f *collect.Facts) (Outcome, error) {
	return withKconfig(f, f.Model.Kconfig.HardeningConfigured(), "the model names no hardening profile (kconfig.hardening)",
		func(ss *kpolicy.Session) (Outcome, error) {
			r, err := ss.Harden()
			if err != nil {
				return Outcome{}, err
			}
			c := r.Config
			sum := fmt.Sprintf("profile %s: %d PASS, %d FAIL, %d WAIVED, %d NA", c.Profile, c.Count("PASS"), c.Count("FAIL"), c.Count("WAIVED"), c.Count("NA"))
			if r.Defaults != nil {
				sum += fmt.Sprintf("; defaults against %s: %d FAIL", r.Defaults.Profile, r.Defaults.Count("FAIL"))
			}
			return Outcome{Findings: ss.HardenFindings(r), Summary: sum}, nil
		})
}

// Run looks for a passing rule that shows the protection on.
func (c KconfigProtection) Run(_ context.Context, f *collect.Facts) (Outcome, error) {
	return withKconfig(f, f.Model.Kconfig.HardeningConfigured(), "the model names no hardening profile (kconfig.hardening)",
		func(ss *kpolicy.Session) (Outcome, error) {
			r, err := ss.Harden()
			if err != nil {
				return Outcome{}, err
			}
			sum := "on: a rule of the profile passes"
			for _, p := range r.Missing {
				if p.Requirement == c.Requirement {
					sum = "not shown on by any passing rule"
					if p.Accepted != nil {
						sum += "; accepted by the exception for " + p.Accepted.Symbol
					}
				}
			}
			return Outcome{Findings: ss.ProtectionFindings(r, c.Requirement), Summary: sum}, nil
		})
}

// Run checks the areas of services, protocols and drivers.
func (KconfigDefaults) Run(_ context.Context, f *collect.Facts) (Outcome, error) {
	return withKconfig(f, f.Model.Kconfig.DefaultOffConfigured(), "the model marks no services, protocols or drivers (kconfig.default_off)",
		func(ss *kpolicy.Session) (Outcome, error) {
			r, err := ss.DefaultOff()
			if err != nil {
				return Outcome{}, err
			}
			return Outcome{Findings: ss.DefaultOffFindings(r), Summary: fmt.Sprintf("%d options in services, protocols and drivers; %d on by default, %d of them accepted as common",
				r.Checked, len(r.Findings), len(r.Findings)-r.Open())}, nil
		})
}

// Run decides which enabled options the application does not use.
func (KconfigUnused) Run(_ context.Context, f *collect.Facts) (Outcome, error) {
	return withKconfig(f, f.Model.Kconfig.UnusedConfigured(), "the model names no application build or sources (kconfig.unused)",
		func(ss *kpolicy.Session) (Outcome, error) {
			r, err := ss.Unused()
			if err != nil {
				return Outcome{}, err
			}
			return Outcome{Findings: ss.UnusedFindings(r), Summary: fmt.Sprintf("method %s: %d enabled options, %d unused, %d used, %d gate no code the method can see",
				r.Method, len(r.Options), r.Count("unused"), r.Count("used"), r.Count("no-code"))}, nil
		})
}

// Run checks the tree's hygiene.
func (KconfigHygiene) Run(_ context.Context, f *collect.Facts) (Outcome, error) {
	return withKconfig(f, f.Model.Kconfig.Configured(), "the model names no Kconfig tree (kconfig)",
		func(ss *kpolicy.Session) (Outcome, error) {
			r, err := ss.Lint()
			if err != nil {
				return Outcome{}, err
			}
			fs := ss.LintFindings(r)
			return Outcome{Findings: fs, Summary: fmt.Sprintf("%d symbols, %d source files: %d problems", len(ss.Table.Symbols), r.Files, len(fs))}, nil
		})
}

// withKconfig runs one check on the shared session, or skips it saying
// why when the model does not configure what it needs.
func withKconfig(f *collect.Facts, configured bool, skip string, run func(*kpolicy.Session) (Outcome, error)) (Outcome, error) {
	if !configured {
		return Outcome{Skipped: true, Summary: skip}, nil
	}
	ss, err := kconfigSession(f)
	if err != nil {
		return Outcome{}, err
	}
	return run(ss)
}

// The four checks of one run share one loaded tree: parsing a large tree
// once is the expensive part.
var kconfigCache struct {
	sync.Mutex
	facts *collect.Facts
	ss    *kpolicy.Session
	err   error
}

func kconfigSession(f *collect.Facts) (*kpolicy.Session, error) {
	kconfigCache.Lock()
	defer kconfigCache.Unlock()
	if kconfigCache.facts == f {
		return kconfigCache.ss, kconfigCache.err
	}
	setup, err := kpolicy.FromModel(f.Root, f.Model, f.Model.Root, time.Now().UTC().Format("2006-01-02"))
	var ss *kpolicy.Session
	if err == nil {
		ss, err = setup.Load()
	}
	if err != nil {
		err = fmt.Errorf("kconfig: %w", err)
	}
	kconfigCache.facts, kconfigCache.ss, kconfigCache.err = f, ss, err
	return ss, err
}
