package diff

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
	"github.com/assure-dev/assure/internal/threat/rules"
)

// maxTree bounds what one revision's model may extract: the model and
// threat model files are small; anything near this is a wrong glob.
const maxTree = 64 << 20

// AtRevision loads the root model and the threat model as they were at
// rev and analyzes them with today's rules, so two revisions are compared
// under the same rules. Only the model's directory and the directories the
// threat_model.files globs start in are taken out of git, into a temporary
// directory removed before it returns.
func AtRevision(ctx context.Context, root, rev, modelPath string) (*threat.Analysis, error) {
	commit, err := git(ctx, root, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("revision %q: unknown revision or not a commit (hint: check the name with git log --oneline)", rev)
	}
	commit = bytes.TrimSpace(commit)
	tmp, err := os.MkdirTemp("", "assure-threat-diff-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	modelDir := path.Dir(filepath.ToSlash(modelPath))
	if err := extract(ctx, root, string(commit), modelDir, tmp); err != nil {
		return nil, fmt.Errorf("revision %s: %w", rev, err)
	}
	rm, err := model.Load(tmp, modelPath)
	if err != nil {
		return nil, fmt.Errorf("revision %s: %w", rev, err)
	}
	done := map[string]bool{modelDir: true}
	for _, g := range rm.ThreatModel.Files {
		dir := literalDir(g)
		if done[dir] || within(dir, modelDir) {
			continue
		}
		done[dir] = true
		if err := extract(ctx, root, string(commit), dir, tmp); err != nil {
			return nil, fmt.Errorf("revision %s: %w", rev, err)
		}
	}
	tm, err := threat.Load(tmp, rm)
	if err != nil {
		return nil, fmt.Errorf("revision %s: %w", rev, err)
	}
	return rules.Analyze(tm)
}

// InWorkTree loads the model as it is on disk now.
func InWorkTree(root, modelPath string) (*threat.Analysis, error) {
	rm, err := model.Load(root, modelPath)
	if err != nil {
		return nil, err
	}
	tm, err := threat.Load(root, rm)
	if err != nil {
		return nil, err
	}
	return rules.Analyze(tm)
}

func within(dir, parent string) bool {
	return parent == "." || dir == parent || strings.HasPrefix(dir, parent+"/")
}

// literalDir is the directory a glob starts in: "security/threats/*.yaml"
// → "security/threats", "**/*.yaml" → ".".
func literalDir(glob string) string {
	lit := glob
	if i := strings.IndexAny(glob, "*?[{\\"); i >= 0 {
		lit = glob[:i]
	}
	d := path.Dir(lit + "x")
	if d == "" {
		return "."
	}
	return d
}

// extract writes the files under dir at commit into dst.
func extract(ctx context.Context, root, commit, dir, dst string) error {
	out, err := git(ctx, root, nil, "archive", "--format=tar", commit, "--", dir)
	if err != nil {
		if strings.Contains(err.Error(), "did not match any files") {
			return fmt.Errorf("%s does not exist at this revision", dir)
		}
		return err
	}
	// Through os.Root: no name in the archive, and no link, can lead a
	// write out of the temporary directory.
	r, err := os.OpenRoot(dst)
	if err != nil {
		return err
	}
	defer r.Close()
	tr := tar.NewReader(bytes.NewReader(out))
	total := int64(0)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading git archive: %w", err)
		}
		if h.Typeflag != tar.TypeReg {
			continue // directories are made as needed; links are not followed
		}
		name := path.Clean(h.Name)
		if path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") {
			continue
		}
		total += h.Size
		if total > maxTree {
			return fmt.Errorf("%s holds more than %d bytes; the threat model globs are too wide", dir, maxTree)
		}
		p := filepath.FromSlash(name)
		if err := r.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			return err
		}
		f, err := r.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, io.LimitReader(tr, h.Size))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
}

func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	// assure: waive W-0045 -- git with fixed subcommands; no shell
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimPrefix(msg, "fatal: "))
	}
	return stdout.Bytes(), nil
}
