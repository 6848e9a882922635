package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"
	register(threat.Rule{
		ID: "emb.unbounded-parser", Pack: Embedded, STRIDE: threat.ElevationOfPrivilege, CWE: []int{787, 120},
		Title:       "Parser of radio or network input without bounds checking",
		Description: "A parser takes frames from a radio or network link (or from across a trust boundary) and trusts the lengths and counts inside them; a crafted frame writes past a buffer and runs the attacker's code.",
		Mitigation:  "Check every length and count against the buffer before copying, parse with a bounded reader, and fuzz the parser in CI (a fuzz target named in the countermeasure's tests); claim bounds-checking once done.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			eachFlow(m, func(f *threat.Flow, src, dst *threat.Element) {
				if dst.Kind != threat.Process || !dst.HasTrait("parser") || dst.HasControl("bounds-checking") {
					return
				}
				av := attackVector(f.Protocol)
				remote := av == "A" || av == "N" || src.HasTrait("radio") || src.HasTrait("network") || m.Crosses(f)
				if !remote {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{dst.ID, f.ID}, CVSS: withAV(vector, f), Assets: f.Assets,
					Title: fmt.Sprintf("%s parses %s without bounds checking", dst.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
