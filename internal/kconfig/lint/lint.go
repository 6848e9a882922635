package lint

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/assure-dev/assure/internal/kconfig/csrc"
	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

// Rules of the hygiene checks.
const (
	UndefinedInKconfig = "undefined-in-kconfig"
	UndefinedInSource  = "undefined-in-source"
	NeverEnabled       = "never-enabled"
)

// Issue is one hygiene problem.
type Issue struct {
	Rule   string `json:"rule"`
	Symbol string `json:"symbol"`
	// File is relative to the source tree for Kconfig files, to the
	// scanned root for sources.
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
	// Allowed is the reason when the model allows the reference.
	Allowed string `json:"allowed,omitempty"`
}

// Allow accepts references to an undefined symbol (a glob such as
// "BOARD_*") with a reason: symbols a build system defines outside
// Kconfig, or names in documentation.
type Allow struct {
	Symbol string
	Reason string
}

// Options of one run.
type Options struct {
	// Root is the directory whose sources are scanned; empty scans none.
	Root string
	// Include are globs (relative to Root) of the files to scan; nil means
	// DefaultSources.
	Include []string
	// Exclude are globs of files or directories to leave out.
	Exclude []string
	Allow   []Allow
	// Prefix of configuration names in sources (default CONFIG_).
	Prefix string
}

// DefaultSources are the files Zephyr's check reads for CONFIG_ names.
var DefaultSources = []string{
	"**/*.c", "**/*.h", "**/*.S", "**/*.s", "**/*.ld", "**/*.cpp", "**/*.cc",
	"**/CMakeLists.txt", "**/*.cmake", "**/Makefile", "**/Kbuild", "**/*.mk",
	"**/*.conf", "**/*_defconfig", "**/defconfig",
}

// Report is the outcome over a tree and its sources.
type Report struct {
	Issues []Issue `json:"issues"`
	// Files counts the source files scanned.
	Files int `json:"files"`
}

// Open counts the issues no allowance covers.
func (r *Report) Open() int {
	n := 0
	for _, i := range r.Issues {
		if i.Allowed == "" {
			n++
		}
	}
	return n
}

// Lint checks t and the sources under o.Root.
func Lint(t *symtab.Table, o Options) (*Report, error) {
	for _, g := range append(append([]string(nil), o.Include...), o.Exclude...) {
		if !doublestar.ValidatePattern(g) {
			return nil, fmt.Errorf("%q is not a valid glob (hint: ** matches any number of directories)", g)
		}
	}
	rep := &Report{}
	seen := map[string]bool{}
	for _, r := range t.Refs {
		s := t.Lookup(r.Symbol)
		if s != nil && s.Defined() || r.Symbol == "MODULES" {
			continue
		}
		key := r.Symbol + "\x00" + r.Pos.String()
		if seen[key] {
			continue
		}
		seen[key] = true
		rep.Issues = append(rep.Issues, Issue{Rule: UndefinedInKconfig, Symbol: r.Symbol, File: r.Pos.File, Line: r.Pos.Line,
			Message: fmt.Sprintf("%s references %s, which no Kconfig file defines", describe(r.From), r.Symbol)})
	}
	rep.Issues = append(rep.Issues, never(t)...)
	if o.Root != "" {
		if err := o.scan(t, rep); err != nil {
			return nil, err
		}
	}
	for i := range rep.Issues {
		if rep.Issues[i].Rule == NeverEnabled {
			continue
		}
		for _, a := range o.Allow {
			if ok, _ := path.Match(a.Symbol, rep.Issues[i].Symbol); ok {
				rep.Issues[i].Allowed = a.Reason
				break
			}
		}
	}
	sort.SliceStable(rep.Issues, func(i, j int) bool {
		a, b := rep.Issues[i], rep.Issues[j]
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Symbol < b.Symbol
	})
	return rep, nil
}

func describe(from string) string {
	if from == "" {
		return "an if or menu"
	}
	if strings.ContainsAny(from, " \"") || strings.ToUpper(from) != from {
		return fmt.Sprintf("%q", from)
	}
	return from
}

// never finds the options that can never be enabled.
func never(t *symtab.Table) []Issue {
	r := symtab.NewReach(t)
	var out []Issue
	for _, name := range t.Names() {
		s := t.Symbols[name]
		if !s.Defined() || (s.Type != symtab.Bool && s.Type != symtab.Tristate) || r.MayBeEnabled(name) || name == "MODULES" {
			continue
		}
		why := "it has no prompt, no default that can be y, and nothing selects or implies it"
		if !r.MayBeTrue(s.DependsOn) {
			why = "its dependencies can never be met: depends on " + s.DependsOn.String()
			if blame := unmet(r, t, s.DependsOn); blame != "" {
				why += " (" + blame + ")"
			}
		}
		p := s.Where()
		out = append(out, Issue{Rule: NeverEnabled, Symbol: name, File: p.File, Line: p.Line,
			Message: fmt.Sprintf("%s can never be enabled: %s", name, why)})
	}
	return out
}

// unmet names the symbols of a dependency that can never be enabled.
func unmet(r *symtab.Reach, t *symtab.Table, e *symtab.Expr) string {
	var undefined, off []string
	for _, n := range e.Symbols() {
		if r.MayBeEnabled(n) {
			continue
		}
		if s := t.Lookup(n); s == nil || !s.Defined() {
			undefined = append(undefined, n)
		} else {
			off = append(off, n)
		}
	}
	var parts []string
	if len(undefined) > 0 {
		parts = append(parts, strings.Join(undefined, ", ")+" not defined")
	}
	if len(off) > 0 {
		parts = append(parts, strings.Join(off, ", ")+" never enabled")
	}
	return strings.Join(parts, "; ")
}

// scan reads the sources for CONFIG_ names the tree does not define. The
// files are listed first, then read on every CPU; issues are collected per
// file and joined in file order, so the output does not depend on timing.
func (o Options) scan(t *symtab.Table, rep *Report) error {
	include := o.Include
	if include == nil {
		include = DefaultSources
	}
	prefix := o.Prefix
	if prefix == "" {
		prefix = "CONFIG_"
	}
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(prefix) + `[A-Za-z0-9_]+`)
	var files []string
	err := filepath.WalkDir(o.Root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(o.Root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p != o.Root && (strings.HasPrefix(d.Name(), ".") || matchAny(o.Exclude, rel)) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "CMakeCache.txt")); err == nil {
				return filepath.SkipDir // a build directory: generated files
			}
			return nil
		}
		if d.Name() != ".config" && matchAny(include, rel) && !matchAny(o.Exclude, rel) {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	rep.Files = len(files)
	found := make([][]Issue, len(files))
	errs := make([]error, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				found[i], errs[i] = o.scanFile(t, files[i], word, prefix)
			}
		}()
	}
	wg.Wait()
	for i := range files {
		if errs[i] != nil {
			return errs[i]
		}
		rep.Issues = append(rep.Issues, found[i]...)
	}
	return nil
}

func (o Options) scanFile(t *symtab.Table, rel string, word *regexp.Regexp, prefix string) ([]Issue, error) {
	data, err := os.ReadFile(filepath.Join(o.Root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	var out []Issue
	for _, r := range refs(path.Base(rel), data, word, prefix) {
		if defined(t, r.Option) {
			continue
		}
		where := ""
		if r.Comment {
			where = " in a comment"
		}
		out = append(out, Issue{Rule: UndefinedInSource, Symbol: r.Option, File: rel, Line: r.Line,
			Message: fmt.Sprintf("%s%s is named%s but no Kconfig file defines %s", prefix, r.Option, where, r.Option)})
	}
	return out, nil
}

func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
	}
	return false
}

// refs finds the CONFIG_ names of one file: C-like files with the
// scanner (so strings do not count), others line by line.
func refs(name string, data []byte, word *regexp.Regexp, prefix string) []csrc.Ref {
	switch filepath.Ext(name) {
	case ".c", ".h", ".S", ".s", ".ld", ".cpp", ".cc":
		if prefix == "CONFIG_" {
			return csrc.ScanRefs(data)
		}
	}
	var out []csrc.Ref
	for i, l := range strings.Split(string(data), "\n") {
		if j := strings.IndexByte(l, '#'); j >= 0 {
			// In CMake, Make and .conf files '#' starts a comment; "#
			// CONFIG_X is not set" in a fragment is an assignment.
			if strings.HasSuffix(strings.TrimSpace(l), " is not set") {
				j = -1
			}
			if j >= 0 {
				for _, m := range word.FindAllString(l[j:], -1) {
					out = append(out, csrc.Ref{Option: strings.TrimPrefix(m, prefix), Line: i + 1, Comment: true})
				}
				l = l[:j]
			}
		}
		for _, m := range word.FindAllString(l, -1) {
			out = append(out, csrc.Ref{Option: strings.TrimPrefix(m, prefix), Line: i + 1})
		}
	}
	return out
}

// defined: the tree defines the option, or the name is not one: a prefix
// pasted together in a macro (CONFIG_FOO_##x, ends in _) or the
// CONFIG_X_MODULE a tristate X=m defines.
func defined(t *symtab.Table, opt string) bool {
	if s := t.Lookup(opt); s != nil && s.Defined() {
		return true
	}
	if strings.HasSuffix(opt, "_") {
		return true
	}
	if base, ok := strings.CutSuffix(opt, "_MODULE"); ok {
		if s := t.Lookup(base); s != nil && s.Defined() && s.Type == symtab.Tristate {
			return true
		}
	}
	return false
}
