package vuln

import (
	"regexp"
	"slices"
	"strconv"
	"time"
)

// Triage is the security team's assessment; nil fields stay as they are.
type Triage struct {
	CVSS       *string  `json:"cvss,omitempty"` // v3.1 or v4.0 vector
	Stride     []Stride `json:"stride,omitempty"`
	Modules    []string `json:"modules,omitempty"`  // model module ids
	Releases   []string `json:"releases,omitempty"` // Config.Releases names
	Workaround *string  `json:"workaround,omitempty"`
}

// Triage records the assessment. Modules must exist in the model and
// releases in the configuration. Naming affected releases opens a backport
// entry ("needed") for each maintained branch among them.
func (r *Report) Triage(a Actor, t Triage, env Env, now time.Time) error {
	if err := r.authorize(a, ActionTriage); err != nil {
		return err
	}
	cfg := env.Config.Defaults()
	next := *r
	var changed []string
	if t.CVSS != nil {
		c, err := ParseCVSS(*t.CVSS)
		if err != nil {
			return err
		}
		next.CVSS, changed = c, append(changed, "cvss "+c.Vector)
	}
	if t.Stride != nil {
		if len(t.Stride) == 0 {
			return invalid("stride", "name at least one of S, T, R, I, D, E", "no STRIDE category")
		}
		var cats []Stride
		for i, s := range t.Stride {
			c, err := ParseStride(string(s))
			if err != nil {
				err.(*Error).Field = "stride/" + itoa(i)
				return err
			}
			cats = append(cats, c)
		}
		next.Stride = sortStride(cats)
		var letters string
		for _, c := range next.Stride {
			letters += c.Letter()
		}
		changed = append(changed, "stride "+letters)
	}
	if t.Modules != nil {
		mods, err := members("modules", t.Modules)
		if err != nil {
			return err
		}
		if len(mods) == 0 {
			return invalid("modules", "name the model modules the vulnerability is in", "no module")
		}
		for i, m := range mods {
			if !env.HasModule(m) {
				return invalid("modules/"+itoa(i), "use a module id from the security model", "unknown module %q", clip(m))
			}
		}
		next.Modules, changed = mods, append(changed, "modules "+join(mods))
	}
	if t.Releases != nil {
		rels, err := members("releases", t.Releases)
		if err != nil {
			return err
		}
		for i, name := range rels {
			if _, ok := cfg.Release(name); !ok {
				return invalid("releases/"+itoa(i), "use a release name from the configuration", "unknown release %q", clip(name))
			}
		}
		next.Releases, changed = rels, append(changed, "releases "+join(rels))
		next.Backports = backportsFor(cfg, rels, r.Backports)
	}
	if t.Workaround != nil {
		w, err := text("workaround", *t.Workaround, MaxText, false)
		if err != nil {
			return err
		}
		next.Workaround, changed = w, append(changed, "workaround")
	}
	if len(changed) == 0 {
		return invalid("", "send cvss, stride, modules, releases or workaround", "nothing to triage")
	}
	*r = next
	r.record(stamp(now), a.ID, string(ActionTriage), "", "", join(changed))
	return nil
}

// backportsFor keeps every entry someone has worked on and opens "needed"
// for each maintained branch of an affected release; untouched "needed"
// entries of releases no longer affected go.
func backportsFor(cfg Config, releases []string, old []Backport) []Backport {
	want := map[string]bool{}
	for _, name := range releases {
		if rel, _ := cfg.Release(name); rel.Maintained {
			want[rel.Branch] = true
		}
	}
	var out []Backport
	seen := map[string]bool{}
	for _, b := range old {
		if want[b.Branch] || b.Status != BackportNeeded || b.At != nil {
			out = append(out, b)
			seen[b.Branch] = true
		}
	}
	for br := range want {
		if !seen[br] {
			out = append(out, Backport{Branch: br, Status: BackportNeeded})
		}
	}
	slices.SortFunc(out, func(a, b Backport) int { return cmpString(a.Branch, b.Branch) })
	return out
}

var cveRE = regexp.MustCompile(`^CVE-[0-9]{4}-[0-9]{4,19}$`)

// SetCVE records the CVE id the vulnerability was given.
func (r *Report) SetCVE(a Actor, id string, now time.Time) error {
	if err := r.authorize(a, ActionSetCVE); err != nil {
		return err
	}
	if !cveRE.MatchString(id) {
		return invalid("cve", "write it as CVE-YYYY-NNNN", "%q is not a CVE id", clip(id))
	}
	if id == r.CVE {
		return invalid("cve", "", "the report already has %s", id)
	}
	r.CVE = id
	r.record(stamp(now), a.ID, string(ActionSetCVE), "", "", id)
	return nil
}

func itoa(i int) string { return strconv.Itoa(i) }

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
