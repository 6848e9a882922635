package render

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/trace"
)

// cell makes text safe for one Markdown table cell: pipes escaped, line
// breaks folded, and angle brackets as entities so no HTML gets through.
func cell(s string) string {
	r := strings.NewReplacer("|", `\|`, "\r", "", "\n", " ", "<", "&lt;", ">", "&gt;")
	return r.Replace(strings.TrimSpace(s))
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.ReplaceAll(cell(s), "`", "'") + "`"
}

type mdWriter struct {
	b strings.Builder
}

func (w *mdWriter) p(format string, a ...any) { fmt.Fprintf(&w.b, format, a...); w.b.WriteByte('\n') }

func (w *mdWriter) table(head []string, rows [][]string) {
	w.p("| %s |", strings.Join(head, " | "))
	seps := make([]string, len(head))
	for i := range seps {
		seps[i] = "---"
	}
	w.p("| %s |", strings.Join(seps, " | "))
	for _, r := range rows {
		w.p("| %s |", strings.Join(r, " | "))
	}
	w.p("")
}

// Markdown writes the report for a pull request comment, a wiki or a
// certification dossier: the data flow diagram as Mermaid, then tables.
func Markdown(out io.Writer, r *Report) error {
	w := &mdWriter{}
	title := "Threat model"
	if r.Project != "" {
		title += ": " + r.Project
	}
	w.p("# %s", cell(title))
	w.p("")
	if r.Commit != "" {
		w.p("Commit %s.", code(r.Commit))
		w.p("")
	}
	w.summary(r)
	w.p("## Data flow diagram")
	w.p("")
	w.p("```mermaid")
	w.b.WriteString(MermaidDFD(r.analysis.Model, Options{Analysis: r.analysis}))
	w.p("```")
	w.p("")
	w.p("Dashed boxes are trust boundaries; red flows cross one without authentication, encryption and integrity.")
	w.p("")
	w.assets(r)
	w.flows(r)
	w.threats(r)
	w.uncovered(r)
	if r.Traceability != nil {
		w.matrix(r.Traceability)
	}
	if r.Reviews != nil {
		w.reviews(r)
	}
	_, err := io.WriteString(out, w.b.String())
	return err
}

func (w *mdWriter) summary(r *Report) {
	s := r.Summary
	w.p("## Summary")
	w.p("")
	rows := [][]string{
		{"Assets", strconv.Itoa(len(r.Assets))},
		{"Elements / data flows / trust boundaries", fmt.Sprintf("%d / %d / %d", len(r.Elements), len(r.Flows), len(r.Boundaries))},
		{"Threats", strconv.Itoa(s.Threats)},
	}
	for _, st := range []threat.Status{threat.Open, threat.Mitigated, threat.Accepted, threat.Transferred, threat.NotApplicable} {
		if n := s.ByTreatment[string(st)]; n > 0 {
			rows = append(rows, []string{"— " + string(st), strconv.Itoa(n)})
		}
	}
	for _, sev := range []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNSCORED"} {
		if n := s.BySeverity[sev]; n > 0 {
			rows = append(rows, []string{"— CVSS " + strings.ToLower(sev), strconv.Itoa(n)})
		}
	}
	rows = append(rows, []string{"STRIDE obligations covered", fmt.Sprintf("%d of %d", s.Covered, s.Obligations)})
	if s.Stale > 0 {
		rows = append(rows, []string{"Treatments of threats no rule raises", strconv.Itoa(s.Stale)})
	}
	if r.Traceability != nil {
		rows = append(rows, []string{"Mitigated threats proven by passing tests", fmt.Sprintf("%d of %d", s.Proven, s.Proven+s.Unproven)})
	}
	if r.Reviews != nil {
		rows = append(rows, []string{"Module threat models needing attention", strconv.Itoa(s.ReviewDue)})
	}
	w.table([]string{"", "count"}, rows)
}

func (w *mdWriter) assets(r *Report) {
	w.p("## Assets")
	w.p("")
	if len(r.Assets) == 0 {
		w.p("The model names no assets.")
		w.p("")
		return
	}
	var rows [][]string
	for _, a := range r.Assets {
		rows = append(rows, []string{code(a.ID), cell(a.Label()), cell(a.Kind), cell(a.Module),
			cell(lvl(a.Confidentiality)), cell(lvl(a.Integrity)), cell(lvl(a.Availability)), cell(strings.Join(a.Traits, ", "))})
	}
	w.table([]string{"id", "name", "kind", "module", "C", "I", "A", "traits"}, rows)
	w.p("```mermaid")
	w.b.WriteString(MermaidAssets(r.analysis.Model, Options{}))
	w.p("```")
	w.p("")
	w.p("Each asset is linked to the elements that store, process, send or receive it; its fill is its highest need (red high, orange medium, yellow low).")
	w.p("")
}

func (w *mdWriter) flows(r *Report) {
	w.p("## Data flows")
	w.p("")
	if len(r.Flows) == 0 {
		w.p("The model has no data flows.")
		w.p("")
		return
	}
	var rows [][]string
	for _, f := range r.Flows {
		rows = append(rows, []string{code(f.ID), cell(f.From + " → " + f.To), cell(f.Protocol), cell(strings.Join(f.Assets, ", ")),
			cell(protection(&f.Flow)), cell(strings.Join(f.Crossed, ", "))})
	}
	w.table([]string{"id", "from → to", "protocol", "assets", "protection", "crosses"}, rows)
}

func score(t threat.Threat) string {
	if t.CVSS.Vector == "" {
		return "–"
	}
	return fmt.Sprintf("%.1f %s", t.CVSS.Score, strings.ToLower(t.CVSS.Severity))
}

func (w *mdWriter) threats(r *Report) {
	w.p("## Threats")
	w.p("")
	if len(r.Threats) == 0 {
		w.p("No threats.")
		w.p("")
		return
	}
	var rows [][]string
	for _, t := range r.Threats {
		treat := string(t.Treatment.Status)
		switch {
		case len(t.Treatment.Countermeasures) > 0:
			treat += ": " + strings.Join(t.Treatment.Countermeasures, ", ")
		case t.Treatment.Reason != "":
			treat += ": " + t.Treatment.Reason
		}
		rows = append(rows, []string{code(t.ID), t.STRIDE.Letter(), cell(score(t)), cell(t.Title), cell(treat)})
	}
	w.table([]string{"id", "STRIDE", "CVSS", "threat", "treatment"}, rows)
	if len(r.Stale) > 0 {
		w.p("Treatments that name a threat no rule raises any more (the model changed under them):")
		w.p("")
		for _, e := range r.Stale {
			w.p("- %s (%s)", code(e.ID), cell(e.Pos.String()))
		}
		w.p("")
	}
}

func (w *mdWriter) uncovered(r *Report) {
	w.p("## STRIDE per element")
	w.p("")
	if len(r.Uncovered) == 0 {
		w.p("Every element × applicable STRIDE category ends as a threat or as not applicable with a reason.")
		w.p("")
		return
	}
	w.p("Obligations no threat and no reason covers yet:")
	w.p("")
	var rows [][]string
	for _, o := range r.Uncovered {
		rows = append(rows, []string{code(o.Element), cell(string(o.Kind)), cell(string(o.STRIDE))})
	}
	w.table([]string{"element", "kind", "STRIDE"}, rows)
}

// matrix writes asset ⇄ threat ⇄ countermeasure ⇄ test ⇄ result ⇄ commit,
// one row per test of a countermeasure of a threat that names any.
func (w *mdWriter) matrix(mx *trace.Matrix) {
	w.p("## Traceability")
	w.p("")
	w.p("Asset ⇄ threat ⇄ countermeasure ⇄ test ⇄ result ⇄ commit, for commit %s.", code(mx.Commit))
	w.p("")
	var rows [][]string
	for _, t := range mx.Threats {
		if len(t.Countermeasures) == 0 {
			continue
		}
		for _, c := range t.Countermeasures {
			if len(c.Tests) == 0 {
				rows = append(rows, []string{cell(strings.Join(t.Assets, ", ")), code(t.ID), cell(string(t.Status)), code(c.ID), "—", "**no tests**", "", ""})
				continue
			}
			for _, tr := range c.Tests {
				res := string(tr.State)
				if !tr.State.Proves() {
					res = "**" + res + "**"
				}
				if tr.Detail != "" {
					res += ": " + tr.Detail
				}
				rows = append(rows, []string{cell(strings.Join(t.Assets, ", ")), code(t.ID), cell(string(t.Status)), code(c.ID),
					code(tr.Ref), cell(res), cell(strings.Join(tr.Results, ", ")), code(short(tr.Commit))})
			}
		}
	}
	if len(rows) == 0 {
		w.p("No threat names a countermeasure.")
		w.p("")
	} else {
		w.table([]string{"assets", "threat", "treatment", "countermeasure", "test", "result", "evidence", "commit"}, rows)
	}
	if len(mx.Files) == 0 {
		w.p("No test result files were found.")
		w.p("")
		return
	}
	w.p("Result files:")
	w.p("")
	var frows [][]string
	for _, f := range mx.Files {
		st := "counts"
		if !f.Fresh {
			st = "does not count: " + f.Reason
		}
		frows = append(frows, []string{code(f.Path), cell(string(f.Format)), cell(f.Binding), code(short(f.Commit)), strconv.Itoa(f.Results), cell(st)})
	}
	w.table([]string{"file", "format", "bound by", "commit", "results", "status"}, frows)
}

func (w *mdWriter) reviews(r *Report) {
	w.p("## Reviews")
	w.p("")
	if len(r.Reviews) == 0 {
		w.p("No security-relevant module.")
		w.p("")
		return
	}
	rs := append(r.Reviews[:0:0], r.Reviews...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Module < rs[j].Module })
	var rows [][]string
	for _, st := range rs {
		status := "current"
		if st.Problem != "" {
			status = "**" + st.Problem + "**"
		}
		rows = append(rows, []string{code(st.Module), code(st.File), code(short(st.Commit)), cell(st.Reviewer),
			fmt.Sprintf("%d files, %d lines", st.FilesChanged, st.LinesChanged), status})
	}
	w.table([]string{"module", "threat model", "reviewed at", "by", "changed since", "status"}, rows)
}

func short(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
