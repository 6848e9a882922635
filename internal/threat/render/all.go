package render

import "bytes"

// File is one output of a full run: its file name and contents.
type File struct {
	Name string
	Data []byte
}

// All renders every output of the report in one go, in a fixed order: the
// report in Markdown, HTML and JSON, and the data flow and data-asset
// diagrams as SVG, DOT and Mermaid. A CI job archives them together, and
// one process does the analysis once instead of once per format.
func All(r *Report) ([]File, error) {
	m := r.analysis.Model
	var out []File
	for _, f := range []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"report.md", func(b *bytes.Buffer) error { return Markdown(b, r) }},
		{"report.html", func(b *bytes.Buffer) error { return HTML(b, r) }},
		{"report.json", func(b *bytes.Buffer) error { return JSON(b, r) }},
	} {
		var b bytes.Buffer
		if err := f.render(&b); err != nil {
			return nil, err
		}
		out = append(out, File{f.name, b.Bytes()})
	}
	for _, d := range []struct{ name, mermaid string }{
		{"dfd", MermaidDFD(m, Options{Analysis: r.analysis})},
		{"assets", MermaidAssets(m, Options{})},
	} {
		g := DFD(m, Options{Analysis: r.analysis})
		if d.name == "assets" {
			g = AssetDiagram(m, Options{})
		}
		svg, err := g.SVG()
		if err != nil {
			return nil, err
		}
		dot, err := g.DOT()
		if err != nil {
			return nil, err
		}
		out = append(out, File{d.name + ".svg", svg}, File{d.name + ".dot", dot}, File{d.name + ".mmd", []byte(d.mermaid)})
	}
	return out, nil
}
