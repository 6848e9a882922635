package scaffold

// writeCapabilities names the capability sections a new model starts
// without: each needs facts only the project has (its analyzers, its
// Kconfig tree, its threat model), so the starter shows where they go and
// which page of the guide explains them instead of guessing values.
func writeCapabilities(w *writer) {
	w.comment(0, `The sections below switch on more of the process; each is off until it is
written, and each has a page in docs/ with a worked example.

analysis: static analyzers and coding-convention tools the gate runs, SARIF
logs made elsewhere, and the waiver registry (docs/static-analysis.md,
docs/waivers.md). For example:
analysis:
  steps:
    - id: flawfinder
      run: [flawfinder, --sarif, --quiet, src]
      format: sarif
  waivers: security/waivers.yaml

complexity: cyclomatic-complexity budgets per language and module, with
accepted exceptions and their reasons (docs/complexity.md). For example:
complexity:
  max_ccn: 15

kconfig: the Kconfig tree, the .config under check, the hardening profile,
default-off policy and enabled-but-unused detection (docs/kconfig.md,
docs/kconfig-policy.md). For example:
kconfig:
  root: Kconfig
  config: .config

threat_model: the threat model files (assets, data flows, trust boundaries,
threats, countermeasures) and the test results that prove the
countermeasures (docs/threat-modeling.md). For example:
threat_model:
  files: [security/threats/*.yaml]`)
}
