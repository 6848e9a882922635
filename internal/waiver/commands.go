package waiver

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
)

// ResultRule is the rule the gate reports analyzer results under.
const ResultRule = "static-analysis/result"

// ResultID is the finding id of an analyzer result, as the gate and
// `assure findings` show it: stable as long as the result's fingerprint is.
func ResultID(r *analysis.Result) string {
	return finding.Fingerprint(ResultRule, r.Tool, r.Rule, r.File, r.Fingerprint)
}

// Query names the result a new waiver is for: a finding id or fingerprint
// (a unique prefix of eight or more characters will do), or a rule at a
// file and line, optionally of one tool.
type Query struct {
	ID               string
	Tool, Rule, File string
	Line             int
}

// Find picks the one result q names.
func Find(results []analysis.Result, q Query) (*analysis.Result, error) {
	var hits []*analysis.Result
	for i := range results {
		r := &results[i]
		switch {
		case q.ID != "":
			id := ResultID(r)
			if id == q.ID || r.Fingerprint == q.ID ||
				len(q.ID) >= 8 && (strings.HasPrefix(id, q.ID) || strings.HasPrefix(r.Fingerprint, q.ID)) {
				hits = append(hits, r)
			}
		case r.Rule == q.Rule && r.File == q.File && (q.Tool == "" || strings.EqualFold(r.Tool, q.Tool)) &&
			(q.Line == 0 || q.Line >= r.Region.StartLine && q.Line <= max(r.Region.EndLine, r.Region.StartLine)):
			hits = append(hits, r)
		}
	}
	what := q.ID
	if what == "" {
		what = fmt.Sprintf("%s at %s:%d", q.Rule, q.File, q.Line)
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		hint := "list the current findings with: assure findings"
		if q.ID == "" {
			var near []string
			for i := range results {
				if r := &results[i]; r.File == q.File {
					near = append(near, fmt.Sprintf("%s %s:%d", r.Rule, r.File, r.Region.StartLine))
				}
			}
			if len(near) > 0 {
				sort.Strings(near)
				hint = "results in that file: " + strings.Join(near[:min(len(near), 5)], ", ")
			}
		}
		return nil, fmt.Errorf("no current finding is %s (hint: %s)", what, hint)
	}
	var ids []string
	for _, r := range hits {
		ids = append(ids, ResultID(r)+" ("+r.Tool+" "+r.Rule+" "+r.Location()+")")
	}
	return nil, fmt.Errorf("%s names %d findings: %s (hint: give the finding id, or --tool)", what, len(hits), strings.Join(ids, ", "))
}

// Record is what `assure waiver add` learns from the analysis run, git and
// the user.
type Record struct {
	Date, Branch, Revision string
	// Author is the person id of the waived code's author, or their e-mail
	// when they are not in the model.
	Author   string
	Category Category
	Reason   string
	Expires  string
}

// Add issues an id and records a waiver for r, under review until a
// security reviewer approves it. A result a waiver already covers gets no
// second one.
func Add(reg *Registry, r *analysis.Result, rec Record) (*Waiver, error) {
	if !rec.Category.Valid() {
		return nil, fmt.Errorf("unknown category %q (hint: one of %s)", rec.Category, categoryList())
	}
	if strings.TrimSpace(rec.Reason) == "" {
		return nil, fmt.Errorf("a waiver needs a reason (hint: --reason \"why the finding is waived\")")
	}
	if rec.Expires != "" && !validDate(rec.Expires) {
		return nil, fmt.Errorf("--expires %q is not a date (hint: YYYY-MM-DD)", rec.Expires)
	}
	if i := NewIndex(reg, "").Match(r); i >= 0 {
		w := &reg.Waivers[i]
		return nil, fmt.Errorf("waiver %s (%s) already covers %s %s at %s", w.ID, w.Status, r.Tool, r.Rule, r.Location())
	}
	reg.Waivers = append(reg.Waivers, Waiver{
		ID: reg.Issue(), Status: UnderReview,
		Tool: r.Tool, ToolVersion: r.Version, Rule: r.Rule, File: r.File, Line: r.Region.StartLine, Fingerprint: r.Fingerprint,
		AnalysisDate: rec.Date, Branch: rec.Branch, Revision: rec.Revision,
		Category: rec.Category, Reason: strings.TrimSpace(rec.Reason), Author: rec.Author, Expires: rec.Expires,
	})
	return &reg.Waivers[len(reg.Waivers)-1], nil
}

// Approve records p's approval of waiver id on date. It refuses what the
// gate would refuse: an approver who is not a security reviewer, the
// author of the waived code, a second approval by one person, a rejected
// waiver. A waiver under review becomes accepted once enough security
// reviewers agree (two for not-an-issue).
func Approve(reg *Registry, id string, p *model.Person, date string, people People) (*Waiver, error) {
	w := reg.Get(id)
	switch {
	case w == nil:
		return nil, fmt.Errorf("the registry %s has no waiver %s (hint: assure waiver list)", reg.File, id)
	case w.Status == Rejected:
		return nil, fmt.Errorf("waiver %s was rejected; record a new waiver instead of approving it", id)
	case !p.HasRole(model.RoleSecurityReviewer):
		return nil, fmt.Errorf("%s is not a security reviewer, so cannot approve waivers (hint: the model gives the role %s)", p.ID, model.RoleSecurityReviewer)
	}
	if a, ok := people.Person(w.Author); ok && a.ID == p.ID {
		return nil, fmt.Errorf("%s wrote the waived code and cannot approve its waiver; another security reviewer must", p.ID)
	}
	for _, a := range w.Approvers {
		if q, ok := people.Person(a.Person); ok && q.ID == p.ID {
			return nil, fmt.Errorf("%s already approved %s on %s; a further approval must come from another security reviewer", p.ID, id, a.Date)
		}
	}
	w.Approvers = append(w.Approvers, Approval{Person: p.ID, Date: date})
	if w.Status == UnderReview && Qualified(w, people) >= w.Category.Approvers() {
		w.Status = Accepted
	}
	return w, nil
}

// Filter selects waivers for `assure waiver list`.
type Filter struct {
	Status Status
	Tool   string
	// Module is a module id of the model; a waiver belongs to the modules
	// whose paths hold its file.
	Module string
	// ExpiringBy (YYYY-MM-DD) keeps waivers that expire on or before it.
	ExpiringBy string
}

// Select returns the waivers f keeps, in registry order.
func (reg *Registry) Select(f Filter, m *model.Model) []*Waiver {
	var out []*Waiver
	for i := range reg.Waivers {
		w := &reg.Waivers[i]
		if f.Status != "" && w.Status != f.Status || f.Tool != "" && !strings.EqualFold(w.Tool, f.Tool) ||
			f.ExpiringBy != "" && (w.Expires == "" || w.Expires > f.ExpiringBy) {
			continue
		}
		if f.Module != "" {
			in := false
			if m != nil {
				in = slices.ContainsFunc(m.ModulesFor(w.File), func(mod *model.Module) bool { return mod.ID == f.Module })
			}
			if !in {
				continue
			}
		}
		out = append(out, w)
	}
	return out
}
