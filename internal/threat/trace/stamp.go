package trace

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/testresult"
)

// StampSuffix names the file that binds a result file to the commit its
// tests ran on: results/go.json gets results/go.json.stamp.json.
const StampSuffix = ".stamp.json"

// Stamp says which commit a result file's tests ran on. It carries the
// file's hash, so a result file changed after it was recorded no longer
// counts, and the paths that differed from that commit, so results of a
// work tree with uncommitted changes never prove the commit.
type Stamp struct {
	// Commit is the full id of HEAD when the results were recorded.
	Commit string `json:"commit"`
	// SHA256 is the hash of the result file's bytes.
	SHA256 string `json:"sha256"`
	// Dirty lists (up to 20) paths of the work tree that differed from
	// Commit, tracked or untracked, other than the result files and
	// their stamps; empty when the tree was clean.
	Dirty []string `json:"dirty,omitempty"`
}

// ResultFile is a result file to record: its path (relative to the
// repository root, or absolute) and format.
type ResultFile struct {
	Path   string
	Format testresult.Format
	// Name is how messages name the file; Path when empty.
	Name string
}

// Record writes a stamp next to each result file, binding it to the commit
// checked out in root, and returns the stamps' paths. It refuses files that
// are not readable results, so a cut or foreign file is never stamped as
// evidence.
func Record(ctx context.Context, root string, files []ResultFile) ([]string, error) {
	head, err := git(ctx, root, "rev-parse", "--verify", "HEAD^{commit}")
	if err != nil {
		return nil, fmt.Errorf("recording test results: %w", err)
	}
	head = strings.TrimSpace(head)
	rel := map[string]bool{}
	rels := make([]string, len(files))
	for i, rf := range files {
		r, err := relTo(root, rf.Path)
		if err != nil {
			return nil, err
		}
		rel[r] = true
		rel[r+StampSuffix] = true
		rels[i] = r
	}
	dirty, err := dirtyPaths(ctx, root, rel)
	if err != nil {
		return nil, err
	}
	// Through os.Root, as Collect reads them: a result file behind a link
	// out of the repository is refused here rather than never counted.
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var written []string
	for i, rf := range files {
		f, path := rf.Path, filepath.FromSlash(rels[i])
		data, err := r.ReadFile(path)
		if err != nil {
			return nil, err
		}
		name := rf.Name
		if name == "" {
			name = f
		}
		if _, err := parseResults(name, rf.Format, data); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		s := Stamp{Commit: head, SHA256: hex.EncodeToString(sum[:]), Dirty: dirty}
		b, _ := json.MarshalIndent(s, "", "  ")
		if err := r.WriteFile(path+StampSuffix, append(b, '\n'), 0o600); err != nil {
			return nil, err
		}
		written = append(written, f+StampSuffix)
	}
	return written, nil
}

func relTo(root, f string) (string, error) {
	if !filepath.IsAbs(f) {
		return filepath.ToSlash(filepath.Clean(f)), nil
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	r, err := filepath.Rel(absRoot, f)
	if err != nil || strings.HasPrefix(r, "..") {
		return "", fmt.Errorf("%s is outside the repository %s (hint: keep test results inside the repository, e.g. in an ignored build/ directory)", f, root)
	}
	return filepath.ToSlash(r), nil
}

// dirtyPaths lists what differs between the work tree and HEAD, leaving
// out the files being stamped.
func dirtyPaths(ctx context.Context, root string, skip map[string]bool) ([]string, error) {
	out, err := git(ctx, root, "status", "--porcelain=v1", "-z", "--untracked-files=all")
	if err != nil {
		return nil, err
	}
	var dirty []string
	recs := strings.Split(out, "\x00")
	for i := 0; i < len(recs); i++ {
		r := recs[i]
		if len(r) < 4 {
			continue
		}
		p := r[3:]
		if r[0] == 'R' || r[0] == 'C' {
			i++ // the source path of a rename follows
		}
		if skip[p] {
			continue
		}
		dirty = append(dirty, p)
	}
	sort.Strings(dirty)
	if len(dirty) > 20 {
		dirty = append(dirty[:20], fmt.Sprintf("… %d more", len(dirty)-20))
	}
	return dirty, nil
}

// readStamp reads the stamp of the result file name in fsys (the
// repository, opened so that no link leads out of it); ok is false when
// there is none.
func readStamp(fsys fs.FS, name string) (Stamp, bool, error) {
	b, err := fs.ReadFile(fsys, name+StampSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return Stamp{}, false, nil
	}
	if err != nil {
		return Stamp{}, false, err
	}
	var s Stamp
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil || s.Commit == "" || s.SHA256 == "" {
		return Stamp{}, false, fmt.Errorf("%s%s: not a stamp assure wrote (hint: record the results again: assure threat record-tests %s)", name, StampSuffix, name)
	}
	return s, true, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	// assure: waive W-0048 -- git with fixed subcommands and arguments; no shell
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git %s: %s", args[0], strings.TrimPrefix(msg, "fatal: "))
	}
	return stdout.String(), nil
}
