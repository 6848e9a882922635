package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:N"
	register(threat.Rule{
		ID: "gen.spoofing-destination-process", Pack: Generic, STRIDE: threat.Spoofing, CWE: []int{923}, Crossing: true,
		Title:       "Spoofing of a destination process",
		Description: "An attacker poses as the receiving process and collects what the sender meant for it, because the sender does not authenticate the endpoint it talks to.",
		Mitigation:  "Authenticate the destination before sending (server certificate pinned to the device's trust anchor, a paired key).",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, dst *threat.Element) {
				if dst.Kind != threat.Process || f.Authenticates {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{dst.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("Spoofing of %s as the receiver of %s", dst.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
