package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:N"
	register(threat.Rule{
		ID: "gen.spoofing-external-entity", Pack: Generic, STRIDE: threat.Spoofing, CWE: []int{290}, Crossing: true,
		Title:       "Spoofing of an external entity",
		Description: "An attacker on the other side of the trust boundary poses as the external entity and sends data the receiving process takes as genuine, because the flow does not authenticate its sender.",
		Mitigation:  "Authenticate the sender on this flow (mutual TLS, a MAC with a per-device key, a signed message) and reject what fails.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, src, _ *threat.Element) {
				if src.Kind != threat.ExternalEntity || f.Authenticates {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{src.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("Spoofing of %s over %s", src.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
