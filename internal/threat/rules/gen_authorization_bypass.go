package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"
	register(threat.Rule{
		ID: "gen.authorization-bypass", Pack: Generic, STRIDE: threat.ElevationOfPrivilege, CWE: []int{862}, Crossing: true,
		Title:       "Missing authorization of an external request",
		Description: "The process carries out what an external entity asks across the trust boundary without checking that this entity may ask it.",
		Mitigation:  "Check every request against an explicit permission of the authenticated requester (deny by default); claim access-control on the process once it does.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, src, dst *threat.Element) {
				if src.Kind != threat.ExternalEntity || dst.Kind != threat.Process || dst.HasControl("access-control") {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{dst.ID, src.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("%s acts on requests of %s without authorization", dst.Label(), src.Label()),
				})
			})
			return hits
		},
	})
}
