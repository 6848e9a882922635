package check

import (
	"context"
	"fmt"
	"strings"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/rules"
)

// Requirement IDs of the threat modeling section the check evidences.
const (
	ReqThreatModels    = "TM-1" // threat models for known and future attack vectors
	ReqMitigate        = "TM-2" // investigate the impact of each threat and mitigate it
	ReqImpact          = "TM-3" // impact on the asset, its module and the system
	ReqAssets          = "TM-4" // define the assets first
	ReqDecompose       = "TM-5" // decompose into data flow diagrams
	ReqSTRIDE          = "TM-6" // identify and categorise threats with STRIDE and CVSS
	ReqCountermeasures = "TM-7" // countermeasures for each threat
)

// ThreatModel asks: does every security-relevant module have a threat
// model with assets and a data flow diagram, does every STRIDE obligation
// end as a threat or a reason, and does every threat say what is at stake?
// The loader has already refused what is malformed (unknown references,
// flows into nowhere, bad CVSS). Whether the threats are treated is the
// question of check threat-treatment, whether the countermeasures' tests
// pass that of threat-tests.
type ThreatModel struct{}

func (ThreatModel) ID() string { return "threat-model" }
func (ThreatModel) Title() string {
	return "threat models cover every security module, its assets and every STRIDE obligation"
}
func (ThreatModel) Requirements() []string {
	return []string{ReqThreatModels, ReqImpact, ReqAssets, ReqDecompose, ReqSTRIDE}
}
func (ThreatModel) NeedsFiles(*model.Model) bool { return false }

// Rules of this check.
const (
	RuleModuleNotModelled = "threat-model/module-not-modelled"
	RuleNoAssets          = "threat-model/no-assets"
	RuleUncovered         = "threat-model/uncovered-obligation"
	RuleImpactUnstated    = "threat-model/impact-unstated"
	RuleStaleTreatment    = "threat-model/stale-treatment"
)

// Rules of the check.
func (ThreatModel) Rules() []Rule {
	return []Rule{
		{RuleModuleNotModelled, "A security-relevant module has no element in the threat model's data flow diagram.",
			"Model the module: its processes, data stores and flows, with module: <id> on them or on their file, inside its trust boundaries."},
		{RuleNoAssets, "A security-relevant module's threat model names no asset.",
			"List what the module protects under assets: (data and technical), with module: <id> and their confidentiality, integrity and availability needs."},
		{RuleUncovered, "A STRIDE category that applies to an element ends neither as a threat nor as not applicable.",
			"Write the threat (threats: with stride and elements, subject first), or state why the category cannot apply (not_applicable: with element, stride, reason)."},
		{RuleImpactUnstated, "A threat names no asset at stake and neither do its elements, or it belongs to no module.",
			"Name the assets the threat endangers (assets: on the threat, or on its elements), and the module (module: on the file or element)."},
		{RuleStaleTreatment, "A threats-list entry treats a generated threat that no rule raises any more.",
			"Remove the entry, or restore what the rule matched; the model changed under the treatment."},
	}
}

// Run loads the threat model the root model names and judges its coverage.
func (ch ThreatModel) Run(_ context.Context, f *collect.Facts) (Outcome, error) {
	a, skipped, err := analyzeThreatModel(f)
	if err != nil || skipped != nil {
		return deref(skipped), err
	}
	j := &tmJudge{check: ch.ID(), m: f.Model, a: a}
	j.modules()
	j.obligations()
	for i := range a.Threats {
		j.impact(&a.Threats[i])
	}
	for _, e := range a.Stale {
		j.add(RuleStaleTreatment, finding.Warning, []string{ReqThreatModels}, e.Pos, []string{e.ID},
			fmt.Sprintf("threat %s is treated but no rule raises it any more", e.ID),
			"remove the entry, or restore what the rule matched")
	}
	s := a.Summarize()
	return Outcome{
		Findings: j.out,
		Summary: fmt.Sprintf("%d threats, %d of %d STRIDE obligations covered, %d files",
			s.Threats, s.Covered, s.Obligations, len(a.Model.Files)),
	}, nil
}

// analyzeThreatModel loads and analyses the threat model the root model
// names; skipped is set when it names none (nothing to check). A threat
// model that does not load is an error: the gate cannot answer.
func analyzeThreatModel(f *collect.Facts) (a *threat.Analysis, skipped *Outcome, err error) {
	if !f.Model.ThreatModel.Configured() {
		return nil, &Outcome{Skipped: true, Summary: "the model names no threat model (threat_model.files)"}, nil
	}
	tm, err := threat.Load(f.Root, f.Model)
	if err != nil {
		return nil, nil, err
	}
	a, err = rules.Analyze(tm)
	return a, nil, err
}

func deref(o *Outcome) Outcome {
	if o == nil {
		return Outcome{}
	}
	return *o
}

// tmJudge collects the findings of the threat model checks.
type tmJudge struct {
	check string
	m     *model.Model
	a     *threat.Analysis
	out   []finding.Finding
}

func (j *tmJudge) add(rule string, sev finding.Severity, reqs []string, at model.Pos, key []string, msg, fix string) {
	j.out = append(j.out, finding.Finding{
		ID: finding.Fingerprint(rule, key...), Rule: rule, Check: j.check, Requirements: reqs,
		Severity: sev, Location: finding.Location{File: at.File, Line: at.Line, Column: at.Column},
		Message: msg, Remediation: fix,
	})
}

// modules: every security-relevant module needs elements (its data flow
// diagram) and assets in the threat model.
func (j *tmJudge) modules() {
	tm := j.a.Model
	elements, assets := map[string]int{}, map[string]int{}
	for _, e := range tm.Elements {
		elements[e.Module]++
	}
	for _, a := range tm.Assets {
		assets[a.Module]++
	}
	for _, mod := range j.m.Modules {
		if !mod.SecurityRelevant {
			continue
		}
		if elements[mod.ID] == 0 {
			j.add(RuleModuleNotModelled, finding.Error, []string{ReqThreatModels, ReqDecompose}, mod.Pos, []string{mod.ID},
				fmt.Sprintf("security-relevant module %s has no threat model: no element of the data flow diagram belongs to it", mod.ID),
				"model its processes, data stores and flows with module: "+mod.ID)
			continue
		}
		if assets[mod.ID] == 0 {
			j.add(RuleNoAssets, finding.Error, []string{ReqAssets}, mod.Pos, []string{mod.ID},
				fmt.Sprintf("the threat model of module %s names no asset", mod.ID),
				"list what it protects under assets: with module: "+mod.ID)
		}
	}
}

func (j *tmJudge) obligations() {
	for _, o := range j.a.Obligations {
		if o.Covered() {
			continue
		}
		j.add(RuleUncovered, finding.Error, []string{ReqSTRIDE}, o.Pos, []string{o.Element, string(o.STRIDE)},
			fmt.Sprintf("%s %s: no threat covers %s", o.Kind, o.Element, o.STRIDE),
			fmt.Sprintf("write a %s threat with %s as its first element, or add not_applicable: {element: %s, stride: [%s], reason: …}", o.STRIDE, o.Element, o.Element, o.STRIDE))
	}
}

func (j *tmJudge) impact(t *threat.Threat) {
	if len(t.Assets) > 0 && t.Module != "" {
		return
	}
	var missing []string
	if len(t.Assets) == 0 {
		missing = append(missing, "asset")
	}
	if t.Module == "" {
		missing = append(missing, "module")
	}
	j.add(RuleImpactUnstated, finding.Warning, []string{ReqImpact}, t.Pos, []string{t.ID},
		fmt.Sprintf("threat %s names no %s at stake", t.ID, strings.Join(missing, " and no ")),
		"name the assets it endangers and the module it lands in, so its impact can be judged")
}
