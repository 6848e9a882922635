// Package process is the process catalog: every MUST, SHALL and SHOULD of the
// Zephyr Security Overview as data, each with a stable ID, so that every check
// can say which requirement it evidences and every report can end with a
// conformance summary. The catalog is embedded in the binary (catalog.yaml).
package process

// Level is the RFC 2119 keyword of a requirement.
type Level string

const (
	Must   Level = "MUST"
	Shall  Level = "SHALL"
	Should Level = "SHOULD"
	May    Level = "MAY"
)

// Method says how a requirement is met.
type Method string

const (
	// Automated: a check of assure evidences it on every run.
	Automated Method = "automated"
	// Attested: met by evidence a person records (a document, a review).
	Attested Method = "attested"
	// NotCovered: assure does not help with it yet.
	NotCovered Method = "not-covered"
)

// Requirement is one obligation of the Security Overview.
type Requirement struct {
	// ID is stable forever: never renumbered, never reused.
	ID      string `yaml:"id" json:"id"`
	Section string `yaml:"section" json:"section"`
	Level   Level  `yaml:"level" json:"level"`
	// Statement is the requirement in our own words.
	Statement string `yaml:"statement" json:"statement"`
	Method    Method `yaml:"method" json:"method"`
	// Evidence says what proves it: the checks, or what to attest.
	Evidence string `yaml:"evidence,omitempty" json:"evidence,omitempty"`
}
