package gate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
)

func mkTemp() (string, error) { return os.MkdirTemp("", "assure-hook-") }

func removeAll(dir string) { _ = os.RemoveAll(dir) }

// extractTree writes every file below dir at HEAD into dst.
func extractTree(ctx context.Context, gitDir, dst, dir string) error {
	out, err := gitOut(ctx, gitDir, "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", dir)
	if err != nil {
		return err
	}
	names := strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	if len(names) == 0 || names[0] == "" {
		return os.ErrNotExist
	}
	for _, n := range names {
		if err := extract(ctx, gitDir, dst, n); err != nil {
			return err
		}
	}
	return nil
}

// extract writes one file of HEAD into dst.
func extract(ctx context.Context, gitDir, dst, name string) error {
	data, err := gitOut(ctx, gitDir, "show", "HEAD:"+name)
	if err != nil {
		return err
	}
	p := filepath.Join(dst, filepath.FromSlash(name))
	if !strings.HasPrefix(p, filepath.Clean(dst)+string(filepath.Separator)) {
		return os.ErrPermission
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o600)
}
