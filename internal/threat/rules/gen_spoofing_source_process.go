package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:N"
	register(threat.Rule{
		ID: "gen.spoofing-source-process", Pack: Generic, STRIDE: threat.Spoofing, CWE: []int{290}, Crossing: true,
		Title:       "Spoofing of a source process",
		Description: "Something across the trust boundary impersonates the sending process; the receiver cannot tell, because the flow does not authenticate its sender.",
		Mitigation:  "Authenticate the sending process on this flow (mutual TLS, a MAC or signature with a key only that process holds).",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, src, _ *threat.Element) {
				if src.Kind != threat.Process || f.Authenticates {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{src.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("Spoofing of %s as the sender of %s", src.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
