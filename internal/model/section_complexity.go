package model

// Complexity is the `complexity` section of the root model file: complexity budgets per language and module (issue #4).
// Its schema is sections/complexity.schema.json.
type Complexity struct{}

// checkComplexity holds the rules of the complexity section that a schema cannot express.
func checkComplexity(m *Model, root src, refs personRefs, ds *diags) {}
