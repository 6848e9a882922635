package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N"
	register(threat.Rule{
		ID: "gen.weak-access-control", Pack: Generic, STRIDE: threat.InformationDisclosure, CWE: []int{284}, Crossing: true,
		Title:       "Weak access control for a data store",
		Description: "A reader in another trust zone gets confidential data out of the data store; without access control on the store, anything that reaches it can read.",
		Mitigation:  "Grant read access per reader and purpose (access-control on the store); encrypt confidential records at rest.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, src, _ *threat.Element) {
				if src.Kind != threat.DataStore || src.HasControl("access-control") {
					return
				}
				var secret []*threat.Asset
				for _, a := range m.ElementAssets(src) {
					if a.Confidentiality.Rank() >= threat.LevelMedium.Rank() {
						secret = append(secret, a)
					}
				}
				if len(secret) == 0 {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{src.ID, f.ID}, CVSS: withAV(vector, f), Assets: assetIDs(secret),
					Title: fmt.Sprintf("%s read through %s without access control", src.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
