package model

// Analysis is the `analysis` section of the root model file: static analysis: analyzer steps, SARIF inputs and the waiver registry (issue #3).
// Its schema is sections/analysis.schema.json.
type Analysis struct{}

// checkAnalysis holds the rules of the analysis section that a schema cannot express.
func checkAnalysis(m *Model, root src, refs personRefs, ds *diags) {}
