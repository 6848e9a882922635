// Package threat is the threat model as code and the threat engine.
//
// The threat model lives in YAML files under security/ (the root model's
// threat_model.files globs name them). Load reads them with the same strict
// YAML, JSON Schema and file:line:col diagnostics as the root model and
// checks what a schema cannot: unique ids across files, references that
// resolve, flows that end somewhere, boundaries that nest without cycles,
// CVSS vectors that parse (naming the wrong metric), treatments that are
// complete.
//
// The semantic model (Model) holds assets, the data flow diagram — external
// entities, processes and data stores (Element), data flows (Flow), nested
// trust boundaries (Boundary) — hand-written threats and the treatments of
// generated ones (Entry), countermeasures with the tests that prove them
// (Countermeasure, TestRef), assumptions and not-applicable statements.
// Diagram layout hints are kept apart (File.Layout) and never reach it.
//
// Analyze runs the rules (package threat/rules holds them, one file each)
// over the model: STRIDE per interaction turns source, target, flow
// properties and boundary crossings into concrete threats; STRIDE per
// element turns every element into coverage obligations that must end as a
// threat or as not applicable with a reason. Every threat has a stable id
// derived from its rule and the ids of its elements (rule@a+b), never from
// a counter, so the same model gives the same ids in any input order; a
// CVSS v3.1 or v4.0 vector, validated and scored; and a treatment.
//
// Typical use:
//
//	m, err := threat.Load(root, rootModel)      // *model.Error on bad input
//	a := threat.Analyze(m, rules.Select(rootModel.ThreatModel))
//	for _, t := range a.Threats { ... t.ID, t.STRIDE, t.CVSS.Score, t.Treatment.Status ... }
//	for _, o := range a.Obligations { ... o.Covered() ... }
package threat
