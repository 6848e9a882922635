package kpolicy

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/kconfig/unused"
)

// Unused decides which enabled options the application does not use,
// from the build's artefacts when the model names them, else from the
// application's sources.
func (ss *Session) Unused() (*unused.Report, error) {
	u := ss.Setup.Unused
	in := unused.Input{Table: ss.Table, Root: ss.Root, App: u.App}
	var err error
	if u.CompileCommands != "" {
		if in.Units, err = unused.ReadCompileCommands(u.CompileCommands); err != nil {
			return nil, ss.relErr(err)
		}
	}
	switch {
	case u.Map != "":
		if in.Map, err = unused.ReadMap(u.Map); err != nil {
			return nil, ss.relErr(err)
		}
	case u.ELF != "":
		if in.Image, err = unused.ReadSymbols(u.ELF); err != nil {
			return nil, ss.relErr(err)
		}
	}
	if in.Gates, err = unused.ScanBuildFiles(ss.buildRoots()...); err != nil {
		return nil, err
	}
	if in.Map == nil && in.Image == nil && len(in.Units) == 0 {
		if in.Library, err = ss.librarySources(); err != nil {
			return nil, err
		}
	}
	return unused.Analyze(in)
}

// relErr names files relative to the root in an error.
func (ss *Session) relErr(err error) error {
	return fmt.Errorf("%s", strings.ReplaceAll(err.Error(), ss.Root+string(filepath.Separator), ""))
}

// buildRoots are the directories whose build files say what is compiled
// under which option: the repository, and the source tree when it lies
// outside it.
func (ss *Session) buildRoots() []string {
	roots := []string{ss.Root}
	if src := ss.Tree.SrcTree; src != "" {
		if r, err := filepath.Rel(ss.Root, src); err != nil || strings.HasPrefix(r, "..") {
			roots = append(roots, src)
		}
	}
	return roots
}

// librarySources are the C files of the source tree, whose functions under
// an option make its API (the method without artefacts).
func (ss *Session) librarySources() ([]string, error) {
	root := ss.Tree.SrcTree
	if root == "" {
		root = ss.Root
	}
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if filepath.Ext(p) == ".c" {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// UnusedFindings turns the report into findings: one per unused option.
func (ss *Session) UnusedFindings(r *unused.Report) []finding.Finding {
	sev := finding.Note
	if s := finding.Severity(ss.Setup.Unused.Severity); s.Valid() {
		sev = s
	}
	var out []finding.Finding
	for _, o := range r.Options {
		if o.Status != unused.Unused {
			continue
		}
		loc := finding.Location{File: ss.Display(ss.Tree.Config)}
		if s := ss.Table.Lookup(o.Name); s != nil && s.Assigned.Line > 0 {
			loc = finding.Location{File: ss.KconfigPath(s.Assigned.File), Line: s.Assigned.Line}
		} else if o.Defined.File != "" {
			loc = finding.Location{File: ss.KconfigPath(o.Defined.File), Line: o.Defined.Line}
		}
		out = append(out, finding.Finding{
			ID: finding.Fingerprint(RuleUnused, o.Name), Rule: RuleUnused, Check: CheckUnused,
			Requirements: []string{ReqNotifyUnused}, Severity: sev, Location: loc,
			Message:     fmt.Sprintf("CONFIG_%s is enabled but the application does not use it: %s (method: %s)", o.Name, evidence(o), r.Method),
			Remediation: fmt.Sprintf("disable CONFIG_%s in the application's configuration", o.Name),
		})
	}
	finding.Sort(out)
	return out
}

// evidence says in a few words why an option counts as unused.
func evidence(o unused.Option) string {
	if len(o.Code) > 0 {
		var names []string
		for _, c := range o.Code {
			if c.State == unused.Discarded {
				names = append(names, c.String())
			}
		}
		more := ""
		if len(names) > 3 {
			more = fmt.Sprintf(" and %d more", len(names)-3)
			names = names[:3]
		}
		return "the linker discarded " + strings.Join(names, ", ") + more
	}
	api := o.API
	more := ""
	if len(api) > 3 {
		more = fmt.Sprintf(" and %d more", len(api)-3)
		api = api[:3]
	}
	return "the application names neither CONFIG_" + o.Name + " nor its API (" + strings.Join(api, ", ") + more + ")"
}
