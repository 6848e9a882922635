package kpolicy

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/kconfig/lint"
)

// Lint checks the tree's hygiene and the sources under the source tree.
func (ss *Session) Lint() (*lint.Report, error) {
	return lint.Lint(ss.Table, ss.Setup.Lint)
}

// LintFindings turns the report into findings; allowed references are left
// out.
func (ss *Session) LintFindings(r *lint.Report) []finding.Finding {
	var out []finding.Finding
	for _, i := range r.Issues {
		if i.Allowed != "" {
			continue
		}
		rule := map[string]string{lint.UndefinedInKconfig: RuleUndefinedKconfig, lint.UndefinedInSource: RuleUndefinedSource, lint.NeverEnabled: RuleNeverEnabled}[i.Rule]
		file := ss.KconfigPath(i.File)
		if i.Rule == lint.UndefinedInSource {
			file = ss.Display(joinRoot(ss.Setup.Lint.Root, i.File))
		}
		f := finding.Finding{
			ID: finding.Fingerprint(rule, i.Symbol, file, strconv.Itoa(i.Line)), Rule: rule, Check: CheckHygiene,
			Requirements: []string{ReqExplicitOption}, Severity: finding.Warning,
			Location: finding.Location{File: file, Line: i.Line}, Message: i.Message,
		}
		switch i.Rule {
		case lint.UndefinedInKconfig:
			f.Remediation = fmt.Sprintf("define %s, correct the name, or remove the reference", i.Symbol)
		case lint.UndefinedInSource:
			f.Remediation = fmt.Sprintf("correct the name or remove the dead code; if the build system defines CONFIG_%s, allow it under kconfig.lint.allow with the reason", i.Symbol)
		default:
			f.Remediation = fmt.Sprintf("fix the dependency of %s or remove the option and the code it gates", i.Symbol)
		}
		out = append(out, f)
	}
	finding.Sort(out)
	return out
}

func joinRoot(root, rel string) string {
	if root == "" {
		return rel
	}
	return filepath.Join(root, rel)
}
