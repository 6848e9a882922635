package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
)

// SecurityArchitects asks: does every module have its architecture document
// and every security-relevant module a directly responsible security
// architect? The model loader already refuses a security-relevant module
// without an architect, so here that half always holds once the model loads;
// the documents are what can go missing as the tree changes.
type SecurityArchitects struct{}

func (SecurityArchitects) ID() string { return "architecture" }
func (SecurityArchitects) Title() string {
	return "modules have architecture documents; security modules a responsible architect"
}
func (SecurityArchitects) Requirements() []string {
	return []string{ReqModuleArchitect, ReqModuleArchitectureDoc}
}
func (SecurityArchitects) NeedsFiles(*model.Model) bool { return false }

// Rules of the check.
func (SecurityArchitects) Rules() []Rule {
	return []Rule{
		{RuleDocMissing, "The architecture document a module names does not exist.",
			"Restore the document, or correct architecture_doc on the module in the model."},
		{RuleDocUndeclared, "A module names no architecture document.",
			"Write the module's architecture document and set architecture_doc on the module."},
	}
}

// Rules of this check.
const (
	RuleDocMissing    = "architecture/doc-missing"
	RuleDocUndeclared = "architecture/doc-undeclared"
)

// Run looks at the model and the work tree.
func (ch SecurityArchitects) Run(_ context.Context, f *collect.Facts) (Outcome, error) {
	var out Outcome
	for i := range f.Model.Modules {
		mod := &f.Model.Modules[i]
		loc := finding.Location{File: mod.Pos.File, Line: mod.Pos.Line, Column: mod.Pos.Column}
		if mod.ArchitectureDoc == "" {
			out.Findings = append(out.Findings, finding.Finding{
				ID: finding.Fingerprint(RuleDocUndeclared, mod.ID), Rule: RuleDocUndeclared, Check: ch.ID(),
				Requirements: []string{ReqModuleArchitectureDoc}, Severity: finding.Error, Location: loc,
				Message:     fmt.Sprintf("module %s names no architecture document", mod.ID),
				Remediation: "write the module's architecture document and set architecture_doc: <path> on the module",
			})
			continue
		}
		if _, err := os.Stat(filepath.Join(f.Root, filepath.FromSlash(mod.ArchitectureDoc))); err != nil {
			out.Findings = append(out.Findings, finding.Finding{
				ID: finding.Fingerprint(RuleDocMissing, mod.ID), Rule: RuleDocMissing, Check: ch.ID(),
				Requirements: []string{ReqModuleArchitectureDoc}, Severity: finding.Error, Location: loc,
				Message:     fmt.Sprintf("module %s: architecture document %s does not exist", mod.ID, mod.ArchitectureDoc),
				Remediation: "restore the document or correct architecture_doc in the model",
			})
		}
	}
	sec := 0
	for _, m := range f.Model.Modules {
		if m.SecurityRelevant {
			sec++
		}
	}
	out.Summary = fmt.Sprintf("%d modules, %d security relevant, each with a security architect", len(f.Model.Modules), sec)
	if len(f.Model.Modules) == 0 {
		out.Skipped = true
		out.Summary = "the model declares no modules"
	}
	return out, nil
}
