package rules

import (
	"fmt"

	"github.com/assure-dev/assure/internal/threat"
)

func init() {
	register(threat.Rule{
		ID: "emb.memory-separation", Pack: Embedded, STRIDE: threat.ElevationOfPrivilege, CWE: []int{653},
		Title:       "Untrusted thread without memory separation from the kernel",
		Description: "Code of lower trust (an application thread, a third-party library, a script) runs in the same address space as the kernel; one memory bug in it overwrites kernel data and takes the whole device.",
		Mitigation:  "Run the untrusted code as a user-mode thread with MPU/MMU memory domains (Zephyr CONFIG_USERSPACE), pass data only through validated system calls; claim memory-protection on it.",
		CVSS:        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H",
		Match: func(m *threat.Model) []threat.Hit {
			var kernels []string
			eachElement(m, threat.Process, func(e *threat.Element) {
				if e.HasTrait("kernel") {
					kernels = append(kernels, e.ID)
				}
			})
			var hits []threat.Hit
			eachElement(m, threat.Process, func(e *threat.Element) {
				if !e.HasTrait("untrusted-code") || e.HasControl("memory-protection") {
					return
				}
				els := []string{e.ID}
				title := fmt.Sprintf("%s runs without memory separation from the kernel", e.Label())
				if k := nearestKernel(m, e, kernels); k != nil {
					els = append(els, k.ID)
					title = fmt.Sprintf("%s runs without memory separation from %s", e.Label(), k.Label())
				}
				hits = append(hits, threat.Hit{Elements: els, Title: title})
			})
			return hits
		},
	})
}

// nearestKernel is the kernel process e talks to, else the first kernel
// in its trust zone, else the first kernel of the model.
func nearestKernel(m *threat.Model, e *threat.Element, kernels []string) *threat.Element {
	for _, f := range append(m.Outbound(e.ID), m.Inbound(e.ID)...) {
		for _, id := range []string{f.From, f.To} {
			if k, ok := m.Element(id); ok && k.ID != e.ID && k.HasTrait("kernel") {
				return k
			}
		}
	}
	for _, id := range kernels {
		if k, ok := m.Element(id); ok && k.Boundary == e.Boundary {
			return k
		}
	}
	if len(kernels) > 0 {
		k, _ := m.Element(kernels[0])
		return k
	}
	return nil
}
