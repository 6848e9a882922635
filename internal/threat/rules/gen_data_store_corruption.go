package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:L"
	register(threat.Rule{
		ID: "gen.data-store-corruption", Pack: Generic, STRIDE: threat.Tampering, CWE: []int{732}, Crossing: true,
		Title:       "Data store corrupted from across a trust boundary",
		Description: "A writer in another trust zone changes what the data store holds; without access control on the store, anything that reaches it can write.",
		Mitigation:  "Restrict who may write (access-control on the store), validate records on write and read, and keep integrity checks over what is stored.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, dst *threat.Element) {
				if dst.Kind != threat.DataStore || dst.HasControl("access-control") {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{dst.ID, f.ID}, CVSS: withAV(vector, f), Assets: dst.Assets,
					Title: fmt.Sprintf("%s corrupted through %s", dst.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
