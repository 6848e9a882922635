package waiver

import (
	"cmp"
	"slices"

	"github.com/assure-dev/assure/internal/model"
)

// Kind names what is wrong; the gate turns each kind into a rule
// ("static-analysis/" + kind).
type Kind string

// Problems of the registry itself.
const (
	// KindField: a field the process asks for is missing or invalid.
	KindField Kind = "waiver-field"
	// KindDuplicateID: two waivers share an id.
	KindDuplicateID Kind = "waiver-duplicate-id"
	// KindReusedID: an id that was retired, or never issued (at or above
	// next_id), so it may already have meant another waiver.
	KindReusedID Kind = "waiver-reused-id"
	// KindUnapproved: an accepted waiver names no approver.
	KindUnapproved Kind = "waiver-unapproved"
	// KindUnknownApprover: an approver is not a person of the model.
	KindUnknownApprover Kind = "waiver-unknown-approver"
	// KindApproverRole: an approver is not a security reviewer.
	KindApproverRole Kind = "waiver-approver-role"
	// KindSelfApproval: the author of the waived code approved the waiver.
	KindSelfApproval Kind = "waiver-self-approval"
	// KindSecondApprover: a not-an-issue waiver has one qualified approver
	// and needs two.
	KindSecondApprover Kind = "waiver-second-approver"
	// KindExpired: the waiver's expiry date has passed; it waives nothing.
	KindExpired Kind = "waiver-expired"
	// KindPending: the waiver awaits approval (the release gate refuses it).
	KindPending Kind = "waiver-pending"
)

// Problems of the cross-check between registry, source and results.
const (
	// KindStale: no current result matches the waiver.
	KindStale Kind = "waiver-stale"
	// KindCommentMissing: a waived result has no comment naming its waiver.
	KindCommentMissing Kind = "waiver-comment-missing"
	// KindCommentUnknown: a comment names a waiver the registry lacks.
	KindCommentUnknown Kind = "comment-unknown-waiver"
	// KindCommentRejected: a comment names a rejected waiver.
	KindCommentRejected Kind = "comment-rejected-waiver"
	// KindCommentOrphaned: a comment names a waiver whose result is not
	// where the comment is.
	KindCommentOrphaned Kind = "comment-orphaned"
	// KindNativeUnregistered: a tool's own suppression (clang-tidy's,
	// gosec's, cppcheck's, Coverity's) names no waiver of the registry.
	KindNativeUnregistered Kind = "native-suppression-unregistered"
)

// Problem is one thing wrong with the waiver record.
type Problem struct {
	Kind Kind
	// Field is the field a KindField problem is about.
	Field string
	// Waiver is the id the problem is about, when there is one.
	Waiver string
	// Pos is where: the registry entry, or the source line.
	Pos     model.Pos
	Message string
	Hint    string
}

// SortProblems orders problems by file, line, column, kind and message.
func SortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Field, b.Field),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
