package advisory

import (
	"regexp"
	"strings"

	"github.com/assure-dev/assure/internal/vuln"
)

var fullCommit = regexp.MustCompile(`^([0-9a-f]{40}|[0-9a-f]{64})$`)

// fixURL is where a fix can be seen: its own URL, or one built from a
// GitHub or GitLab repository URL; "" when neither is known.
func fixURL(cfg vuln.Config, f vuln.Fix) string {
	if f.URL != "" {
		return f.URL
	}
	repo := strings.TrimSuffix(strings.TrimSuffix(cfg.Repository, "/"), ".git")
	if !strings.HasPrefix(repo, "https://github.com/") && !strings.HasPrefix(repo, "https://gitlab.com/") {
		return ""
	}
	sep := "/"
	if strings.HasPrefix(repo, "https://gitlab.com/") {
		sep = "/-/"
	}
	switch f.Kind {
	case vuln.FixCommit:
		return repo + sep + "commit/" + f.Ref
	case vuln.FixPull:
		if sep == "/-/" {
			return repo + sep + "merge_requests/" + f.Ref
		}
		return repo + "/pull/" + f.Ref
	}
	return ""
}
