package scaffold

import (
	"strconv"

	"github.com/assure-dev/assure/internal/model"
)

const peopleDoc = `people: everyone who writes, reviews or approves changes.
  id       short unique id; the rest of the model refers to people by it
  name     full name
  emails   addresses used in commits (author, Reviewed-by: trailers)
  github   GitHub login, matched against pull-request reviews
  gerrit   Gerrit username, matched against Gerrit review labels
  roles    what the process lets the person do:
    maintainer          maintains modules, reviews and merges changes
    security-architect  directly responsible for the security of modules:
                        approves every change to a security-relevant module
                        and performs the security review of a release
    security-reviewer   "a person educated in security processes": a second
                        person who must agree before a static-analysis
                        finding is closed as a non-issue or a waiver is granted
    release-manager     prepares and signs off releases
    security-team       handles vulnerability reports
    contributor         writes changes
    bot                 an automated account`

const modulesDoc = `modules: the parts of the code base with their own responsibility.
  id                  short unique id
  name                display name
  paths               globs relative to the repository root; ** matches any
                      number of directories ("drivers/net/**"). A file may
                      belong to several modules.
  security_relevant   true for modules the security of the product depends
                      on: they need a security_architect, and every change
                      to them needs that architect's approval
  security_architect  the person (id or e-mail) with the role
                      security-architect who is responsible for the module
  maintainers         people (ids or e-mails) who maintain the module
  architecture_doc    the module's (security) architecture document`

func writePeople(w *writer, people []model.Person, source string) {
	w.comment(0, peopleDoc)
	if source != "" && len(people) > 0 {
		w.comment(0, "\nProposed from "+oneLine(source)+": add e-mails and real names, and give\nsecurity architects the role security-architect.")
	}
	if len(people) == 0 {
		w.line(0, "people: []")
		w.comment(0, `For example:
people:
  - id: jdoe
    name: Jane Doe
    emails: [jane.doe@example.com]
    github: janedoe
    roles: [maintainer, security-architect]`)
		return
	}
	w.line(0, "people:")
	for _, p := range people {
		w.line(2, "- id: "+quote(p.ID))
		w.kv(4, "name", quote(p.Name))
		if len(p.Emails) > 0 {
			w.kv(4, "emails", flowList(p.Emails))
		}
		if p.GitHub != "" {
			w.kv(4, "github", quote(p.GitHub))
		}
		if p.Gerrit != "" {
			w.kv(4, "gerrit", quote(p.Gerrit))
		}
		if len(p.Roles) > 0 {
			w.kv(4, "roles", flowList(p.Roles))
		}
	}
}

func writeModules(w *writer, modules []model.Module, source string) {
	w.comment(0, modulesDoc)
	if source != "" && len(modules) > 0 {
		w.comment(0, "\nProposed from "+oneLine(source)+`: every module starts as not security
relevant. Decide which are: set security_relevant: true and name their
security_architect (a person with the role security-architect). Review
the paths too: exclusions and regular expressions of the source have no
glob equivalent and were left out.`)
	}
	if len(modules) == 0 {
		w.line(0, "modules: []")
		w.comment(0, `For example:
modules:
  - id: crypto
    name: Cryptography
    paths: ["subsys/crypto/**", "include/crypto/**"]
    security_relevant: true
    security_architect: jdoe
    maintainers: [jdoe]
    architecture_doc: doc/security/crypto.rst`)
		return
	}
	w.line(0, "modules:")
	for _, m := range modules {
		w.line(2, "- id: "+quote(m.ID))
		if m.Name != "" {
			w.kv(4, "name", quote(m.Name))
		}
		w.line(4, "paths:")
		for _, p := range m.Paths {
			w.line(6, "- "+quote(p))
		}
		w.kv(4, "security_relevant", strconv.FormatBool(m.SecurityRelevant))
		if m.SecurityArchitect != "" {
			w.kv(4, "security_architect", quote(m.SecurityArchitect))
		}
		if len(m.Maintainers) > 0 {
			w.kv(4, "maintainers", flowList(m.Maintainers))
		}
		if m.ArchitectureDoc != "" {
			w.kv(4, "architecture_doc", quote(m.ArchitectureDoc))
		}
	}
}

func writePolicy(w *writer) {
	w.comment(0, "policy: which checks gate what, and their thresholds.")
	w.line(0, "policy:")
	w.comment(2, `profiles: named gates. "pr" runs for every change (hooks, CI on pull
requests), "release" before a release. Other names are allowed.
  checks   the check ids to run; empty runs every check
  fail_on  the lowest finding severity that fails the gate: error,
           warning or note`)
	w.line(2, "profiles:")
	for _, p := range []string{model.ProfilePR, model.ProfileRelease} {
		w.line(4, p+":")
		w.kv(6, "checks", "[]")
		w.kv(6, "fail_on", model.DefaultFailOn)
	}
	w.comment(2, `change_management: every commit must reference a bug report or change
request in the tracker; commits without a valid reference are denied.`)
	w.line(2, "change_management:")
	w.comment(4, `patterns: Go regular expressions (RE2) that find the reference in a
commit message. Each needs a named group "ref" capturing the reference
as the tracker knows it (123, PROJ-123, a URL). Empty: the built-in
patterns. For example:
patterns:
  - '(?i)\b(?:fixes|closes|refs)\s+#(?P<ref>\d+)'
  - '\b(?P<ref>[A-Z][A-Z0-9]+-\d+)\b'`)
	w.kv(4, "patterns", "[]")
	w.comment(4, "merges: skip merge commits (skip) or check them too (check).")
	w.kv(4, "merges", model.DefaultMerges)
	w.comment(4, `reverts: skip-if-references-commit lets a revert that names the reverted
commit through (it is traceable through that commit); check treats
reverts like any other commit.`)
	w.kv(4, "reverts", model.DefaultReverts)
	w.comment(4, "bots: e-mail addresses or person ids whose commits are exempt.")
	w.kv(4, "bots", "[]")
	w.comment(4, `since: the adoption baseline, a commit or tag; history reachable from it
is not checked when no range is given.
since: v1.0.0`)
	w.comment(2, `code_review: every change is reviewed by at least one independent
reviewer other than its author(s) before check-in.`)
	w.line(2, "code_review:")
	w.comment(4, "min_approvals: independent approvals each change needs.")
	w.kv(4, "min_approvals", strconv.Itoa(model.DefaultMinApprovals))
	w.comment(4, "trailers: commit trailers that count as an approval.")
	w.kv(4, "trailers", flowList(model.DefaultTrailers()))
	w.comment(4, `reviews: exported pull-request reviews (GitHub JSON) or Gerrit change
JSON, relative to the repository root; approvals there count too.`)
	w.kv(4, "reviews", "[]")
	w.comment(4, `unknown_reviewers: reject counts approvals only from people in this
model; accept counts anyone's.`)
	w.kv(4, "unknown_reviewers", model.DefaultUnknownReviewers)
	w.comment(4, "merges: skip merge commits (skip) or check them too (check).")
	w.kv(4, "merges", model.DefaultMerges)
	w.comment(4, "bots: e-mail addresses or person ids whose commits are exempt.")
	w.kv(4, "bots", "[]")
}
