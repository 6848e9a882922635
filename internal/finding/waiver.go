package finding

// WaiverStatus is where the waiver of a finding stands, as it affects the
// gate: only an accepted waiver waives.
type WaiverStatus string

const (
	WaiverAccepted    WaiverStatus = "accepted"
	WaiverUnderReview WaiverStatus = "under-review"
	WaiverRejected    WaiverStatus = "rejected"
)

// Waiver is the record that covers a finding: the central entry and, when
// the source names it, the comment there. Reports show it; SARIF turns it
// into suppressions.
type Waiver struct {
	// ID is the registry's id ("W-0042").
	ID     string       `json:"id"`
	Status WaiverStatus `json:"status"`
	// Category and Justification are the reason.
	Category      string `json:"category,omitempty"`
	Justification string `json:"justification,omitempty"`
	// Registry is where the central entry is.
	Registry *Location `json:"registry,omitempty"`
	// InSource is where the comment naming the waiver is, when there is one.
	InSource *Location `json:"in_source,omitempty"`
	// Approvers are the people who approved it, by model id.
	Approvers []string `json:"approvers,omitempty"`
	Author    string   `json:"author,omitempty"`
	Expires   string   `json:"expires,omitempty"`
	// Note says why a waiver that exists does not waive ("expired on
	// 2026-01-01", "record incomplete").
	Note string `json:"note,omitempty"`
	// The analysis it was written for.
	Tool         string `json:"tool,omitempty"`
	ToolVersion  string `json:"tool_version,omitempty"`
	AnalysisDate string `json:"analysis_date,omitempty"`
	Branch       string `json:"branch,omitempty"`
	Revision     string `json:"revision,omitempty"`
}

// Waived reports whether the finding is covered by an accepted waiver: it is
// reported, and does not fail the gate.
func (f Finding) Waived() bool { return f.Waiver != nil && f.Waiver.Status == WaiverAccepted }
