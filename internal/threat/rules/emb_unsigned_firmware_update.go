package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"
	register(threat.Rule{
		ID: "emb.unsigned-firmware-update", Pack: Embedded, STRIDE: threat.Tampering, CWE: []int{494, 347},
		Title:       "Unauthenticated or unsigned firmware update",
		Description: "A firmware image reaches the updater over a flow that neither authenticates its origin nor protects its integrity, and the updater does not verify a signature: whoever can send on the flow installs their own firmware.",
		Mitigation:  "Sign every image and verify the signature against a key in immutable storage before it is installed or booted (MCUboot with signature verification); claim signature-verification on the updater.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			eachFlow(m, func(f *threat.Flow, _, dst *threat.Element) {
				updater := dst.HasTrait("firmware-update") || dst.HasTrait("bootloader")
				if dst.Kind != threat.Process || (!updater && !m.CarriesTrait(f, "firmware")) {
					return
				}
				if dst.HasControl("signature-verification") || (f.Authenticates && f.Integrity) {
					return
				}
				hits = append(hits, threat.Hit{
					Elements: []string{f.ID, dst.ID}, CVSS: withAV(vector, f), Assets: f.Assets,
					Title: fmt.Sprintf("Unsigned firmware installed by %s through %s", dst.Label(), via(f)),
				})
			})
			return hits
		},
	})
}
