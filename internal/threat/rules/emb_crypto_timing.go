package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	const vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N"
	register(threat.Rule{
		ID: "emb.crypto-timing", Pack: Embedded, STRIDE: threat.InformationDisclosure, CWE: []int{208},
		Title:       "Timing side channel in cryptography",
		Description: "The process computes with secret keys in code whose timing depends on the secret (table lookups, early-exit compares, non-constant-time bignum); an attacker who can time many operations recovers the key.",
		Mitigation:  "Use constant-time implementations (constant-time compare, blinded or constant-time bignum, hardware crypto) and test them with a timing-leak test (dudect); claim constant-time.",
		CVSS:        vector,
		Match: func(m *threat.Model) []threat.Hit {
			var hits []threat.Hit
			eachElement(m, threat.Process, func(e *threat.Element) {
				if !e.HasTrait("crypto") || e.HasControl("constant-time") {
					return
				}
				h := threat.Hit{Elements: []string{e.ID}, Assets: e.Assets,
					Title: fmt.Sprintf("Timing of %s leaks key material", e.Label())}
				// The attacker times what it can reach: the first flow in across a boundary.
				for _, f := range m.Inbound(e.ID) {
					if m.Crosses(f) {
						h.CVSS = withAV(vector, f)
						break
					}
				}
				hits = append(hits, h)
			})
			return hits
		},
	})
}
