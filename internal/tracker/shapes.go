package tracker

import (
	"strings"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// The issue shapes below are shared by the issue list (exports hold arrays
// of them) and the HTTP trackers (the APIs answer with one), so an export
// and a live answer can never be read differently.

// githubIssue reads an issue as GitHub's REST API spells it; the gh CLI's
// --json output, which says url for html_url, reads the same.
func githubIssue(n *jsonpos.Value, path string) (Issue, error) {
	key, err := keyField(n, path, "number")
	if err != nil {
		return Issue{}, err
	}
	if v, _ := n.First("number"); v != nil && (v.Kind != jsonpos.Number || key == "0") {
		return Issue{}, &jsonpos.Error{Off: v.Off, Path: jsonpos.Key(path, "number"), Msg: "want a positive whole number"}
	}
	is := Issue{Key: key, Kind: "issue"}
	if is.State, err = stringField(n, path, "state"); err != nil {
		return Issue{}, err
	}
	if is.Title, err = stringField(n, path, "title"); err != nil {
		return Issue{}, err
	}
	if is.URL, err = stringField(n, path, "html_url", "url"); err != nil {
		return Issue{}, err
	}
	// The issues endpoint answers for pull requests too and marks them so.
	if v, _ := n.First("pull_request"); v != nil {
		is.Kind = "pull_request"
	}
	return is, nil
}

// jiraIssue reads an issue as Jira's REST API (v2 and v3) spells it. browse
// is the base for the issue's web address; when empty it is derived from
// the issue's "self" link, which is how a search export says where it came
// from.
func jiraIssue(n *jsonpos.Value, path, browse string) (Issue, error) {
	key, err := stringField(n, path, "key")
	if err != nil {
		return Issue{}, err
	}
	is := Issue{Key: key}
	fields, fp, err := objectField(n, path, "fields")
	if err != nil || fields == nil {
		return is, err
	}
	if status, sp, err := objectField(fields, fp, "status"); err != nil {
		return Issue{}, err
	} else if is.State, err = stringField(status, sp, "name"); err != nil {
		return Issue{}, err
	}
	if is.Title, err = stringField(fields, fp, "summary"); err != nil {
		return Issue{}, err
	}
	if it, ip, err := objectField(fields, fp, "issuetype"); err != nil {
		return Issue{}, err
	} else if is.Kind, err = stringField(it, ip, "name"); err != nil {
		return Issue{}, err
	}
	if browse == "" {
		self, err := stringField(n, path, "self")
		if err != nil {
			return Issue{}, err
		}
		if i := strings.Index(self, "/rest/api/"); i > 0 {
			browse = self[:i]
		}
	}
	if browse != "" && key != "" {
		is.URL = browse + "/browse/" + key
	}
	return is, nil
}

// genericIssue reads the shape a hand-written or scripted export would use.
func genericIssue(n *jsonpos.Value, path string) (Issue, error) {
	var is Issue
	var err error
	if is.Key, err = keyField(n, path, "key", "id"); err != nil {
		return Issue{}, err
	}
	if is.State, err = stringField(n, path, "state", "status"); err != nil {
		return Issue{}, err
	}
	if is.Title, err = stringField(n, path, "title", "summary"); err != nil {
		return Issue{}, err
	}
	if is.URL, err = stringField(n, path, "url", "html_url"); err != nil {
		return Issue{}, err
	}
	if is.Kind, err = stringField(n, path, "kind", "type"); err != nil {
		return Issue{}, err
	}
	return is, nil
}

// anyIssue tells the shapes apart by the field only that shape has.
func anyIssue(n *jsonpos.Value, path string) (Issue, error) {
	if n.Kind != jsonpos.Object {
		return Issue{}, wrongType(n, path, "an object for each issue")
	}
	if v, _ := n.First("fields"); v != nil {
		return jiraIssue(n, path, "")
	}
	if v, _ := n.First("number"); v != nil {
		return githubIssue(n, path)
	}
	return genericIssue(n, path)
}
