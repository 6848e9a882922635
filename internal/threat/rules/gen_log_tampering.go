package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:L/A:N"
	register(threat.Rule{
		ID: "gen.log-tampering", Pack: Generic, STRIDE: threat.Repudiation, CWE: []int{117}, Crossing: true,
		Title:       "Lower-trusted subject writes to the logs",
		Description: "Something in another trust zone writes to the audit log; it can forge or flood entries and so hide what it did.",
		Mitigation:  "Let only the trusted logger write (access-control), neutralise logged input, make the log append-only or hash-chained.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, dst *threat.Element) {
				if dst.Kind != threat.DataStore || !dst.Logs {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{dst.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("Entries of %s forged through %s", dst.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
