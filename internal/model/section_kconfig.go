package model

// Kconfig is the `kconfig` section of the root model file: the Kconfig tree, hardening profile, default-off policy and unused-option detection (issue #5).
// Its schema is sections/kconfig.schema.json.
type Kconfig struct{}

// checkKconfig holds the rules of the kconfig section that a schema cannot express.
func checkKconfig(m *Model, root src, refs personRefs, ds *diags) {}
