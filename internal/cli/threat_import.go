package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/threat/importer"
)

func init() { threatSubcommands = append(threatSubcommands, newThreatImportCmd) }

func newThreatImportCmd(e *env) *cobra.Command {
	var from, output, module string
	var force bool
	cmd := &cobra.Command{
		Use:   "import --from threagile|threat-dragon FILE",
		Short: "convert a Threagile or OWASP Threat Dragon model into an assure threat model file",
		Long: `import reads a Threagile model (YAML) or an OWASP Threat Dragon v2 model (JSON)
and writes one assure threat model file. What has no place in assure's model
(Threagile's own risk rules and tracking, shared runtimes, trust boundary curves,
non-STRIDE threats, …) is listed on standard error as "not carried over"; what
was carried over in a weaker or guessed form (CVSS vectors from coarse
severities, levels beyond high) as "approximated", and the file marks each
approximated vector with a comment.`,
		Example: `  assure threat import --from threagile threagile.yaml -o security/threats/portal.yaml
  assure threat import --from threat-dragon model.json --module ota -o security/threats/ota.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var fn func(string, []byte, string) (*importer.Result, error)
			switch from {
			case "threagile":
				fn = importer.Threagile
			case "threat-dragon", "threatdragon":
				fn = importer.ThreatDragon
			default:
				return usageErr("--from %q: want threagile or threat-dragon", from)
			}
			src, err := readArgFile(e, args[0])
			if err != nil {
				return err
			}
			r, err := fn(args[0], src, module)
			if err != nil {
				return inputErr(err)
			}
			if output != "" && output != "-" && !force {
				p := output
				if !filepath.IsAbs(p) {
					p = filepath.Join(e.dir, p)
				}
				if _, err := os.Stat(p); err == nil {
					return usageErr("%s exists (hint: --force replaces it)", output)
				}
			}
			if err := writeOut(e, output, r.YAML); err != nil {
				return err
			}
			var b bytes.Buffer
			fmt.Fprintf(&b, "%s\n", r.Summary())
			if len(r.Lost) > 0 {
				b.WriteString("not carried over:\n")
				for _, l := range r.Lost {
					fmt.Fprintf(&b, "  - %s\n", l)
				}
			}
			if len(r.Approximated) > 0 {
				b.WriteString("approximated (review these):\n")
				for _, l := range r.Approximated {
					fmt.Fprintf(&b, "  - %s\n", l)
				}
			}
			_, err = e.stderr.Write(b.Bytes())
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&from, "from", "", "source `FORMAT`: threagile or threat-dragon")
	fl.StringVarP(&output, "output", "o", "", "write the threat model file to `FILE` instead of standard output")
	fl.StringVar(&module, "module", "", "the `MODULE` the imported model belongs to")
	fl.BoolVar(&force, "force", false, "replace the output file if it exists")
	return cmd
}
