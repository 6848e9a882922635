package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N"
	register(threat.Rule{
		ID: "gen.data-flow-sniffing", Pack: Generic, STRIDE: threat.InformationDisclosure, CWE: []int{319}, Crossing: true,
		Title:       "Data flow sniffing",
		Description: "Confidential data crosses the trust boundary in the clear; anyone who can listen on the channel reads it.",
		Mitigation:  "Encrypt the flow (TLS/DTLS, link-layer encryption with per-device keys) or do not send the data.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, _ *threat.Element) {
				if f.Encrypts {
					return
				}
				var secret []*threat.Asset
				for _, a := range m.FlowAssets(f) {
					if a.Confidentiality.Rank() >= threat.LevelLow.Rank() {
						secret = append(secret, a)
					}
				}
				if len(secret) == 0 {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{f.ID}, CVSS: withAV(vector, f), Assets: assetIDs(secret),
					Title: fmt.Sprintf("Sniffing of %s", via(f)),
				})
			})
			return hits
		},
	})
}
