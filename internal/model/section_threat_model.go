package model

// ThreatModel is the `threat_model` section of the root model file: where the threat model files and test results live (issue #6).
// Its schema is sections/threat_model.schema.json.
type ThreatModel struct{}

// checkThreatModel holds the rules of the threat_model section that a schema cannot express.
func checkThreatModel(m *Model, root src, refs personRefs, ds *diags) {}
