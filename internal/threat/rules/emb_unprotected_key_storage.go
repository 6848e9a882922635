package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	register(threat.Rule{
		ID: "emb.unprotected-key-storage", Pack: Embedded, STRIDE: threat.InformationDisclosure, CWE: []int{312, 522},
		Title:       "Key material in unprotected storage",
		Description: "Keys or credentials sit in ordinary flash or RAM; a memory dump through a debug port, a flash read-out or a memory disclosure bug reveals them, and with them every device or service they protect.",
		Mitigation:  "Keep keys in protected storage: a secure element, TrustZone/TF-M protected storage, or at least flash encrypted with a hardware-unique key, with read-out protection on; claim protected-storage on the store.",
		CVSS:        "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N",
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			eachElement(m, threat.DataStore, func(e *threat.Element) {
				if e.HasControl("protected-storage") {
					return
				}
				var keys []*threat.Asset
				for _, a := range m.ElementAssets(e) {
					if a.HasTrait("key-material") || a.HasTrait("credential") {
						keys = append(keys, a)
					}
				}
				if len(keys) == 0 {
					return
				}
				hits = append(hits, threat.Hit{Elements: []string{e.ID}, Assets: assetIDs(keys),
					Title: fmt.Sprintf("Key material in %s is not in protected storage", e.Label())})
			})
			return hits
		},
	})
}
