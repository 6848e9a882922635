package report

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/sarif"
)

// fingerprintKey names assure's partial fingerprint; the version suffix lets
// the derivation of finding IDs change without colliding with old alerts.
const fingerprintKey = "assure/v1"

// defaultAnchor is where a finding without a file is anchored when the
// report does not name the model file: the directory the security model
// lives in by convention.
const defaultAnchor = "security"

// SARIF writes the report as a SARIF 2.1.0 log with one run, for GitHub code
// scanning and other SARIF viewers.
//
// GitHub rejects a whole upload if any result lacks a file location, and
// many assure findings are about a commit, not a file. Those results are
// anchored at the security model's root file (Subject.Model), the file whose
// policy makes the commit a violation and where a waiver would be recorded;
// the commit itself is given as a logical location of kind "commit" and in
// the result's properties.
func SARIF(w io.Writer, r *Report) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(toSARIF(r)); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

func toSARIF(r *Report) sarif.Log {
	fs := sortedFindings(r)
	rules, index := sarifRules(r, fs)
	results := make([]sarif.Result, 0, len(fs))
	for _, f := range fs {
		results = append(results, sarifResult(r, f, index[f.Rule]))
	}
	name := r.Tool.Name
	if name == "" {
		name = "assure"
	}
	driver := sarif.ToolComponent{
		Name:            name,
		Version:         r.Tool.Version,
		SemanticVersion: semanticVersion(r.Tool.Version),
		Rules:           rules,
	}
	if u, err := url.Parse(r.Tool.URI); err == nil && u.IsAbs() {
		driver.InformationURI = r.Tool.URI
	}
	run := sarif.Run{
		Tool:        sarif.Tool{Driver: driver},
		Invocations: []sarif.Invocation{sarifInvocation(r)},
		OriginalURIBaseIDs: map[string]sarif.ArtifactLocation{
			sarif.SrcRoot: {Description: &sarif.Message{Text: "The root of the repository that was checked."}},
		},
		Results: results,
		Properties: sarif.PropertyBag{
			"profile": r.Profile,
			"verdict": string(r.Verdict),
			"commits": r.Subject.Commits,
			"conformance": map[string]int{
				"met": r.Conformance.Met, "failed": r.Conformance.Failed, "notCovered": r.Conformance.NotCovered,
			},
		},
	}
	if r.Subject.Range != "" {
		run.Properties["range"] = r.Subject.Range
	}
	if r.Subject.Head != "" {
		run.Properties["head"] = r.Subject.Head
	}
	return sarif.Log{Schema: sarif.SchemaID, Version: sarif.Version, Runs: []sarif.Run{run}}
}

// sarifRules describes each distinct rule once, sorted by id, and returns
// the index of each rule for result.ruleIndex.
func sarifRules(r *Report, fs []finding.Finding) ([]sarif.ReportingDescriptor, map[string]int) {
	first := map[string]finding.Finding{}
	reqs := map[string][]string{}
	for _, f := range fs {
		if _, ok := first[f.Rule]; !ok {
			first[f.Rule] = f
		}
		if first[f.Rule].Remediation == "" && f.Remediation != "" {
			first[f.Rule] = f
		}
		reqs[f.Rule] = append(reqs[f.Rule], f.Requirements...)
	}
	ids := make([]string, 0, len(first))
	for id := range first {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	titles := checkTitles(r)
	known := requirementsByID(r)
	meta := map[string]Rule{}
	for _, ru := range r.Rules {
		meta[ru.ID] = ru
	}
	rules := make([]sarif.ReportingDescriptor, 0, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		f := first[id]
		rq := reqs[id]
		slices.Sort(rq)
		rq = slices.Compact(rq)
		short := id
		if t := titles[f.Check]; t != "" {
			short = t + " (" + id + ")"
		}
		help := f.Remediation
		// Rule metadata, when the checks gave it, is general; a finding's
		// remediation may name the people and files of that one finding.
		if m, ok := meta[id]; ok {
			short, help = m.Summary, m.Help
		}
		text, md := ruleHelp(help, rq, known)
		d := sarif.ReportingDescriptor{
			ID:               id,
			Name:             ruleName(id),
			ShortDescription: &sarif.MultiformatMessageString{Text: short},
			Help:             &sarif.MultiformatMessageString{Text: text, Markdown: md},
			Properties: sarif.PropertyBag{
				"tags":         ruleTags(f.Check),
				"check":        f.Check,
				"requirements": nonNil(rq),
			},
		}
		if full := fullDescription(rq, known); full != "" {
			d.FullDescription = &sarif.MultiformatMessageString{Text: full}
		}
		rules = append(rules, d)
		index[id] = i
	}
	return rules, index
}

// ruleTags are the GitHub code-scanning filters of a rule: "security" puts
// the alerts under security, the check id groups them. Tags must be unique.
func ruleTags(check string) []string {
	tags := []string{"security"}
	if check != "" && check != "security" {
		tags = append(tags, check)
	}
	return tags
}

// fullDescription states the requirements a rule evidences, from the
// conformance section, so a reader of the alert sees why it matters.
func fullDescription(reqs []string, known map[string]Requirement) string {
	var lines []string
	for _, id := range reqs {
		if q, ok := known[id]; ok && q.Statement != "" {
			lines = append(lines, id+" ("+q.Level+"): "+q.Statement)
		}
	}
	return strings.Join(lines, "\n")
}

func ruleHelp(remediation string, reqs []string, known map[string]Requirement) (string, string) {
	if remediation == "" {
		remediation = "See the assure report for what to do."
	}
	text, md := remediation, remediation
	if len(reqs) > 0 {
		text += "\n\nRequirements: " + strings.Join(reqs, ", ")
		md += "\n\n**Requirements**\n"
		for _, id := range reqs {
			md += "\n- `" + id + "`"
			if q, ok := known[id]; ok && q.Statement != "" {
				md += " (" + q.Level + "): " + q.Statement
			}
		}
	}
	return text, md
}

// ruleName turns "change-management/missing-reference" into
// "ChangeManagementMissingReference", the identifier form SARIF suggests.
func ruleName(id string) string {
	var b strings.Builder
	upper := true
	for _, c := range id {
		isAlnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		switch {
		case !isAlnum:
			upper = true
		case upper:
			b.WriteString(strings.ToUpper(string(c)))
			upper = false
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return sarif.LevelError
	case finding.Warning:
		return sarif.LevelWarning
	default:
		return sarif.LevelNote
	}
}

func sarifResult(r *Report, f finding.Finding, ruleIndex int) sarif.Result {
	msg := f.Message
	if msg == "" {
		msg = f.Rule
	}
	props := sarif.PropertyBag{
		"check":        f.Check,
		"requirements": nonNil(f.Requirements),
	}
	if f.Location.Commit != "" {
		props["commit"] = f.Location.Commit
	}
	res := sarif.Result{
		RuleID:     f.Rule,
		RuleIndex:  &ruleIndex,
		Level:      sarifLevel(f.Severity),
		Message:    sarif.Message{Text: msg},
		Locations:  []sarif.Location{sarifLocation(r, f)},
		Properties: props,
	}
	if f.ID != "" {
		res.PartialFingerprints = map[string]string{fingerprintKey: f.ID}
	}
	if f.Waiver != nil {
		res.Suppressions = sarifSuppressions(f.Waiver)
	}
	return res
}

// sarifSuppressions records the waiver of a finding the way SARIF viewers
// understand (§3.35): an external suppression for the central entry and,
// when the source names the waiver, an inSource one for the comment. Both
// carry the waiver's status, so a waiver under review or rejected does not
// hide the result, and our waiver fields in the property bag.
func sarifSuppressions(w *finding.Waiver) []sarif.Suppression {
	status := sarif.StatusUnderReview
	switch w.Status {
	case finding.WaiverAccepted:
		status = sarif.StatusAccepted
	case finding.WaiverRejected:
		status = sarif.StatusRejected
	}
	just := w.Category
	if w.Justification != "" {
		if just != "" {
			just += ": "
		}
		just += w.Justification
	}
	props := sarif.PropertyBag{"waiver": w.ID, "waiverStatus": string(w.Status)}
	for k, v := range map[string]string{
		"category": w.Category, "author": w.Author, "expires": w.Expires, "note": w.Note, "tool": w.Tool,
		"toolVersion": w.ToolVersion, "analysisDate": w.AnalysisDate, "branch": w.Branch, "revision": w.Revision,
	} {
		if v != "" {
			props[k] = v
		}
	}
	if len(w.Approvers) > 0 {
		props["approvers"] = w.Approvers
	}
	if w.Registry != nil {
		props["registry"] = w.Registry.String()
	}
	out := []sarif.Suppression{{Kind: sarif.SuppressionExternal, Status: status, Justification: just, Properties: props}}
	if w.InSource != nil {
		in := sarif.PropertyBag{"waiver": w.ID, "comment": w.InSource.String()}
		out = append(out, sarif.Suppression{Kind: sarif.SuppressionInSource, Status: status, Justification: just, Properties: in})
	}
	return out
}

func sarifLocation(r *Report, f finding.Finding) sarif.Location {
	var loc sarif.Location
	if f.Location.File != "" {
		pl := &sarif.PhysicalLocation{
			ArtifactLocation: &sarif.ArtifactLocation{URI: fileURI(f.Location.File), URIBaseID: sarif.SrcRoot},
		}
		if f.Location.Line > 0 {
			pl.Region = &sarif.Region{StartLine: f.Location.Line}
			if f.Location.Column > 0 {
				pl.Region.StartColumn = f.Location.Column
			}
		}
		loc.PhysicalLocation = pl
	} else {
		anchor := r.Subject.Model
		if anchor == "" {
			anchor = defaultAnchor
		}
		loc.PhysicalLocation = &sarif.PhysicalLocation{
			ArtifactLocation: &sarif.ArtifactLocation{URI: fileURI(anchor), URIBaseID: sarif.SrcRoot},
		}
		what := "This finding"
		if f.Location.Commit != "" {
			what = "Commit " + shortHash(f.Location.Commit)
		}
		loc.Message = &sarif.Message{Text: what + " is not about a file; shown at the security model, whose policy it violates."}
	}
	if f.Location.Commit != "" {
		loc.LogicalLocations = []sarif.LogicalLocation{{
			Name: f.Location.Commit, FullyQualifiedName: f.Location.Commit, Kind: "commit",
		}}
	}
	return loc
}

// fileURI makes a repository-relative path a relative URI reference:
// separators become slashes, spaces and the like are percent-encoded, and a
// colon in the first segment cannot be mistaken for a scheme.
func fileURI(p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	return (&url.URL{Path: p}).String()
}

// sarifInvocation says whether assure itself ran cleanly; a check that could
// not run is a tool problem, not a finding, so it is a notification here.
func sarifInvocation(r *Report) sarif.Invocation {
	inv := sarif.Invocation{ExecutionSuccessful: true}
	for _, c := range r.Checks {
		if c.Status != Errored {
			continue
		}
		inv.ExecutionSuccessful = false
		text := "check " + c.ID + " could not run"
		if c.Error != "" {
			text += ": " + c.Error
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarif.Notification{
			Level:      sarif.LevelError,
			Message:    sarif.Message{Text: text},
			Descriptor: &sarif.ReportingDescriptorReference{ID: c.ID},
		})
	}
	return inv
}

// semverRE is the SemVer 2.0.0 grammar from semver.org.
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// semanticVersion returns v without a leading "v" when it is a semantic
// version; SARIF's semanticVersion must be one, so other builds (a commit id,
// "devel") leave it out.
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if semverRE.MatchString(v) {
		return v
	}
	return ""
}
