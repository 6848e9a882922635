package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L"
	register(threat.Rule{
		ID: "gen.data-flow-interruption", Pack: Generic, STRIDE: threat.DenialOfService, CWE: []int{400}, Crossing: true,
		Title:       "Data flow interrupted",
		Description: "An attacker who reaches the channel across the trust boundary blocks, jams or floods it, so the data does not arrive.",
		Mitigation:  "Make the receiver tolerate loss (timeouts, retries, a safe state without the data) and rate-limit what crosses.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, _ *threat.Element) {
				hits = append(hits, threat.Hit{
					Elements: []string{f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("Interruption of %s", via(f)),
				})
			})
			return hits
		},
	})
}
