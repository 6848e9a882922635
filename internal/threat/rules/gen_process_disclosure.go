package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N"
	register(threat.Rule{
		ID: "gen.process-disclosure", Pack: Generic, STRIDE: threat.InformationDisclosure, CWE: []int{200}, Crossing: true,
		Title:       "Process discloses confidential data across a boundary",
		Description: "The process handles highly confidential data and sends across the trust boundary; error messages, debug output or a wrong field can carry that data out.",
		Mitigation:  "Send only what the receiver needs (allow-list the fields), keep secrets out of errors and logs, review the outbound encoders.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			eachElement(m, threat.Process, func(p *threat.Element) {
				var secret []*threat.Asset
				for _, a := range m.ElementAssets(p) {
					if a.Confidentiality == threat.LevelHigh {
						secret = append(secret, a)
					}
				}
				if len(secret) == 0 {
					return
				}
				for _, f := range m.Outbound(p.ID) {
					if !m.Crosses(f) {
						continue
					}
					hits = append(hits, threat.Hit{
						Elements: []string{p.ID, f.ID}, CVSS: withAV(vector, f), Assets: assetIDs(secret),
						Title: fmt.Sprintf("%s leaks confidential data over %s", p.Label(), via(f)),
					})
				}
			})
			return hits
		},
	})
}
