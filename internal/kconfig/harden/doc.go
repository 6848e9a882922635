// Package harden checks a Kconfig configuration against a security
// hardening profile (Execution Protection of the Security Overview). It
// reads Zephyr's hardening database as it is — scripts/kconfig/hardening.yaml
// and the hardening.yaml fragments next to subsystem Kconfig files, the
// files `west build -t hardenconfig` reads: profiles that extend one
// another, and rules keyed by symbol with a value or a min/max, a required
// rationale, references such as CWE ids, and the profiles they belong to.
//
// Each rule of the profile is PASS, FAIL, or NA when the symbol is not
// defined in the tree or takes no part in the configuration (its
// dependencies are not met). Every enabled option that selects or depends
// on a marker (EXPERIMENTAL, DEPRECATED, NOT_SECURE) fails too. A FAIL is
// accepted only through an exception that names its justification and its
// approver; hardenconfig has a rationale for each rule but none for a
// deviation.
package harden
