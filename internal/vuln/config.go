package vuln

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Config is how a project runs its security issue management: the advisory
// id prefix, the embargo, attachment limits, and its releases with their
// branches and release managers. LoadConfig reads it from YAML; the zero
// value plus Defaults is a working configuration.
type Config struct {
	// Prefix of advisory ids: "ZEPHYR" makes ZEPHYR-0001. Letters, digits
	// and dashes, starting with a capital letter (OSV's id rule).
	Prefix string `json:"prefix"`
	// Publisher of the CSAF advisories.
	Publisher Publisher `json:"publisher"`
	// Repository is the project's git URL, for OSV ranges and fix links.
	Repository string `json:"repository,omitempty"`
	// MainBranch is the development branch (default "main").
	MainBranch  string            `json:"main_branch"`
	Embargo     EmbargoConfig     `json:"embargo"`
	Attachments AttachmentsConfig `json:"attachments"`
	Releases    []Release         `json:"releases,omitempty"`
}

// Publisher names who issues the advisories (CSAF document.publisher).
type Publisher struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace"` // a URL that identifies the publisher
}

// EmbargoConfig is the embargo policy.
type EmbargoConfig struct {
	// Days from filing to the end of the embargo (default 90: Zephyr's 30
	// days to fix plus 60 for downstream product makers).
	Days int `json:"days"`
	// WarnDays are the days before the end at which the scheduler warns
	// (default 14, 7 and 1).
	WarnDays []int `json:"warn_days"`
	// AtEnd is what the end of the embargo does: "escalate" (default: tell
	// the security team, publish nothing) or "publish" (publish an accepted
	// report; a report not yet accepted is escalated, since there is no fix
	// to announce).
	AtEnd string `json:"at_end"`
}

// Ends of an embargo.
const (
	AtEndEscalate = "escalate"
	AtEndPublish  = "publish"
)

// AttachmentsConfig limits attachments.
type AttachmentsConfig struct {
	MaxBytes int64 `json:"max_bytes"` // per file (default 10 MiB)
	MaxCount int   `json:"max_count"` // per report (default 20)
}

// Release is a release line and the branch that carries it.
type Release struct {
	Name       string   `json:"name"`   // "v3.7", as reports name it
	Branch     string   `json:"branch"` // "v3.7-branch"
	Maintained bool     `json:"maintained"`
	LTS        bool     `json:"lts,omitempty"`
	Managers   []string `json:"managers,omitempty"` // model person ids
}

// Limits on text fields, so one report cannot fill the database.
const (
	MaxTitle   = 200
	MaxText    = 64 << 10 // description, workaround, comment
	MaxReason  = 4 << 10  // rejection note, embargo extension reason
	MaxRefLen  = 512      // fix refs and URLs
	MaxIDLen   = 128      // account ids, module and release names
	MaxMembers = 100      // collaborators, assignees, modules, releases per report
)

// Defaults fills what c leaves empty.
func (c Config) Defaults() Config {
	if c.Prefix == "" {
		c.Prefix = "ASSURE"
	}
	if c.MainBranch == "" {
		c.MainBranch = "main"
	}
	if c.Embargo.Days == 0 {
		c.Embargo.Days = 90
	}
	if c.Embargo.WarnDays == nil {
		c.Embargo.WarnDays = []int{14, 7, 1}
	}
	if c.Embargo.AtEnd == "" {
		c.Embargo.AtEnd = AtEndEscalate
	}
	if c.Attachments.MaxBytes == 0 {
		c.Attachments.MaxBytes = 10 << 20
	}
	if c.Attachments.MaxCount == 0 {
		c.Attachments.MaxCount = 20
	}
	if c.Publisher.Name == "" {
		c.Publisher.Name = c.Prefix + " security team"
	}
	if c.Publisher.Namespace == "" {
		c.Publisher.Namespace = "https://security.invalid/" + strings.ToLower(c.Prefix)
	}
	return c
}

// warnDays returns the warning days, largest first, without duplicates.
func (c Config) warnDays() []int {
	w := slices.Clone(c.Embargo.WarnDays)
	slices.Sort(w)
	slices.Reverse(w)
	return slices.Compact(w)
}

var prefixRE = regexp.MustCompile(`^[A-Z][A-Z0-9-]{0,31}$`)

// problem is one thing wrong with a configuration, at a JSON pointer.
type problem struct{ ptr, msg, hint string }

// check returns what is wrong with c (after Defaults), by field.
func (c Config) check() []problem {
	var ps []problem
	add := func(ptr, hint, f string, a ...any) { ps = append(ps, problem{ptr, fmt.Sprintf(f, a...), hint}) }
	if !prefixRE.MatchString(c.Prefix) {
		add("/prefix", "use capitals, digits and dashes, like ZEPHYR", "prefix %q is not a valid advisory id prefix", c.Prefix)
	}
	if u, err := url.Parse(c.Publisher.Namespace); err != nil || u.Scheme == "" || u.Host == "" {
		add("/publisher/namespace", "use the URL of the publisher, like https://zephyrproject.org", "namespace %q is not an absolute URL", c.Publisher.Namespace)
	}
	if c.Embargo.Days < 1 || c.Embargo.Days > 365 {
		add("/embargo/days", "Zephyr's embargo is 90 days", "embargo of %d days is outside 1..365", c.Embargo.Days)
	}
	for i, d := range c.Embargo.WarnDays {
		if d < 1 || d >= c.Embargo.Days {
			add(fmt.Sprintf("/embargo/warn_days/%d", i), "warn between 1 day and the embargo's length", "warning %d days before the end is outside 1..%d", d, c.Embargo.Days-1)
		}
	}
	if c.Embargo.AtEnd != AtEndEscalate && c.Embargo.AtEnd != AtEndPublish {
		add("/embargo/at_end", "use escalate or publish", "unknown at_end %q", c.Embargo.AtEnd)
	}
	if c.Attachments.MaxBytes < 1 || c.Attachments.MaxBytes > 1<<30 {
		add("/attachments/max_bytes", "use a size up to 1 GiB", "max_bytes %d is outside 1..1073741824", c.Attachments.MaxBytes)
	}
	if c.Attachments.MaxCount < 1 || c.Attachments.MaxCount > 1000 {
		add("/attachments/max_count", "use 1..1000", "max_count %d is outside 1..1000", c.Attachments.MaxCount)
	}
	names, branches := map[string]bool{}, map[string]bool{c.MainBranch: true}
	for i, r := range c.Releases {
		p := fmt.Sprintf("/releases/%d", i)
		if !validName(r.Name) {
			add(p+"/name", "use letters, digits, dots, dashes and underscores", "release name %q is not valid", r.Name)
		} else if names[r.Name] {
			add(p+"/name", "give each release line once", "duplicate release %q", r.Name)
		}
		names[r.Name] = true
		if !validName(r.Branch) {
			add(p+"/branch", "name the git branch that carries the release", "branch %q is not valid", r.Branch)
		} else if branches[r.Branch] {
			add(p+"/branch", "each release line has its own branch", "branch %q is used twice", r.Branch)
		}
		branches[r.Branch] = true
	}
	return ps
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/+-]*$`)

func validName(s string) bool { return len(s) <= MaxIDLen && nameRE.MatchString(s) }

// Release finds a release by name.
func (c Config) Release(name string) (Release, bool) {
	for _, r := range c.Releases {
		if r.Name == name {
			return r, true
		}
	}
	return Release{}, false
}

// Branches are the branches fixes may name: the main branch, then every
// release branch in configuration order.
func (c Config) Branches() []string {
	out := []string{c.MainBranch}
	for _, r := range c.Releases {
		out = append(out, r.Branch)
	}
	return out
}

// MaintainedBranches are the branches whose backport status is tracked.
func (c Config) MaintainedBranches() []string {
	var out []string
	for _, r := range c.Releases {
		if r.Maintained {
			out = append(out, r.Branch)
		}
	}
	return out
}

// Validate checks a configuration built in code (LoadConfig checks files):
// every problem, one per line, as field: message (hint: …).
func (c Config) Validate() error {
	var lines []string
	for _, p := range c.Defaults().check() {
		lines = append(lines, fmt.Sprintf("%s: %s (hint: %s)", strings.TrimPrefix(p.ptr, "/"), p.msg, p.hint))
	}
	if len(lines) == 0 {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(lines, "\n"))
}
