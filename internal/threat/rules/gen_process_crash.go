package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"
	register(threat.Rule{
		ID: "gen.process-crash", Pack: Generic, STRIDE: threat.DenialOfService, CWE: []int{400}, Crossing: true,
		Title:       "Process crash or stop",
		Description: "Input from across the trust boundary makes the process crash, hang or exhaust its memory, and the service it provides stops.",
		Mitigation:  "Bound the work and memory per input, handle every error path, and restart into a safe state (watchdog); rate-limit the flow.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			crossing(m, func(f *threat.Flow, _, dst *threat.Element) {
				if dst.Kind != threat.Process {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{dst.ID, f.ID}, CVSS: withAV(vector, f),
					Title: fmt.Sprintf("%s crashes or stops on input from %s", dst.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
