// Package scaffold writes the first security model of a repository for
// "assure init": a commented starter security/assure.yaml that teaches every
// key, optionally filled with people and modules proposed from the
// ownership files the project already has (Zephyr's MAINTAINERS.yml, GitHub
// CODEOWNERS). Proposals are a starting point: which modules are security
// relevant and who their security architect is stays the user's decision.
package scaffold

import (
	"regexp"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// Options say what the starter model contains.
type Options struct {
	// ProjectName is project.name (default "my-project").
	ProjectName string
	// Repository is project.repository, e.g. https://github.com/owner/name.
	Repository string
	// TrackerKind is project.tracker.kind: none (default), file, github,
	// jira or server. An unknown kind is written as none.
	TrackerKind string
	// People and Modules are written as given, e.g. from a proposal.
	People  []model.Person
	Modules []model.Module
	// Source names where People and Modules were proposed from
	// ("MAINTAINERS.yml"); it only changes a comment.
	Source string
}

// StarterModel renders a commented root model file. With the zero Options
// it is a valid model with no people and no modules.
func StarterModel(opts Options) []byte {
	var w writer
	name := strings.TrimSpace(opts.ProjectName)
	if name == "" {
		name = "my-project"
	}
	w.comment(0, `Security model of `+oneLine(name)+`, read by assure.

This file is the security process as code: the people and what the process
lets them approve, the modules of the code base and which of them are
security relevant, and the policy that says which checks gate a change
(profile "pr") and a release (profile "release"). "assure check" reads it.
Keep it under version control next to the code: changes to it are changes
to the process and deserve review like any other change.

Every key is explained where it is used. Errors are reported as
file:line:col with a hint, like a compiler's.`)
	w.line(0, "")
	w.comment(0, "version: the format of this file; always 1.")
	w.kv(0, "version", "1")
	w.line(0, "")
	writeProject(&w, name, opts)
	w.line(0, "")
	w.comment(0, `include: more files holding people and modules (not project or policy),
relative to this file; globs are allowed and expand in sorted order. Large
projects keep one file per team or subsystem:
include:
  - people.yaml
  - modules/*.yaml`)
	w.line(0, "")
	writePeople(&w, opts.People, opts.Source)
	w.line(0, "")
	writeModules(&w, opts.Modules, opts.Source)
	w.line(0, "")
	writePolicy(&w)
	w.line(0, "")
	writeCapabilities(&w)
	return []byte(w.b.String())
}

// oneLine keeps a user-supplied name from breaking out of a comment.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func writeProject(w *writer, name string, opts Options) {
	w.line(0, "project:")
	w.comment(2, "name: the product this model describes; reports show it.")
	w.kv(2, "name", quote(name))
	w.comment(2, "repository: where the code lives; reports link to it.")
	if opts.Repository != "" {
		w.kv(2, "repository", quote(opts.Repository))
	} else {
		w.line(2, "# repository: https://github.com/owner/name")
	}
	w.comment(2, `tracker: where change requests live. The process demands that every commit
references a bug report or change request; assure checks that the
reference exists. kind is one of:
  none    references are only checked for their form
  file    an exported issue list (JSON or CSV) named by file:
  github  GitHub issues of repo: (owner/name)
  jira    Jira at url: with the project keys listed in projects:
  server  an assure server at url:
token_env and user_env name environment variables holding credentials;
never write a token into this file. states: optionally lists the states a
referenced issue may be in (empty: any); timeout: seconds per request.`)
	w.line(2, "tracker:")
	kind := opts.TrackerKind
	switch kind {
	case "none", "file", "github", "jira", "server":
	default:
		kind = "none"
	}
	w.kv(4, "kind", kind)
	switch kind {
	case "file":
		w.kv(4, "file", "security/issues.json")
	case "github":
		if repo := githubRepo(opts.Repository); repo != "" {
			w.kv(4, "repo", quote(repo))
		} else {
			w.line(4, "# repo: owner/name")
		}
		w.line(4, "# url: https://api.github.com   # GitHub Enterprise: its API base")
		w.kv(4, "token_env", "GITHUB_TOKEN")
	case "jira":
		w.line(4, "# set: your Jira base URL and project keys")
		w.line(4, "# url: https://your-company.atlassian.net")
		w.line(4, "# projects: [PROJ]")
		w.kv(4, "token_env", "JIRA_TOKEN")
		w.kv(4, "user_env", "JIRA_USER")
	case "server":
		w.line(4, "# set: the URL of your assure server")
		w.line(4, "# url: https://assure.example.com")
		w.kv(4, "token_env", "ASSURE_TOKEN")
	}
	w.line(4, "# states: [open, closed]")
	w.line(4, "# timeout: 10")
}

var githubURL = regexp.MustCompile(`^(?:https?://|ssh://git@|git@)github\.com[/:]([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$`)

// githubRepo extracts owner/name from a GitHub clone or web URL.
func githubRepo(url string) string {
	m := githubURL.FindStringSubmatch(strings.TrimSpace(url))
	if m == nil {
		return ""
	}
	return m[1] + "/" + m[2]
}
