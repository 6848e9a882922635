package sarif

// The types below cover the part of SARIF 2.1.0 that assure writes and reads.
// Field names follow the specification (§ numbers refer to the errata01 OASIS
// standard) so a reader can map them one to one. Optional scalars use
// omitempty; where the zero value is meaningful (ruleIndex 0,
// executionSuccessful false) the field is a pointer or has no omitempty.
// Fields only a reader needs (artifacts, message arguments, snippets) are
// omitempty too, so adding them never changes what assure writes.

// Version is the only SARIF version this package speaks.
const Version = "2.1.0"

// Levels of a result or notification (§3.27.10).
const (
	LevelNone    = "none"
	LevelNote    = "note"
	LevelWarning = "warning"
	LevelError   = "error"
)

// Suppression kinds and statuses (§3.35.2, §3.35.3).
const (
	SuppressionInSource = "inSource"
	SuppressionExternal = "external"
	StatusAccepted      = "accepted"
	StatusUnderReview   = "underReview"
	StatusRejected      = "rejected"
)

// SrcRoot is the conventional uriBaseId of the source tree's root; GitHub
// code scanning resolves it to the checkout.
const SrcRoot = "%SRCROOT%"

// Log is the top-level sarifLog object (§3.13).
type Log struct {
	Schema  string `json:"$schema,omitempty"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is one invocation of one tool (§3.14). Results has no omitempty: an
// absent results array means "the tool did not look", an empty one "it looked
// and found nothing" (§3.14.23). Writers must set it to a non-nil slice, since
// a nil one encodes as null, which the schema rejects.
type Run struct {
	Tool                     Tool                        `json:"tool"`
	Invocations              []Invocation                `json:"invocations,omitempty"`
	OriginalURIBaseIDs       map[string]ArtifactLocation `json:"originalUriBaseIds,omitempty"`
	VersionControlProvenance []VersionControlDetails     `json:"versionControlProvenance,omitempty"`
	Results                  []Result                    `json:"results"`
	Properties               PropertyBag                 `json:"properties,omitempty"`

	// Artifacts lets a result name its file by index (§3.14.15).
	Artifacts []Artifact `json:"artifacts,omitempty"`
	// ColumnKind says what a column counts: "utf16CodeUnits" (the
	// default) or "unicodeCodePoints" (§3.14.26).
	ColumnKind string `json:"columnKind,omitempty"`
}

// Artifact is one file the run looked at (§3.24); assure reads only where
// it is.
type Artifact struct {
	Location *ArtifactLocation `json:"location,omitempty"`
}

// Tool names the analysis tool (§3.18); assure writes only the driver.
type Tool struct {
	Driver     ToolComponent   `json:"driver"`
	Extensions []ToolComponent `json:"extensions,omitempty"`
}

// ToolComponent is the driver or an extension (§3.19).
type ToolComponent struct {
	Name            string                `json:"name"`
	Version         string                `json:"version,omitempty"`
	SemanticVersion string                `json:"semanticVersion,omitempty"`
	InformationURI  string                `json:"informationUri,omitempty"`
	Rules           []ReportingDescriptor `json:"rules,omitempty"`
	Properties      PropertyBag           `json:"properties,omitempty"`
}

// ReportingDescriptor describes one rule (§3.49).
type ReportingDescriptor struct {
	ID                   string                    `json:"id"`
	Name                 string                    `json:"name,omitempty"`
	ShortDescription     *MultiformatMessageString `json:"shortDescription,omitempty"`
	FullDescription      *MultiformatMessageString `json:"fullDescription,omitempty"`
	HelpURI              string                    `json:"helpUri,omitempty"`
	Help                 *MultiformatMessageString `json:"help,omitempty"`
	DefaultConfiguration *ReportingConfiguration   `json:"defaultConfiguration,omitempty"`
	Properties           PropertyBag               `json:"properties,omitempty"`
	// MessageStrings are the rule's message templates, by id (§3.49.11).
	MessageStrings map[string]MultiformatMessageString `json:"messageStrings,omitempty"`
}

// ReportingConfiguration is a rule's default configuration (§3.50).
type ReportingConfiguration struct {
	Level string `json:"level,omitempty"`
}

// MultiformatMessageString is text with an optional Markdown form (§3.12).
type MultiformatMessageString struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// Message is a result or notification message (§3.11).
type Message struct {
	Text     string `json:"text,omitempty"`
	Markdown string `json:"markdown,omitempty"`
	ID       string `json:"id,omitempty"`
	// Arguments fill the {0}, {1} … placeholders of the text (§3.11.11).
	Arguments []string `json:"arguments,omitempty"`
}

// Result is one finding (§3.27). RuleIndex is a pointer because 0 is a valid
// index and the specification's default (-1) means "not given".
type Result struct {
	RuleID              string            `json:"ruleId,omitempty"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level,omitempty"`
	Message             Message           `json:"message"`
	Locations           []Location        `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Suppressions        []Suppression     `json:"suppressions,omitempty"`
	Properties          PropertyBag       `json:"properties,omitempty"`

	// Kind is absent for an ordinary finding ("fail"); "pass",
	// "notApplicable" and "informational" results report no problem (§3.27.9).
	Kind string `json:"kind,omitempty"`
	// Rule names the rule when it lives in an extension (§3.27.7).
	Rule         *ReportingDescriptorReference `json:"rule,omitempty"`
	Fingerprints map[string]string             `json:"fingerprints,omitempty"`
}

// Location is where a result is (§3.28).
type Location struct {
	PhysicalLocation *PhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []LogicalLocation `json:"logicalLocations,omitempty"`
	Message          *Message          `json:"message,omitempty"`
}

// PhysicalLocation is a file and a region in it (§3.29).
type PhysicalLocation struct {
	ArtifactLocation *ArtifactLocation `json:"artifactLocation,omitempty"`
	Region           *Region           `json:"region,omitempty"`
}

// ArtifactLocation is a URI, possibly relative to a named base (§3.4).
type ArtifactLocation struct {
	URI         string   `json:"uri,omitempty"`
	URIBaseID   string   `json:"uriBaseId,omitempty"`
	Description *Message `json:"description,omitempty"`
	// Index points into the run's artifacts; nil means not given (the
	// specification's -1).
	Index *int `json:"index,omitempty"`
}

// Region is a part of an artifact; lines and columns are 1-based (§3.30).
type Region struct {
	StartLine   int `json:"startLine,omitempty"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
	// Snippet is the text of the region as the tool saw it (§3.30.13).
	Snippet *ArtifactContent `json:"snippet,omitempty"`
}

// ArtifactContent is text of an artifact (§3.3); assure reads the text only.
type ArtifactContent struct {
	Text string `json:"text,omitempty"`
}

// LogicalLocation names a place that is not a file region, for assure a
// commit (§3.33).
type LogicalLocation struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

// Suppression records that a result is waived (§3.35).
type Suppression struct {
	Kind          string      `json:"kind"`
	Status        string      `json:"status,omitempty"`
	Justification string      `json:"justification,omitempty"`
	Properties    PropertyBag `json:"properties,omitempty"`
}

// VersionControlDetails says which revision was analysed (§3.23).
type VersionControlDetails struct {
	RepositoryURI string `json:"repositoryUri"`
	RevisionID    string `json:"revisionId,omitempty"`
	Branch        string `json:"branch,omitempty"`
}

// Invocation is one run of the tool (§3.20). ExecutionSuccessful is required
// by the schema, so it has no omitempty.
type Invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []Notification `json:"toolExecutionNotifications,omitempty"`
	// RuleConfigurationOverrides change a rule's level for this run (§3.20.5).
	RuleConfigurationOverrides []ConfigurationOverride `json:"ruleConfigurationOverrides,omitempty"`
}

// ConfigurationOverride replaces a rule's default configuration (§3.51).
type ConfigurationOverride struct {
	Configuration ReportingConfiguration       `json:"configuration"`
	Descriptor    ReportingDescriptorReference `json:"descriptor"`
}

// Notification reports a problem of the tool itself rather than of the
// analysed code (§3.58), for assure a check that could not run.
type Notification struct {
	Level      string                        `json:"level,omitempty"`
	Message    Message                       `json:"message"`
	Descriptor *ReportingDescriptorReference `json:"descriptor,omitempty"`
}

// ReportingDescriptorReference points at a rule or notification descriptor (§3.52).
type ReportingDescriptorReference struct {
	ID    string `json:"id,omitempty"`
	Index *int   `json:"index,omitempty"`
	// ToolComponent names the extension that defines the rule; nil means
	// the driver.
	ToolComponent *ToolComponentReference `json:"toolComponent,omitempty"`
}

// ToolComponentReference points at the driver or an extension (§3.54).
type ToolComponentReference struct {
	Name  string `json:"name,omitempty"`
	Index *int   `json:"index,omitempty"`
}

// PropertyBag holds tool-specific data (§3.8). encoding/json writes map keys
// sorted, so output stays deterministic. "tags" must be an array of unique
// strings.
type PropertyBag map[string]any
