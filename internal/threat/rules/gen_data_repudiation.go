package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N"
	register(threat.Rule{
		ID: "gen.data-repudiation", Pack: Generic, STRIDE: threat.Repudiation, CWE: []int{778}, Crossing: true,
		Title:       "Data repudiation by a process",
		Description: "The process acts on data from across the trust boundary but keeps no record of it; afterwards nobody can show who sent what or what the process did.",
		Mitigation:  "Record security-relevant requests and their sender in an audit log the sender cannot alter (a data store with logs: true, or audit-logging).",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, dst *threat.Element) {
				if dst.Kind != threat.Process || logged(m, dst) {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{dst.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("%s keeps no record of what arrives over %s", dst.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
