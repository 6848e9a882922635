// Package vuln is the domain of security issue management: a vulnerability
// report, its states and the rules for moving between them, who may see and
// do what (Can), the embargo and its scheduler, CVSS and STRIDE triage data,
// and the configuration of all this. It is pure: no I/O, no clock (every
// operation takes now), no storage. The server and the CLI load a report
// from internal/store, call one operation, and store the result; every
// operation checks Can itself, so a caller that forgets to ask still cannot
// do what the actor may not (complete mediation).
//
// # Lifecycle
//
// The states are Zephyr's (GitHub Security Advisories):
//
//	New ──► Triage ──► Assigned ⇄ Review ──► Accepted ──► Public
//	          │                      │
//	          └────► Rejected ◄──────┘
//
// New(…) files a report (state New). StartTriage moves it to Triage; Triage
// records CVSS, STRIDE, affected modules and releases, workaround; Assign
// needs a complete triage and moves Triage or Review to Assigned; Submit
// moves Assigned to Review (needs a fix reference); Accept moves Review to
// Accepted (needs a CVE id); Publish moves Accepted to Public. Rejection is a
// two-person rule: ProposeRejection records a CVE-criteria reason, and a
// second member of the security team must ApproveRejection; the proposer
// cannot approve their own proposal.
//
// # Access
//
// Can(actor, action, report) answers every question of access: whether the
// actor may see the report at all (ActionView; the HTTP layer answers 404
// when not, so existence does not leak), see its private parts, and perform
// each action in the report's current state. The default is deny: an action
// or role Can does not know is refused.
//
// # Embargo
//
// A report's embargo ends Config.Embargo.Days after it was filed; the
// security team may extend it with a recorded reason. Due(cfg, report, now)
// is the scheduler: it says which warnings are due and whether the end of
// the embargo publishes or escalates the report; Apply records that it was
// done, so each action happens once.
//
// # Errors
//
// Operations return *Error with a machine-readable Code (CodeForbidden,
// CodeState, CodeInvalid, CodeTooLarge, …) and the field it concerns, so the
// HTTP layer maps it to a precise 4xx answer.
package vuln
