package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:N"
	register(threat.Rule{
		ID: "emb.key-in-transit", Pack: Embedded, STRIDE: threat.InformationDisclosure, CWE: []int{319, 522},
		Title:       "Key material sent unencrypted",
		Description: "A flow carries keys or credentials without encryption (provisioning, pairing, a debug dump); anyone who listens on the link (across a trust boundary, or on a radio, network or physical bus) takes them.",
		Mitigation:  "Wrap keys for transport (key wrapping, an encrypted provisioning channel), or generate them on the device and never send them.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			eachFlow(m, func(f *threat.Flow, _, _ *threat.Element) {
				if f.Encrypts || (!m.Crosses(f) && attackVector(f.Protocol) == "") {
					return
				}
				var keys []*threat.Asset
				for _, a := range m.FlowAssets(f) {
					if a.HasTrait("key-material") || a.HasTrait("credential") {
						keys = append(keys, a)
					}
				}
				if len(keys) == 0 {
					return
				}
				hits = append(hits, threat.Hit{Elements: []string{f.ID}, CVSS: withAV(vector, f), Assets: assetIDs(keys),
					Title: fmt.Sprintf("Keys sent in the clear over %s", via(f))})
			})
			return hits
		},
	})
}
