package render

import (
	"bytes"
	"embed"
	"html/template"
	"io"
	"strings"

	"github.com/assure-dev/assure/internal/threat"
)

//go:embed templates/report.html.tmpl
var templates embed.FS

var reportTmpl = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"join":       func(s []string) string { return strings.Join(s, ", ") },
	"lvl":        lvl,
	"score":      score,
	"short":      short,
	"protection": func(f FlowRow) string { return protection(&f.Flow) },
}).ParseFS(templates, "templates/report.html.tmpl"))

type count struct {
	Name string
	N    int
}

// HTML writes the report as one self-contained page: styles inline, the
// data flow and data-asset diagrams as inline SVG laid out in process, no scripts and nothing fetched from elsewhere, so it can be
// archived and handed to an auditor as it is.
func HTML(out io.Writer, r *Report) error {
	m := r.analysis.Model
	dfd, err := DFD(m, Options{Analysis: r.analysis}).SVG()
	if err != nil {
		return err
	}
	assets, err := AssetDiagram(m, Options{}).SVG()
	if err != nil {
		return err
	}
	title := "Threat model"
	if r.Project != "" {
		title += ": " + r.Project
	}
	data := struct {
		Title                  string
		R                      *Report
		DFD, AssetsSVG         template.HTML
		Treatments, Severities []count
		Mitigated              int
	}{
		Title: title, R: r,
		// The two diagrams have their own id prefixes, so their
		// arrowhead ids do not clash on one page.
		DFD: diagramHTML(dfd), AssetsSVG: diagramHTML(assets),
		Mitigated: r.Summary.Proven + r.Summary.Unproven,
	}
	for _, st := range []threat.Status{threat.Open, threat.Mitigated, threat.Accepted, threat.Transferred, threat.NotApplicable} {
		if n := r.Summary.ByTreatment[string(st)]; n > 0 {
			data.Treatments = append(data.Treatments, count{string(st), n})
		}
	}
	for _, sev := range []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNSCORED"} {
		if n := r.Summary.BySeverity[sev]; n > 0 {
			data.Severities = append(data.Severities, count{sev, n})
		}
	}
	var buf bytes.Buffer
	if err := reportTmpl.Execute(&buf, data); err != nil {
		return err
	}
	_, err = out.Write(buf.Bytes())
	return err
}

// diagramHTML is a diagram's SVG as markup the template writes unescaped.
// Package diagram escapes every label and id it writes (xml.EscapeText)
// and accepts only validated colours and classes, so the SVG carries no
// markup from the model; this is the one place the page trusts markup.
func diagramHTML(svg []byte) template.HTML {
	// assure: waive W-0047 -- package diagram escapes every text it writes
	return template.HTML(inlineSVG(svg))
}
