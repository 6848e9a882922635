package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	register(threat.Rule{
		ID: "gen.audit-data-protection", Pack: Generic, STRIDE: threat.Tampering, CWE: []int{284},
		Title:       "Weak protection of audit data",
		Description: "The data store holds logs or audit data but the model claims no access control for it: whoever can write to it can erase the traces of an attack.",
		Mitigation:  "Restrict writes to the logger, make records append-only or hash-chained, and copy them off the device regularly.",
		CVSS:        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N",
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			eachElement(m, threat.DataStore, func(e *threat.Element) {
				if !e.Logs || e.HasControl("access-control") {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{e.ID}, Assets: e.Assets,
					Title: fmt.Sprintf("Audit data in %s can be altered or erased", e.Label()),
				})
			})
			return hits
		},
	})
}
