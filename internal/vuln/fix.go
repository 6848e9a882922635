package vuln

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

var (
	commitRE = regexp.MustCompile(`^[0-9a-f]{7,64}$`)
	pullRE   = regexp.MustCompile(`^#?([0-9]{1,12})$`)
)

// LinkFix records a commit or pull request that fixes the report on a
// branch (the main branch or a release branch of the configuration).
func (r *Report) LinkFix(a Actor, f Fix, env Env, now time.Time) error {
	if err := r.authorize(a, ActionLinkFix); err != nil {
		return err
	}
	cfg := env.Config.Defaults()
	if !slices.Contains(cfg.Branches(), f.Branch) {
		return invalid("branch", "use "+join(cfg.Branches()), "unknown branch %q", clip(f.Branch))
	}
	switch f.Kind {
	case FixCommit:
		f.Ref = strings.ToLower(strings.TrimSpace(f.Ref))
		if !commitRE.MatchString(f.Ref) {
			return invalid("ref", "give the commit id in hex, at least 7 digits", "%q is not a commit id", clip(f.Ref))
		}
	case FixPull:
		m := pullRE.FindStringSubmatch(strings.TrimSpace(f.Ref))
		if m == nil {
			return invalid("ref", "give the pull request number, like 1234", "%q is not a pull request number", clip(f.Ref))
		}
		f.Ref = m[1]
	default:
		return invalid("kind", "use commit or pull", "unknown fix kind %q", clip(string(f.Kind)))
	}
	if err := checkURL("url", f.URL); err != nil {
		return err
	}
	for _, x := range r.Fixes {
		if x.Branch == f.Branch && x.Kind == f.Kind && x.Ref == f.Ref {
			return invalid("ref", "", "%s %s is already linked for %s", f.Kind, f.Ref, f.Branch)
		}
	}
	if len(r.Fixes) >= MaxMembers {
		return &Error{Code: CodeTooLarge, Field: "fixes", Msg: "too many fixes"}
	}
	now = stamp(now)
	f.By, f.At = a.ID, now
	r.Fixes = append(slices.Clone(r.Fixes), f)
	r.record(now, a.ID, string(ActionLinkFix), "", "", f.Branch+" "+string(f.Kind)+" "+f.Ref)
	return nil
}

func checkURL(field, s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if len(s) > MaxRefLen || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return invalid(field, "give an http or https URL", "%q is not a web address", clip(s))
	}
	return nil
}

// BackportUpdate is a change of the status on one maintained branch.
type BackportUpdate struct {
	Branch  string         `json:"branch"`
	Status  BackportStatus `json:"status"`
	FixedIn string         `json:"fixed_in,omitempty"` // required for status fixed
	Ref     string         `json:"ref,omitempty"`
}

// SetBackport records where the fix stands on a maintained branch. A
// release manager who is neither security team nor maintainer of an
// affected module may set only the branches of the releases they manage.
func (r *Report) SetBackport(a Actor, u BackportUpdate, env Env, now time.Time) error {
	if err := r.authorize(a, ActionSetBackport); err != nil {
		return err
	}
	cfg := env.Config.Defaults()
	if !slices.Contains(cfg.MaintainedBranches(), u.Branch) {
		return invalid("branch", "use a maintained branch: "+join(cfg.MaintainedBranches()), "%q is not a maintained branch", clip(u.Branch))
	}
	x := relate(a, r)
	if !x.team && !x.maintainer {
		mine := false
		for _, rel := range cfg.Releases {
			if rel.Branch == u.Branch && slices.Contains(a.Releases, rel.Name) {
				mine = true
			}
		}
		if !mine {
			return &Error{Code: CodeForbidden, Field: "branch", Msg: "release managers set the backport status of their own releases only"}
		}
	}
	if !slices.Contains(BackportStatuses(), u.Status) {
		return invalid("status", "use needed, in-progress, fixed, not-affected or wont-fix", "unknown status %q", clip(string(u.Status)))
	}
	if u.Status == BackportFixed {
		if err := ident("fixed_in", u.FixedIn); err != nil {
			return invalid("fixed_in", "name the release that ships the fix, like v3.7.1", "status fixed needs the release that ships it")
		}
	} else if u.FixedIn != "" {
		return invalid("fixed_in", "leave fixed_in empty unless the status is fixed", "fixed_in is only for status fixed")
	}
	if len(u.Ref) > MaxRefLen {
		return &Error{Code: CodeTooLarge, Field: "ref", Msg: "reference too long"}
	}
	ref, err := line("ref", u.Ref, MaxRefLen, false)
	if err != nil {
		return err
	}
	now = stamp(now)
	b := Backport{Branch: u.Branch, Status: u.Status, FixedIn: u.FixedIn, Ref: ref, By: a.ID, At: ptime(now)}
	out := slices.DeleteFunc(slices.Clone(r.Backports), func(x Backport) bool { return x.Branch == u.Branch })
	out = append(out, b)
	slices.SortFunc(out, func(a, b Backport) int { return cmpString(a.Branch, b.Branch) })
	r.Backports = out
	detail := u.Branch + " " + string(u.Status)
	if u.FixedIn != "" {
		detail += " in " + u.FixedIn
	}
	r.record(now, a.ID, string(ActionSetBackport), "", "", detail)
	return nil
}
