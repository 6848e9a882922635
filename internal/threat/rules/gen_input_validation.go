package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:L"
	register(threat.Rule{
		ID: "gen.input-validation", Pack: Generic, STRIDE: threat.Tampering, CWE: []int{20}, Crossing: true,
		Title:       "Lack of input validation",
		Description: "The process acts on data from across the trust boundary; without validating it, crafted input changes what the process does or stores.",
		Mitigation:  "Validate every field of the input against an explicit specification before use (type, length, range); reject the rest. Fuzz the entry point.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, dst *threat.Element) {
				if dst.Kind != threat.Process || dst.HasControl("input-validation") {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{dst.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("%s may not validate input from %s", dst.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
