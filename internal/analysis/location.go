package analysis

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// places maps the paths and URIs analyzers write to paths relative to the
// repository root. Analyzers name files every way there is: relative to
// where they ran (gcc, cppcheck, gosec), as file:// URIs (clang), relative
// to a base id the consumer is meant to supply (flawfinder's SRCROOT), or
// under a build machine's checkout (Coverity). Whatever the form, a file
// outside the repository is refused: a result there cannot be waived in the
// source, reviewed or fixed by this project.
type places struct {
	root     string // absolute, clean
	realRoot string // root with symlinks resolved; tools often print that
	// sourceRoot is where a tool that ran elsewhere had the repository
	// ("" for tools that ran here).
	sourceRoot string
}

func newPlaces(root, sourceRoot string) (*places, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	return &places{root: abs, realRoot: real, sourceRoot: filepath.Clean(sourceRoot)}, nil
}

// errOutside is wrapped by every "not in the repository" error.
var errOutside = errors.New("outside the repository")

// path maps p, absolute or relative to base (an absolute directory), to a
// slash-separated path relative to the root.
func (pl *places) path(base, p string) (string, error) {
	if p == "" {
		return "", errors.New("empty path")
	}
	native := filepath.FromSlash(p)
	if !filepath.IsAbs(native) {
		native = filepath.Join(base, native)
	}
	native = filepath.Clean(native)
	if pl.sourceRoot != "." && pl.sourceRoot != "" {
		if rel, ok := under(pl.sourceRoot, native); ok {
			native = filepath.Join(pl.root, rel)
		}
	}
	for _, r := range []string{pl.root, pl.realRoot} {
		if rel, ok := under(r, native); ok {
			if rel == "." {
				return "", fmt.Errorf("%s is the repository root, not a file", p)
			}
			return filepath.ToSlash(rel), nil
		}
	}
	return "", fmt.Errorf("%s is %w %s", p, errOutside, pl.root)
}

// under reports whether p lies in dir, and p relative to it.
func under(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return "", false
	}
	return rel, true
}

// uri maps a URI (already resolved against its base) to a repository path.
func (pl *places) uri(u *url.URL) (string, error) {
	if u.Scheme != "file" {
		return "", fmt.Errorf("%s is %w: only file URIs can name a source file", u.Redacted(), errOutside)
	}
	if u.Host != "" && u.Host != "localhost" {
		return "", fmt.Errorf("%s names host %q: %w", u.Redacted(), u.Host, errOutside)
	}
	p := u.Path
	// file:///C:/src/a.c on Windows.
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return pl.path(pl.root, p)
}

// dirURL is the file URL of an absolute directory, ending in a slash so
// that references resolve inside it.
func dirURL(dir string) *url.URL {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return &url.URL{Scheme: "file", Path: p}
}
