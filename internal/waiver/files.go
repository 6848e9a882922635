package waiver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"sort"
	"strings"
)

// maxSourceSize bounds one scanned file; generated files beyond it are not
// where people write waiver comments.
const maxSourceSize = 64 << 20

// SourceExtensions are the files MarkerFiles searches: source code, where
// waiver comments belong. Documentation that shows the syntax is left out.
var SourceExtensions = []string{
	"c", "h", "cc", "cpp", "cxx", "hh", "hpp", "hxx", "inc", "S", "s", "asm",
	"go", "rs", "py", "sh", "bash", "cmake", "java", "kt", "js", "ts", "cs",
	"m", "mm", "swift", "rb", "php", "pl", "ld",
}

// MarkerFiles lists the tracked source files of the work tree at root that
// contain a waiver or suppression marker, using git grep (a fast,
// multi-threaded byte search) rather than reading every file.
func MarkerFiles(ctx context.Context, root string) ([]string, error) {
	args := []string{"grep", "-l", "-I", "-z", "--no-color", "-E", "-e", MarkerPattern, "--"}
	for _, e := range SourceExtensions {
		args = append(args, "*."+e)
	}
	args = append(args, "CMakeLists.txt")
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = root
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 && errb.Len() == 0 {
		return nil, nil // no file matches
	}
	if err != nil {
		return nil, fmt.Errorf("searching the sources for waiver comments (git grep): %s", strings.TrimSpace(errb.String()+" "+err.Error()))
	}
	var files []string
	for _, f := range bytes.Split(out.Bytes(), []byte{0}) {
		if len(f) > 0 {
			files = append(files, string(f))
		}
	}
	sort.Strings(files)
	return files, nil
}

// Tree reads waiver comments from the work tree at a repository root. It
// opens files through os.Root, so a result naming a path outside the
// repository, or a symbolic link out of it, reads nothing.
type Tree struct{ root *os.Root }

// OpenTree opens the work tree at root.
func OpenTree(root string) (*Tree, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	return &Tree{root: r}, nil
}

// Close releases the tree.
func (t *Tree) Close() error { return t.root.Close() }

// Comments implements Source. A file that does not exist (a result about a
// deleted or generated file), lies outside the root, or is too large to be
// hand-written has no comments; other read errors are errors.
func (t *Tree) Comments(file string) ([]Comment, error) {
	name := path.Clean(file)
	if !fs.ValidPath(name) {
		return nil, nil
	}
	data, err := readCapped(t.root, name)
	switch {
	case err == nil:
		return Scan(data), nil
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, errTooLarge), escapes(err):
		return nil, nil
	}
	return nil, fmt.Errorf("scanning %s for waiver comments: %w", file, err)
}

// escapes reports an os.Root refusal: the path leaves the root.
func escapes(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes")
}

var errTooLarge = errors.New("file too large to scan")

func readCapped(r *os.Root, name string) ([]byte, error) {
	fh, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fs.ErrNotExist
	}
	if st.Size() > maxSourceSize {
		return nil, errTooLarge
	}
	return io.ReadAll(io.LimitReader(fh, maxSourceSize))
}
