package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N"
	register(threat.Rule{
		ID: "gen.entity-repudiation", Pack: Generic, STRIDE: threat.Repudiation, CWE: []int{778}, Crossing: true,
		Title:       "External entity denies sending data",
		Description: "An external entity sends data across the trust boundary and can later deny it: the flow does not authenticate it or the receiver logs nothing.",
		Mitigation:  "Authenticate the entity on the flow and log what it sent (with its identity) where it cannot alter the record.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, src, dst *threat.Element) {
				if src.Kind != threat.ExternalEntity {
					return
				}
				if f.Authenticates && (dst.Kind != threat.Process || logged(m, dst)) {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{src.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("%s can deny what it sent over %s", src.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
