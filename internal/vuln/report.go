package vuln

import "time"

// Report is one vulnerability report with everything the process records
// about it. Slices are kept sorted or in the order things happened, so a
// report encodes to the same JSON every time.
type Report struct {
	// ID is assigned by the store when the report is created (1, 2, 3 …);
	// Key() is the advisory id built from it.
	ID int64 `json:"id"`
	// Version is the store's optimistic-concurrency counter: an update
	// succeeds only against the version it read.
	Version int64 `json:"version"`

	// What the reporter said.
	Title            string   `json:"title"`
	Description      string   `json:"description"`
	Reporter         string   `json:"reporter"` // account id
	ReporterSeverity Severity `json:"reporter_severity"`

	State State `json:"state"`

	// Triage, by the security team.
	CVSS       *CVSS    `json:"cvss,omitempty"`
	Stride     []Stride `json:"stride,omitempty"`
	Modules    []string `json:"modules,omitempty"`  // model module ids, sorted
	Releases   []string `json:"releases,omitempty"` // Config.Releases names, sorted
	Workaround string   `json:"workaround,omitempty"`
	CVE        string   `json:"cve,omitempty"`

	Assignees  []string   `json:"assignees,omitempty"` // account ids, sorted
	AssignedAt *time.Time `json:"assigned_at,omitempty"`

	Fixes     []Fix      `json:"fixes,omitempty"`     // in the order linked
	Backports []Backport `json:"backports,omitempty"` // one per branch, sorted by branch

	Comments      []Comment    `json:"comments,omitempty"`
	Attachments   []Attachment `json:"attachments,omitempty"`
	Collaborators []string     `json:"collaborators,omitempty"` // account ids, sorted

	Rejection *Rejection `json:"rejection,omitempty"`
	Embargo   Embargo    `json:"embargo"`

	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
	Published *time.Time `json:"published,omitempty"`

	// History is every change, oldest first; the store appends each new
	// entry to the audit log in the same transaction.
	History []Event `json:"history"`
}

// Severity is how bad the reporter thinks it is, before any CVSS score.
type Severity string

// Reporter severities.
const (
	SeverityUnknown  Severity = "unknown"
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// Severities lists the reporter severities, least severe first.
func Severities() []Severity {
	return []Severity{SeverityUnknown, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}
}

// FixKind says what a fix reference is.
type FixKind string

// Fix kinds.
const (
	FixCommit FixKind = "commit"
	FixPull   FixKind = "pull"
)

// Fix is one commit or pull request that fixes the report on one branch.
type Fix struct {
	Branch string    `json:"branch"`
	Kind   FixKind   `json:"kind"`
	Ref    string    `json:"ref"`           // commit id or pull request number
	URL    string    `json:"url,omitempty"` // where to see it
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// BackportStatus is where the fix stands on one maintained branch.
type BackportStatus string

// Backport statuses. "needed" is the start for every affected maintained
// branch; "fixed" and "not-affected" and "wont-fix" are ends.
const (
	BackportNeeded      BackportStatus = "needed"
	BackportInProgress  BackportStatus = "in-progress"
	BackportFixed       BackportStatus = "fixed"
	BackportNotAffected BackportStatus = "not-affected"
	BackportWontFix     BackportStatus = "wont-fix"
)

// BackportStatuses lists the statuses in order.
func BackportStatuses() []BackportStatus {
	return []BackportStatus{BackportNeeded, BackportInProgress, BackportFixed, BackportNotAffected, BackportWontFix}
}

// Backport is the status of the fix on one maintained branch.
type Backport struct {
	Branch  string         `json:"branch"`
	Status  BackportStatus `json:"status"`
	FixedIn string         `json:"fixed_in,omitempty"` // the release that ships the fix (status fixed)
	Ref     string         `json:"ref,omitempty"`      // the backport commit or pull request
	By      string         `json:"by,omitempty"`
	At      *time.Time     `json:"at,omitempty"`
}

// Comment is one message in a report's discussion.
type Comment struct {
	ID     int       `json:"id"` // 1, 2, 3 … within the report
	Author string    `json:"author"`
	Body   string    `json:"body"`
	At     time.Time `json:"at"`
}

// Attachment describes a file attached to a report; the store keeps the
// bytes apart, under ID.
type Attachment struct {
	ID        string    `json:"id"` // "1", "2" … within the report
	Name      string    `json:"name"`
	MediaType string    `json:"media_type"`
	Size      int64     `json:"size"`
	SHA256    string    `json:"sha256"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
}

// Rejection is a proposed (ApprovedBy == "") or approved rejection.
type Rejection struct {
	Reason     RejectReason `json:"reason"`
	Note       string       `json:"note,omitempty"`
	ProposedBy string       `json:"proposed_by"`
	ProposedAt time.Time    `json:"proposed_at"`
	ApprovedBy string       `json:"approved_by,omitempty"`
	ApprovedAt *time.Time   `json:"approved_at,omitempty"`
}

// Embargo is how long the report stays private.
type Embargo struct {
	Start      time.Time   `json:"start"`
	End        time.Time   `json:"end"`
	Extensions []Extension `json:"extensions,omitempty"`
	// Warned lists the warnings already given, as days before the end
	// (Config.Embargo.WarnDays), so the scheduler gives each once.
	Warned []int `json:"warned,omitempty"`
	// Escalated is when the end of the embargo was escalated to the
	// security team, if it was.
	Escalated *time.Time `json:"escalated,omitempty"`
}

// Extension is one move of the end of an embargo.
type Extension struct {
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	Reason string    `json:"reason"`
}

// Event is one entry of a report's history. Kind names the operation (an
// Action, or "create", "warn", "escalate"); From and To are set for state
// changes; Detail is a short, non-secret description (ids and names, never
// the report's text), because the audit log repeats it.
type Event struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Kind   string    `json:"kind"`
	From   State     `json:"from,omitempty"`
	To     State     `json:"to,omitempty"`
	Detail string    `json:"detail,omitempty"`
}

// Key is the report's advisory id: prefix, a dash and the id in at least
// four digits ("ZEPHYR-0042"). It never changes.
func (r *Report) Key(prefix string) string { return Key(prefix, r.ID) }

// Embargoed reports whether the report is still private: every state but
// Public. A rejected report stays private, and a report past the end of its
// embargo stays private until it is published: the end triggers the
// scheduler, never a leak.
func (r *Report) Embargoed() bool { return r.State != StatePublic }
