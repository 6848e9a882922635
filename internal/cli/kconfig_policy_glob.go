package cli

import (
	"os"
	"path/filepath"
	"sort"

	"github.com/bmatcuk/doublestar/v4"
)

// globDir expands one glob (** for any directories) relative to dir into
// sorted absolute paths of files.
func globDir(dir, glob string) ([]string, error) {
	matches, err := doublestar.Glob(os.DirFS(dir), filepath.ToSlash(glob), doublestar.WithFilesOnly())
	if err != nil {
		return nil, err
	}
	sort.Strings(matches)
	for i, m := range matches {
		matches[i] = filepath.Join(dir, filepath.FromSlash(m))
	}
	return matches, nil
}
