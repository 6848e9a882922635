package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	register(threat.Rule{
		ID: "emb.debug-interface", Pack: Embedded, STRIDE: threat.ElevationOfPrivilege, CWE: []int{1191},
		Title:       "Debug interface reachable in production",
		Description: "A debug interface (JTAG, SWD, a shell or console) stays enabled on production devices; with physical access it reads the memory, the keys and the firmware, or runs code with full privileges.",
		Mitigation:  "Disable or lock the debug port in production (fuse, APPROTECT/RDP level, authenticated debug), build production images without the shell; claim debug-locked once it is and test it on a production image.",
		CVSS:        "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			eachElement(m, "", func(e *threat.Element) {
				if !e.HasTrait("debug-interface") {
					return
				}
				if e.Kind != threat.ExternalEntity {
					if !e.HasControl("debug-locked") {
						hits = append(hits, threat.Hit{Elements: []string{e.ID},
							Title: fmt.Sprintf("%s is reachable on production devices", e.Label())})
					}
					return
				}
				// A debugger (an external entity) reaches into the processes it talks to.
				for _, f := range m.Outbound(e.ID) {
					dst, ok := m.Element(f.To)
					if !ok || dst.Kind != threat.Process || dst.HasControl("debug-locked") {
						continue
					}
					hits = append(hits, threat.Hit{Elements: []string{dst.ID, e.ID},
						Title: fmt.Sprintf("%s reaches %s on production devices", e.Label(), dst.Label())})
				}
			})
			return hits
		},
	})
}
