package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"
	register(threat.Rule{
		ID: "gen.data-store-inaccessible", Pack: Generic, STRIDE: threat.DenialOfService, CWE: []int{400}, Crossing: true,
		Title:       "Data store inaccessible",
		Description: "The data store is reached across a trust boundary; an attacker there fills it, locks it or cuts the way to it, and its users stop.",
		Mitigation:  "Quotas and wear limits on writes, a defined behaviour when the store is full or unreachable, and rate limits on the flow.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, src, dst *threat.Element) {
				store := dst
				if store.Kind != threat.DataStore {
					store = src
				}
				if store.Kind != threat.DataStore {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{store.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("%s made inaccessible through %s", store.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
