package kpolicy

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/assure-dev/assure/internal/kconfig"
	"github.com/assure-dev/assure/internal/kconfig/defaultoff"
	"github.com/assure-dev/assure/internal/kconfig/harden"
	"github.com/assure-dev/assure/internal/kconfig/lint"
	"github.com/assure-dev/assure/internal/model"
)

// Setup is everything the policies need, resolved against a repository
// root. File paths are absolute; reports name them relative to Root.
type Setup struct {
	Root string
	Tree kconfig.Tree
	// ModelFile is the root model file (relative to Root), where findings
	// about the model's own entries point.
	ModelFile string
	// Today (YYYY-MM-DD) decides which exceptions have expired.
	Today string

	Hardening  Hardening
	DefaultOff DefaultOff
	Unused     Unused
	Lint       lint.Options
}

// Hardening is the resolved hardening policy.
type Hardening struct {
	// InTree are the central file and its fragments, Extra the out-of-tree
	// files, relative to Root.
	InTree, Extra   []string
	Profile         string
	DefaultsProfile string
	Markers         []string
	Protections     map[string][]string
	Exceptions      []harden.Exception
}

// Configured reports whether there is a hardening file to read.
func (h Hardening) Configured() bool { return len(h.InTree)+len(h.Extra) > 0 }

// DefaultOff is the resolved default-off policy.
type DefaultOff struct {
	Areas  []defaultoff.Area
	Common []defaultoff.Common
}

// Unused names the build artefacts, absolute; App the application's own
// source files.
type Unused struct {
	CompileCommands, Map, ELF string
	App                       []string
	Severity                  string
}

// DefaultProtections are the Zephyr symbols whose passing rule shows the
// protection of each Execution Protection requirement is on.
var DefaultProtections = map[string][]string{
	ReqStackProtection: {"HW_STACK_PROTECTION", "MPU_STACK_GUARD", "BUILTIN_STACK_GUARD", "STACK_SENTINEL", "STACK_CANARIES", "STACK_CANARIES_STRONG", "STACK_CANARIES_ALL"},
	ReqThreadSeparate:  {"USERSPACE"},
}

// FromModel resolves the model's kconfig section against root.
func FromModel(root string, m *model.Model, modelFile, today string) (*Setup, error) {
	k := m.Kconfig
	s := &Setup{Root: root, Tree: kconfig.TreeFromModel(root, k), ModelFile: modelFile, Today: today}
	h := k.Hardening
	var err error
	if s.Hardening.InTree, err = expand(root, h.Files); err != nil {
		return nil, err
	}
	if s.Hardening.Extra, err = expand(root, h.Extra); err != nil {
		return nil, err
	}
	s.Hardening.Profile = h.Profile
	if s.Hardening.Profile == "" {
		s.Hardening.Profile = harden.DefaultProfile
	}
	s.Hardening.DefaultsProfile = h.DefaultsProfile
	s.Hardening.Markers = h.Markers
	s.Hardening.Protections = h.Protections
	for _, e := range h.Exceptions {
		s.Hardening.Exceptions = append(s.Hardening.Exceptions, harden.Exception{Symbol: e.Symbol, Justification: e.Justification,
			Approver: e.Approver, Expires: e.Expires, Waiver: e.Waiver, Pos: e.Pos})
	}
	for _, a := range k.DefaultOff.Areas {
		s.DefaultOff.Areas = append(s.DefaultOff.Areas, defaultoff.Area{Kind: a.Kind, Paths: a.Paths, Menus: a.Menus})
	}
	for _, c := range k.DefaultOff.Common {
		s.DefaultOff.Common = append(s.DefaultOff.Common, defaultoff.Common{Symbol: c.Symbol, Reason: c.Reason, Pos: c.Pos})
	}
	u := k.Unused
	s.Unused = Unused{CompileCommands: absIf(root, u.CompileCommands), Map: absIf(root, u.Map), ELF: absIf(root, u.ELF), Severity: u.Severity}
	app, err := expand(root, u.App)
	if err != nil {
		return nil, err
	}
	for _, a := range app {
		if isSourceFile(a) {
			s.Unused.App = append(s.Unused.App, filepath.Join(root, a))
		}
	}
	s.Lint = lint.Options{Root: s.Tree.SrcTree, Include: k.Lint.Sources, Exclude: k.Lint.Exclude}
	for _, a := range k.Lint.Allow {
		s.Lint.Allow = append(s.Lint.Allow, lint.Allow{Symbol: a.Symbol, Reason: a.Reason})
	}
	return s, nil
}

func absIf(root, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}

func isSourceFile(p string) bool {
	switch filepath.Ext(p) {
	case ".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".S":
		return true
	}
	return false
}

// expand turns globs relative to root into the files they match, in the
// order of the globs (each glob's matches sorted), each once. A glob
// without wildcards must name an existing file.
func expand(root string, globs []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	fsys := os.DirFS(root)
	for _, g := range globs {
		g = filepath.ToSlash(g)
		var matches []string
		if !strings.ContainsAny(g, "*?[{") {
			if _, err := fs.Stat(fsys, g); err != nil {
				return nil, fmt.Errorf("%s: no such file (hint: paths in the model are relative to the repository root)", g)
			}
			matches = []string{g}
		} else {
			var err error
			matches, err = doublestar.Glob(fsys, g, doublestar.WithFilesOnly())
			if err != nil {
				return nil, fmt.Errorf("%s: %w", g, err)
			}
			sort.Strings(matches)
		}
		for _, m := range matches {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	return out, nil
}

// Display names a file for reports: relative to Root, with slashes.
func (s *Setup) Display(p string) string {
	if !filepath.IsAbs(p) {
		return filepath.ToSlash(p)
	}
	if r, err := filepath.Rel(s.Root, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

// KconfigPath names a file of the tree (relative to srctree, as the engine
// gives positions) relative to Root.
func (s *Setup) KconfigPath(f string) string {
	if f == "" || filepath.IsAbs(f) {
		return s.Display(f)
	}
	src := s.Tree.SrcTree
	if src == "" {
		src = s.Root
	}
	return s.Display(filepath.Join(src, f))
}
