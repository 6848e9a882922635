package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H"
	register(threat.Rule{
		ID: "gen.remote-code-execution", Pack: Generic, STRIDE: threat.ElevationOfPrivilege, CWE: []int{94}, Crossing: true,
		Title:       "Elevation of privilege by remote code execution",
		Description: "A flaw in how the process handles input from across the trust boundary lets an attacker run code with the process's privileges.",
		Mitigation:  "Memory-safe parsing, stack protection and non-executable data (MPU), least privilege for the process; fuzz the entry point.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, dst *threat.Element) {
				if dst.Kind != threat.Process {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{dst.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("Code execution in %s through %s", dst.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
