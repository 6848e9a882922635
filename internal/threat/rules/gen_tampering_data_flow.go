package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N"
	register(threat.Rule{
		ID: "gen.tampering-data-flow", Pack: Generic, STRIDE: threat.Tampering, CWE: []int{345}, Crossing: true,
		Title:       "Tampering with a data flow",
		Description: "Data crossing the trust boundary is changed on the way, and the receiver cannot notice because the flow carries no integrity check.",
		Mitigation:  "Protect the flow's integrity: an authenticated encryption mode (AES-CCM/GCM), a MAC, or signed messages, checked before use.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, _ *threat.Element) {
				if f.Integrity {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{f.ID}, CVSS: withAV(vector, f), Assets: f.Assets,
					Title: fmt.Sprintf("Tampering with %s", via(f)),
				})
			})
			return hits
		},
	})
}
