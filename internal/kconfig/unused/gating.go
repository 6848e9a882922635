package unused

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/kconfig/symtab"
)

// Gates says which options the build compiles each source file under,
// from the build files' conventions. A file listed twice under different
// options is gated only by what every listing requires.
type Gates struct {
	files map[string][][]string // file -> one option set per listing
	dirs  map[string][][]string // directory -> one option set per listing
	// From lists the build files read, sorted.
	From []string
}

func newGates() *Gates {
	return &Gates{files: map[string][][]string{}, dirs: map[string][][]string{}}
}

func (g *Gates) addFile(path string, opts []string) {
	g.files[path] = append(g.files[path], opts)
}

func (g *Gates) addDir(path string, opts []string) {
	g.dirs[path] = append(g.dirs[path], opts)
}

// Options returns the options file (absolute) is compiled under: those of
// its own listings and those of every gated directory above it, sorted.
func (g *Gates) Options(file string) []string {
	set := map[string]bool{}
	for _, o := range common(g.files[file]) {
		set[o] = true
	}
	for dir := filepath.Dir(file); ; dir = filepath.Dir(dir) {
		for _, o := range common(g.dirs[dir]) {
			set[o] = true
		}
		if parent := filepath.Dir(dir); parent == dir {
			break
		}
	}
	out := make([]string, 0, len(set))
	for o := range set {
		out = append(out, o)
	}
	sort.Strings(out)
	return out
}

// common is what every listing requires.
func common(sets [][]string) []string {
	if len(sets) == 0 {
		return nil
	}
	count := map[string]int{}
	for _, s := range sets {
		seen := map[string]bool{}
		for _, o := range s {
			if !seen[o] {
				seen[o] = true
				count[o]++
			}
		}
	}
	var out []string
	for o, n := range count {
		if n == len(sets) {
			out = append(out, o)
		}
	}
	sort.Strings(out)
	return out
}

// buildFile reports whether name is a build file ScanBuildFiles reads.
func buildFile(name string) (cmake, make bool) {
	switch {
	case name == "CMakeLists.txt" || strings.HasSuffix(name, ".cmake"):
		return true, false
	case name == "Makefile" || name == "makefile" || name == "GNUmakefile" || name == "Kbuild" ||
		name == "Make.defs" || strings.HasSuffix(name, ".mk"):
		return false, true
	}
	return false, false
}

// ScanBuildFiles reads the build files under each root.
func ScanBuildFiles(roots ...string) (*Gates, error) {
	g := newGates()
	for _, root := range roots {
		// Build files are read through the root, so a file swapped for a
		// symbolic link during the walk cannot lead the read outside it.
		r, err := os.OpenRoot(root)
		if err != nil {
			return nil, err
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				// A CMake build directory holds generated .cmake files,
				// not the project's conventions.
				if _, err := os.Stat(filepath.Join(path, "CMakeCache.txt")); err == nil {
					return filepath.SkipDir
				}
				return nil
			}
			cm, mk := buildFile(d.Name())
			if !cm && !mk {
				return nil
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			data, err := r.ReadFile(rel)
			if err != nil {
				return fmt.Errorf("%s: %w (hint: build files are read only inside %s; a link out of it is not followed)", path, err, root)
			}
			abs, _ := filepath.Abs(path)
			g.From = append(g.From, abs)
			if cm {
				scanCMake(g, filepath.Dir(abs), string(data))
			} else {
				scanMake(g, filepath.Dir(abs), string(data))
			}
			return nil
		})
		_ = r.Close() // only read
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(g.From)
	return g, nil
}

// sourceExts are the files a build compiles.
var sourceExts = map[string]bool{".c": true, ".S": true, ".s": true, ".cc": true, ".cpp": true, ".cxx": true}

func isSource(p string) bool { return sourceExts[filepath.Ext(p)] }

// condStack tracks the options the enclosing if blocks require.
type condStack []*symtab.Expr

func (s condStack) required() []string {
	var e *symtab.Expr
	for _, c := range s {
		if e == nil {
			e = c
		} else {
			e = symtab.AndE(e, c)
		}
	}
	return e.Required()
}

// elseOf turns the top condition into its else branch: !(prev).
func (s condStack) elseOf(next *symtab.Expr) {
	if len(s) == 0 {
		return
	}
	top := symtab.NotE(s[len(s)-1])
	if next != nil {
		top = symtab.AndE(top, next)
	}
	s[len(s)-1] = top
}

func union(a, b []string) []string {
	set := map[string]bool{}
	for _, x := range a {
		set[x] = true
	}
	for _, x := range b {
		set[x] = true
	}
	out := make([]string, 0, len(set))
	for x := range set {
		out = append(out, x)
	}
	sort.Strings(out)
	return out
}
