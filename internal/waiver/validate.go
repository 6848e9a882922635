package waiver

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/model"
)

// People finds the model's person behind a reference as the registry
// writes them: a person id, or an e-mail (resolved through .mailmap).
type People interface {
	Person(ref string) (*model.Person, bool)
}

// Options tune validation.
type Options struct {
	// Today is YYYY-MM-DD; waivers that expire before it have expired.
	Today string
}

// DateLayout is how the registry writes dates.
const DateLayout = "2006-01-02"

var (
	hexRevision = regexp.MustCompile(`^[0-9a-f]{7,64}$`)
)

// required lists the fields every waiver must have, with what they record
// and how to fill them in.
var required = []struct{ field, what, hint string }{
	{"status", "its status", "status: under-review (accepted once approved, or rejected)"},
	{"tool", "the analysis tool", "tool: the analyzer's name as in its SARIF (flawfinder, clang, cppcheck …)"},
	{"tool_version", "the tool's version", "tool_version: the version the analysis ran with"},
	{"rule", "the rule it waives", "rule: the analyzer's rule id"},
	{"file", "the file of the finding", "file: the path relative to the repository root"},
	{"fingerprint", "the finding's fingerprint", "fingerprint: as `assure findings` shows it"},
	{"analysis_date", "the date of the analysis", "analysis_date: YYYY-MM-DD"},
	{"branch", "the branch analysed", "branch: the branch the analysis ran on"},
	{"revision", "the parent revision analysed", "revision: the commit id the analysis ran on"},
	{"category", "the category of its reason", "category: one of " + categoryList()},
	{"reason", "the reason for the waiver", "reason: why the finding is waived, in a sentence or two"},
	{"author", "the author of the waived code", "author: the person id (git blame of the lines; assure waiver add fills it in)"},
}

func categoryList() string {
	var s []string
	for _, c := range Categories() {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}

// Validate checks every waiver of the registry against the rules of the
// process: every field recorded, at least one approver who is a security
// reviewer of the model and not the author of the waived code, a second one
// for a not-an-issue waiver, ids unique and never reused, expiry.
func Validate(reg *Registry, people People, opts Options) []Problem {
	if people == nil {
		people = noPeople{}
	}
	v := &validator{reg: reg, people: people, today: opts.Today}
	seen := map[string]*Waiver{}
	for i := range reg.Waivers {
		w := &reg.Waivers[i]
		if w.fields == nil {
			w.fields = map[string]model.Pos{}
		}
		v.ids(w, seen)
		v.fields(w)
		v.approvals(w)
		if w.Expires != "" && validDate(w.Expires) && v.today != "" && w.Expires < v.today && w.Status != Rejected {
			v.add(KindExpired, w, "expires", fmt.Sprintf("waiver %s expired on %s and no longer waives %s in %s", w.ID, w.Expires, w.Rule, w.File),
				"fix the finding, or review the waiver again and set a new expires date")
		}
	}
	SortProblems(v.out)
	return v.out
}

type validator struct {
	reg    *Registry
	people People
	today  string
	out    []Problem
}

func (v *validator) add(k Kind, w *Waiver, field, msg, hint string) {
	v.out = append(v.out, Problem{Kind: k, Field: field, Waiver: w.ID, Pos: w.At(field), Message: msg, Hint: hint})
}

func (v *validator) ids(w *Waiver, seen map[string]*Waiver) {
	switch {
	case w.ID == "":
		v.add(KindField, w, "id", "a waiver has no id", "give it the next id of the registry, "+FormatID(max(v.reg.NextID, 1))+" (assure waiver add does)")
		return
	case !ValidID(w.ID):
		v.add(KindField, w, "id", fmt.Sprintf("waiver id %q is not of the form W-0042", w.ID), "ids are W- and four or more digits")
		return
	}
	if first, dup := seen[w.ID]; dup {
		v.add(KindDuplicateID, w, "id", fmt.Sprintf("duplicate waiver id %s", w.ID),
			fmt.Sprintf("first used at %s; give this waiver the next id, %s, and raise next_id", first.At("id"), FormatID(max(v.reg.NextID, 1))))
		return
	}
	seen[w.ID] = w
	if p, ok := v.reg.retired[w.ID]; ok {
		v.add(KindReusedID, w, "id", fmt.Sprintf("waiver id %s is retired (%s): ids are never reused", w.ID, p),
			"give this waiver a new id, "+FormatID(max(v.reg.NextID, 1))+", and raise next_id")
		return
	}
	if n := IDNumber(w.ID); n >= v.reg.NextID {
		v.add(KindReusedID, w, "id", fmt.Sprintf("waiver id %s was never issued: next_id is %d, so it may have meant another waiver before", w.ID, v.reg.NextID),
			fmt.Sprintf("set next_id to %d (ids are issued in order and never reused; assure waiver add keeps next_id)", n+1))
	}
}

func (v *validator) fields(w *Waiver) {
	for _, r := range required {
		if fieldValue(w, r.field) == "" {
			v.add(KindField, w, r.field, fmt.Sprintf("waiver %s does not record %s (%s)", w.ID, r.what, r.field), r.hint)
		}
	}
	if w.Status != "" && !w.Status.Valid() {
		v.add(KindField, w, "status", fmt.Sprintf("waiver %s: unknown status %q", w.ID, w.Status), "status is under-review, accepted or rejected")
	}
	if w.Category != "" && !w.Category.Valid() {
		hint := "category is one of " + categoryList()
		v.add(KindField, w, "category", fmt.Sprintf("waiver %s: unknown category %q", w.ID, w.Category), hint)
	}
	for _, f := range []string{"analysis_date", "expires"} {
		if d := fieldValue(w, f); d != "" && !validDate(d) {
			v.add(KindField, w, f, fmt.Sprintf("waiver %s: %s %q is not a date", w.ID, f, d), f+": YYYY-MM-DD")
		}
	}
	if w.Revision != "" && !hexRevision.MatchString(w.Revision) {
		v.add(KindField, w, "revision", fmt.Sprintf("waiver %s: revision %q is not a commit id", w.ID, w.Revision), "revision: the full commit id (git rev-parse HEAD)")
	}
	if w.File != "" {
		if c := path.Clean(w.File); c != w.File || strings.HasPrefix(c, "/") || c == ".." || strings.HasPrefix(c, "../") {
			v.add(KindField, w, "file", fmt.Sprintf("waiver %s: file %q is not a clean path inside the repository", w.ID, w.File), "write the path relative to the repository root, with / as separator")
		}
	}
	if w.Line < 0 {
		v.add(KindField, w, "line", fmt.Sprintf("waiver %s: line %d is not a line", w.ID, w.Line), "")
	}
}

func fieldValue(w *Waiver, field string) string {
	switch field {
	case "id":
		return w.ID
	case "status":
		return string(w.Status)
	case "tool":
		return w.Tool
	case "tool_version":
		return w.ToolVersion
	case "rule":
		return w.Rule
	case "file":
		return w.File
	case "fingerprint":
		return w.Fingerprint
	case "analysis_date":
		return w.AnalysisDate
	case "branch":
		return w.Branch
	case "revision":
		return w.Revision
	case "category":
		return string(w.Category)
	case "reason":
		return w.Reason
	case "author":
		return w.Author
	case "expires":
		return w.Expires
	}
	return ""
}

func validDate(s string) bool {
	_, err := time.Parse(DateLayout, s)
	return err == nil
}

// approvals checks each approver and, for an accepted waiver, that enough
// of them qualify.
func (v *validator) approvals(w *Waiver) {
	author := v.person(w.Author)
	qualified := map[string]bool{}
	for i, a := range w.Approvers {
		field := fmt.Sprintf("approvers/%d", i)
		w.fields[field], w.fields[field+"/person"], w.fields[field+"/date"] = a.Pos, a.Pos, a.Pos
		if a.Person == "" {
			v.add(KindField, w, field+"/person", fmt.Sprintf("waiver %s: approver %d names no person", w.ID, i+1), "person: the approver's person id")
			continue
		}
		if a.Date == "" {
			v.add(KindField, w, field+"/date", fmt.Sprintf("waiver %s: the approval by %s has no date", w.ID, a.Person), "date: YYYY-MM-DD, the day of the approval")
		} else if !validDate(a.Date) {
			v.add(KindField, w, field+"/date", fmt.Sprintf("waiver %s: the approval by %s has date %q, which is not a date", w.ID, a.Person, a.Date), "date: YYYY-MM-DD")
		}
		p, ok := v.people.Person(a.Person)
		switch {
		case !ok:
			v.add(KindUnknownApprover, w, field, fmt.Sprintf("waiver %s: approver %q is not a person in the model", w.ID, a.Person),
				"approvers are security reviewers of the model, named by person id")
		case author != nil && p.ID == author.ID:
			v.add(KindSelfApproval, w, field, fmt.Sprintf("waiver %s: %s approved a waiver of their own code", w.ID, p.ID),
				"a security reviewer other than the author of the waived code must approve it")
		case !p.HasRole(model.RoleSecurityReviewer):
			v.add(KindApproverRole, w, field, fmt.Sprintf("waiver %s: approver %s is not a security reviewer", w.ID, p.ID),
				fmt.Sprintf("only people with the role %s approve waivers; ask one, or give %s the role in the model", model.RoleSecurityReviewer, p.ID))
		case qualified[p.ID]:
			v.add(KindField, w, field, fmt.Sprintf("waiver %s: %s approved it twice", w.ID, p.ID), "list each approver once; a second approval must come from another person")
		default:
			if a.Date == "" || validDate(a.Date) {
				qualified[p.ID] = true
			}
		}
	}
	if w.Status != Accepted {
		return
	}
	need := w.Category.Approvers()
	switch {
	case len(w.Approvers) == 0:
		v.add(KindUnapproved, w, "status", fmt.Sprintf("waiver %s is accepted but names no approver", w.ID),
			"a security reviewer who did not write the code approves it: assure waiver approve "+w.ID+" --by <person>")
	case len(qualified) > 0 && len(qualified) < need:
		v.add(KindSecondApprover, w, "approvers", fmt.Sprintf("waiver %s closes a finding as %s and has %d of the %d security reviewers that must agree", w.ID, w.Category, len(qualified), need),
			"a second security reviewer, not the author, approves it: assure waiver approve "+w.ID+" --by <person>")
	}
}

// Qualified counts the approvals of w that count towards accepting it.
func Qualified(w *Waiver, people People) int {
	if people == nil {
		return 0
	}
	author := (&validator{people: people}).person(w.Author)
	seen := map[string]bool{}
	for _, a := range w.Approvers {
		p, ok := people.Person(a.Person)
		if !ok || (author != nil && p.ID == author.ID) || !p.HasRole(model.RoleSecurityReviewer) || !validDate(a.Date) {
			continue
		}
		seen[p.ID] = true
	}
	return len(seen)
}

func (v *validator) person(ref string) *model.Person {
	if ref == "" || v.people == nil {
		return nil
	}
	p, ok := v.people.Person(ref)
	if !ok {
		return nil
	}
	return p
}
