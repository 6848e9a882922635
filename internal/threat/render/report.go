package render

import (
	"encoding/json"
	"io"
	"sort"

	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/freshness"
	"github.com/assure-dev/assure/internal/threat/trace"
)

// ReportSchema names the version of the JSON report.
const ReportSchema = "https://assure.dev/schema/threat-report/v1"

// Report is everything an auditor reads about the threat model: what is
// protected, the data flow diagram, every threat with score and
// treatment, what the STRIDE-per-element obligations still miss, the
// traceability matrix and the review state of each module's model.
type Report struct {
	Schema  string `json:"schema"`
	Project string `json:"project"`
	// Commit is the commit the report describes, when known.
	Commit  string  `json:"commit,omitempty"`
	Summary Summary `json:"summary"`

	Assets          []threat.Asset          `json:"assets"`
	Boundaries      []threat.Boundary       `json:"trust_boundaries"`
	Elements        []threat.Element        `json:"elements"`
	Flows           []FlowRow               `json:"data_flows"`
	Threats         []threat.Threat         `json:"threats"`
	Uncovered       []threat.Obligation     `json:"uncovered_obligations"`
	Stale           []threat.Entry          `json:"stale_treatments"`
	Countermeasures []threat.Countermeasure `json:"countermeasures"`
	Assumptions     []threat.Assumption     `json:"assumptions"`
	// Traceability is set when test results were read.
	Traceability *trace.Matrix `json:"traceability,omitempty"`
	// Reviews is set when the review state was computed.
	Reviews []freshness.Status `json:"reviews,omitempty"`

	analysis *threat.Analysis
}

// FlowRow is a data flow with the trust boundaries it crosses.
type FlowRow struct {
	threat.Flow
	Crossed []string `json:"crossed,omitempty"`
}

// Summary counts what the report holds.
type Summary struct {
	Threats     int            `json:"threats"`
	ByTreatment map[string]int `json:"by_treatment"`
	BySeverity  map[string]int `json:"by_severity"`
	Obligations int            `json:"obligations"`
	Covered     int            `json:"obligations_covered"`
	Stale       int            `json:"stale_treatments"`
	// Mitigated threats whose countermeasures' tests all passed for the
	// commit (only with traceability).
	Proven    int `json:"mitigated_proven"`
	Unproven  int `json:"mitigated_unproven"`
	ReviewDue int `json:"reviews_with_problems"`
}

// Input is what a report is made of; Matrix and Reviews are optional.
type Input struct {
	Project  string
	Commit   string
	Analysis *threat.Analysis
	Matrix   *trace.Matrix
	Reviews  []freshness.Status
}

// NewReport assembles the report. Lists come sorted by id (threats) or in
// the model's order, which Load sorts by id.
func NewReport(in Input) *Report {
	a := in.Analysis
	m := a.Model
	r := &Report{
		Schema: ReportSchema, Project: in.Project, Commit: in.Commit,
		Assets: nonNil(m.Assets), Boundaries: nonNil(m.Boundaries), Elements: nonNil(m.Elements),
		Threats: nonNil(a.Threats), Stale: nonNil(a.Stale), Countermeasures: nonNil(m.Countermeasures),
		Assumptions: nonNil(m.Assumptions), Traceability: in.Matrix, Reviews: in.Reviews, Uncovered: []threat.Obligation{},
		analysis: a,
	}
	sort.SliceStable(r.Threats, func(i, j int) bool { return r.Threats[i].ID < r.Threats[j].ID })
	r.Flows = []FlowRow{}
	for i := range m.Flows {
		f := &m.Flows[i]
		r.Flows = append(r.Flows, FlowRow{Flow: *f, Crossed: m.Crossed(f)})
	}
	s := Summary{Threats: len(a.Threats), ByTreatment: map[string]int{}, BySeverity: map[string]int{},
		Obligations: len(a.Obligations), Stale: len(a.Stale)}
	for _, t := range a.Threats {
		s.ByTreatment[string(t.Treatment.Status)]++
		sev := t.CVSS.Severity
		if sev == "" {
			sev = "UNSCORED"
		}
		s.BySeverity[sev]++
	}
	for _, o := range a.Obligations {
		if o.Covered() {
			s.Covered++
		} else {
			r.Uncovered = append(r.Uncovered, o)
		}
	}
	if in.Matrix != nil {
		for _, t := range in.Matrix.Threats {
			if t.Status != threat.Mitigated {
				continue
			}
			if t.Proven {
				s.Proven++
			} else {
				s.Unproven++
			}
		}
	}
	for _, st := range in.Reviews {
		if st.Problem != "" {
			s.ReviewDue++
		}
	}
	r.Summary = s
	return r
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return append([]T(nil), s...)
}

// JSON writes the report as indented JSON. Maps are written with sorted
// keys by encoding/json, so the bytes are stable.
func JSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
