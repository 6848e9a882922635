package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	register(threat.Rule{
		ID: "emb.rollback-protection", Pack: Embedded, STRIDE: threat.Tampering, CWE: []int{1328},
		Title:       "Missing rollback protection",
		Description: "The updater or bootloader accepts any correctly signed image, also an older one: an attacker installs a signed release with a known vulnerability and exploits it.",
		Mitigation:  "Keep a monotonic security counter in OTP or protected storage and refuse images with a lower security version (MCUboot downgrade prevention); claim rollback-protection.",
		CVSS:        "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H",
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			eachElement(m, threat.Process, func(e *threat.Element) {
				if !(e.HasTrait("firmware-update") || e.HasTrait("bootloader")) || e.HasControl("rollback-protection") {
					return
				}
				hits = append(hits, threat.Hit{Elements: []string{e.ID},
					Title: fmt.Sprintf("%s accepts older signed firmware", e.Label())})
			})
			return hits
		},
	})
}
