// Package model is the security model as code: the project, its people and
// their roles, its modules and the policy that says which checks run in which
// profile. It lives as YAML under security/ in the user's repository; this
// package loads it (following includes), validates it against the JSON Schema
// embedded in the binary and against the rules a schema cannot express
// (unique ids, references that resolve), and reports every problem as
// file:line:col with a hint.
package model

// Roles a person can hold. The process gives some of them powers: a
// security-architect approves changes to their modules, a security-reviewer
// ("a person educated in security processes") approves waivers.
const (
	RoleMaintainer        = "maintainer"
	RoleSecurityArchitect = "security-architect"
	RoleSecurityReviewer  = "security-reviewer"
	RoleReleaseManager    = "release-manager"
	RoleSecurityTeam      = "security-team"
	RoleContributor       = "contributor"
	RoleBot               = "bot"
)

// Pos is where a value was written: file (as given, relative to the
// repository root when loaded from one), line and column, 1-based.
type Pos struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// Model is the merged security model: the root file plus everything it
// includes.
type Model struct {
	Version int      `yaml:"version" json:"version"`
	Project Project  `yaml:"project" json:"project"`
	Include []string `yaml:"include,omitempty" json:"include,omitempty"`
	People  []Person `yaml:"people,omitempty" json:"people,omitempty"`
	Modules []Module `yaml:"modules,omitempty" json:"modules,omitempty"`
	Policy  Policy   `yaml:"policy,omitempty" json:"policy,omitempty"`

	// Capability sections, one file each (section_*.go, sections/*.schema.json).
	Analysis    Analysis    `yaml:"analysis,omitempty" json:"analysis,omitempty"`
	Complexity  Complexity  `yaml:"complexity,omitempty" json:"complexity,omitempty"`
	Kconfig     Kconfig     `yaml:"kconfig,omitempty" json:"kconfig,omitempty"`
	ThreatModel ThreatModel `yaml:"threat_model,omitempty" json:"threat_model,omitempty"`

	// Root is the path of the root file; Files lists every file loaded, root first.
	Root  string   `yaml:"-" json:"-"`
	Files []string `yaml:"-" json:"-"`

	// idx makes the lookups O(1); Load builds it, the helpers build it on
	// first use for a Model written by hand (see Reindex).
	idx *index
}

// Project names the product and where its change requests live.
type Project struct {
	Name       string  `yaml:"name" json:"name"`
	Repository string  `yaml:"repository,omitempty" json:"repository,omitempty"`
	Tracker    Tracker `yaml:"tracker,omitempty" json:"tracker,omitempty"`
}

// Tracker says how change-request references are resolved.
type Tracker struct {
	// Kind is one of: none (references are only checked for form), file (an
	// exported issue list, JSON or CSV), github, jira, server (an assure server).
	Kind string `yaml:"kind" json:"kind"`
	// File is the exported issue list, relative to the repository root (kind file).
	File string `yaml:"file,omitempty" json:"file,omitempty"`
	// URL is the API base: https://api.github.com, https://jira.example.com, or
	// an assure server.
	URL string `yaml:"url,omitempty" json:"url,omitempty"`
	// Repo is owner/name on GitHub.
	Repo string `yaml:"repo,omitempty" json:"repo,omitempty"`
	// Projects lists Jira project keys references may name.
	Projects []string `yaml:"projects,omitempty" json:"projects,omitempty"`
	// TokenEnv names the environment variable holding the API token; the token
	// itself never goes in the model.
	TokenEnv string `yaml:"token_env,omitempty" json:"token_env,omitempty"`
	// UserEnv names the environment variable holding the user name for Jira
	// basic authentication (e-mail + API token); empty means bearer token.
	UserEnv string `yaml:"user_env,omitempty" json:"user_env,omitempty"`
	// States lists the tracker states a referenced issue may be in; empty
	// means any state (the issue must exist).
	States []string `yaml:"states,omitempty" json:"states,omitempty"`
	// Timeout in seconds for one tracker request (default 10).
	Timeout int `yaml:"timeout,omitempty" json:"timeout,omitempty"`
}

// Person is someone who writes, reviews or approves changes.
type Person struct {
	ID     string   `yaml:"id" json:"id"`
	Name   string   `yaml:"name" json:"name"`
	Emails []string `yaml:"emails,omitempty" json:"emails,omitempty"`
	// GitHub is the GitHub login, matched against pull-request reviews.
	GitHub string `yaml:"github,omitempty" json:"github,omitempty"`
	// Gerrit is the Gerrit username, matched against Gerrit labels.
	Gerrit string   `yaml:"gerrit,omitempty" json:"gerrit,omitempty"`
	Roles  []string `yaml:"roles,omitempty" json:"roles,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// HasRole reports whether p holds role r.
func (p Person) HasRole(r string) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Module is a part of the code base with its own responsibility.
type Module struct {
	ID    string   `yaml:"id" json:"id"`
	Name  string   `yaml:"name,omitempty" json:"name,omitempty"`
	Paths []string `yaml:"paths" json:"paths"`
	// SecurityRelevant modules need a security architect, and every change to
	// them needs that architect's approval.
	SecurityRelevant  bool     `yaml:"security_relevant" json:"security_relevant"`
	SecurityArchitect string   `yaml:"security_architect,omitempty" json:"security_architect,omitempty"`
	Maintainers       []string `yaml:"maintainers,omitempty" json:"maintainers,omitempty"`
	ArchitectureDoc   string   `yaml:"architecture_doc,omitempty" json:"architecture_doc,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Policy says which checks run in which profile and with what thresholds.
type Policy struct {
	Profiles         map[string]Profile `yaml:"profiles,omitempty" json:"profiles,omitempty"`
	ChangeManagement ChangeManagement   `yaml:"change_management,omitempty" json:"change_management,omitempty"`
	CodeReview       CodeReview         `yaml:"code_review,omitempty" json:"code_review,omitempty"`
}

// Profile is a named gate: pr for every change, release for a release.
type Profile struct {
	// Checks lists the check ids that run; empty means every check.
	Checks []string `yaml:"checks,omitempty" json:"checks,omitempty"`
	// FailOn is the lowest severity that fails the gate (default error).
	FailOn string `yaml:"fail_on,omitempty" json:"fail_on,omitempty"`
}

// ChangeManagement configures the change-request reference gate.
type ChangeManagement struct {
	// Patterns are regular expressions; each must have a named group "ref"
	// capturing the reference as the tracker knows it (123, PROJ-123, a URL).
	// Empty means the built-in patterns.
	Patterns []string `yaml:"patterns,omitempty" json:"patterns,omitempty"`
	// Merges: "skip" (default) or "check" merge commits.
	Merges string `yaml:"merges,omitempty" json:"merges,omitempty"`
	// Reverts: "skip-if-references-commit" (default: a revert naming the
	// reverted commit is traceable through it), or "check".
	Reverts string `yaml:"reverts,omitempty" json:"reverts,omitempty"`
	// Bots are e-mail addresses or person ids whose commits are exempt.
	Bots []string `yaml:"bots,omitempty" json:"bots,omitempty"`
	// Since is the adoption baseline: commits reachable from it are not
	// checked when no range is given.
	Since string `yaml:"since,omitempty" json:"since,omitempty"`
}

// CodeReview configures the independent-review gate.
type CodeReview struct {
	// MinApprovals independent approvals per change (default 1).
	MinApprovals int `yaml:"min_approvals,omitempty" json:"min_approvals,omitempty"`
	// Trailers that count as an approval (default Reviewed-by, Acked-by, Approved-by).
	Trailers []string `yaml:"trailers,omitempty" json:"trailers,omitempty"`
	// Reviews are exports of pull-request reviews (GitHub JSON) or Gerrit
	// change JSON, relative to the repository root.
	Reviews []string `yaml:"reviews,omitempty" json:"reviews,omitempty"`
	// UnknownReviewers: "reject" (default: an approval counts only from a
	// person in the model) or "accept".
	UnknownReviewers string `yaml:"unknown_reviewers,omitempty" json:"unknown_reviewers,omitempty"`
	// Merges: "skip" (default) or "check".
	Merges string `yaml:"merges,omitempty" json:"merges,omitempty"`
	// Bots are e-mail addresses or person ids whose commits are exempt.
	Bots []string `yaml:"bots,omitempty" json:"bots,omitempty"`
}
