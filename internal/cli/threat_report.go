package cli

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/gitlog"
	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/render"
)

func init() {
	threatSubcommands = append(threatSubcommands, newThreatReportCmd, newThreatDiagramCmd)
}

func newThreatReportCmd(e *env) *cobra.Command {
	var format, output, outDir string
	cmd := &cobra.Command{
		Use:   "report",
		Short: "write the threat report: diagrams, threats, scores, traceability to tests",
		Long: `report writes the threat report an auditor reads: assets, the data flow
diagram, every threat with its CVSS score and treatment, the STRIDE-per-element
obligations still open, the traceability matrix (asset, threat, countermeasure,
test, result, commit) from the test results of HEAD that threat_model.tests
names, and the review state of each security-relevant module's threat model.

Formats: markdown (Mermaid diagram, for a wiki or pull request), html (one
self-contained page with SVG diagrams), json. --out-dir writes everything at
once: the report in the three formats and both diagrams as SVG, DOT and
Mermaid. The same model and results give the same bytes.`,
		Example: `  assure threat report --format html -o threat-report.html
  assure threat report --format markdown > THREATS.md
  assure threat report --out-dir build/threats`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "markdown" && format != "html" && format != "json" {
				return usageErr("unknown format %q (hint: use markdown, html or json)", format)
			}
			if outDir != "" && (cmd.Flags().Changed("format") || cmd.Flags().Changed("output")) {
				return usageErr("--out-dir writes every format; leave out --format and --output")
			}
			ctx := threatCtx(cmd)
			a, err := analyzeThreats(ctx, e)
			if err != nil {
				return err
			}
			root, err := modelRoot(ctx, e)
			if err != nil {
				return err
			}
			head, _ := gitlog.Head(ctx, root) // no repository, no commit: no traceability
			r, err := render.Assemble(ctx, root, head, a)
			if err != nil {
				return inputErr(err)
			}
			if outDir != "" {
				files, err := render.All(r)
				if err != nil {
					return inputErr(err)
				}
				for _, f := range files {
					p := filepath.Join(outDir, f.Name)
					if err := writeOut(e, p, f.Data); err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "wrote %s\n", filepath.ToSlash(p))
				}
				return nil
			}
			var buf bytes.Buffer
			switch format {
			case "markdown":
				err = render.Markdown(&buf, r)
			case "html":
				err = render.HTML(&buf, r)
			default:
				err = render.JSON(&buf, r)
			}
			if err != nil {
				return inputErr(err)
			}
			return writeOut(e, output, buf.Bytes())
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "markdown", "output `FORMAT`: markdown, html or json")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` instead of standard output")
	cmd.Flags().StringVar(&outDir, "out-dir", "", "write the report in every format and both diagrams in every format to `DIR`")
	return cmd
}

func newThreatDiagramCmd(e *env) *cobra.Command {
	var kind, format, output, module string
	cmd := &cobra.Command{
		Use:   "diagram",
		Short: "draw the data flow diagram or the data-asset diagram (SVG, DOT, Mermaid)",
		Long: `diagram draws the threat model: --kind dfd (default) is the data flow diagram
with nested trust boundaries, flows labelled with protocol and protections, red
where a flow crosses a boundary unprotected; --kind assets links each data asset
to the elements that store, process, send or receive it.

SVG is laid out inside assure by Graphviz compiled to WebAssembly: no Graphviz
install is needed. DOT is the graph for your own Graphviz; mermaid (dfd only)
is for Markdown. --module shows one module with its neighbours greyed.`,
		Example: `  assure threat diagram -o dfd.svg
  assure threat diagram --kind assets --format dot | dot -Tpng > assets.png
  assure threat diagram --format mermaid --module ota`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if kind != render.KindDFD && kind != render.KindAssets {
				return usageErr("unknown kind %q (hint: use dfd or assets)", kind)
			}
			if format == "" {
				format = "svg"
				if strings.HasSuffix(output, ".dot") || strings.HasSuffix(output, ".gv") {
					format = "dot"
				} else if strings.HasSuffix(output, ".mmd") || strings.HasSuffix(output, ".md") {
					format = "mermaid"
				}
			}
			if format != "svg" && format != "dot" && format != "mermaid" {
				return usageErr("unknown format %q (hint: use svg, dot or mermaid)", format)
			}
			ctx := threatCtx(cmd)
			a, err := analyzeThreats(ctx, e)
			if err != nil {
				return err
			}
			if module != "" && !threatHasModule(a, module) {
				return usageErr("--module %s: the model has no such module", module)
			}
			o := render.Options{Module: module, Analysis: a}
			if kind == render.KindAssets {
				// The data-asset diagram is about where data lives, as in
				// the reports: it marks no open threats.
				o.Analysis = nil
			}
			var out []byte
			if format == "mermaid" {
				if kind == render.KindAssets {
					out = []byte(render.MermaidAssets(a.Model, o))
				} else {
					out = []byte(render.MermaidDFD(a.Model, o))
				}
				return writeOut(e, output, out)
			}
			g := render.DFD(a.Model, o)
			if kind == render.KindAssets {
				g = render.AssetDiagram(a.Model, o)
			}
			if format == "svg" {
				out, err = g.SVG()
			} else {
				out, err = g.DOT()
			}
			if err != nil {
				return inputErr(err)
			}
			return writeOut(e, output, out)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&kind, "kind", render.KindDFD, "`KIND` of diagram: dfd or assets")
	fl.StringVarP(&format, "format", "f", "", "output `FORMAT`: svg (default), dot or mermaid")
	fl.StringVarP(&output, "output", "o", "", "write to `FILE` instead of standard output")
	fl.StringVar(&module, "module", "", "show only `MODULE` and its neighbours")
	return cmd
}

func threatCtx(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

// threatHasModule reports whether the root model (or, without one, any
// element of the threat model) names module id.
func threatHasModule(a *threat.Analysis, id string) bool {
	if rm := a.Model.Root; rm != nil {
		for _, m := range rm.Modules {
			if m.ID == id {
				return true
			}
		}
	}
	for _, el := range a.Model.Elements {
		if el.Module == id {
			return true
		}
	}
	return false
}
