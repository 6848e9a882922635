package complexity

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// The gate analyses commits, not the work tree: what a pull request
// brings is what its head commit holds, uncommitted edits are not part of
// it, and a server-side hook has no work tree at all. These functions
// read files out of git objects, one cat-file process per revision.

// Change is a file a range changed: Path at the head, Old at the base
// ("" for an added file; different from Path for a rename).
type Change struct {
	Path, Old string
}

// ChangedFiles lists the C, C++ and Go files that differ between base and
// head, following renames, sorted by path. Deleted files are left out.
func ChangedFiles(ctx context.Context, dir, base, head string) ([]Change, error) {
	out, err := git(ctx, dir, nil, "diff", "--name-status", "-z", "-M", "--no-ext-diff", base, head, "--")
	if err != nil {
		return nil, err
	}
	f := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	var cs []Change
	for i := 0; i < len(f); {
		status := f[i]
		i++
		if status == "" {
			continue
		}
		n := 1
		if status[0] == 'R' || status[0] == 'C' {
			n = 2 // old and new path
		}
		if i+n > len(f) {
			return nil, fmt.Errorf("git diff %s %s: truncated record after %q", base, head, status)
		}
		ps := f[i : i+n]
		i += n
		nw := ps[n-1]
		if status[0] == 'D' || LanguageOf(nw) == "" {
			continue
		}
		c := Change{Path: nw}
		switch status[0] {
		case 'R':
			c.Old = ps[0]
		case 'M', 'T':
			c.Old = nw
		}
		cs = append(cs, c)
	}
	return cs, nil
}

type treeEntry struct {
	path, oid string
	size      int64
}

// lsTree lists the C, C++ and Go blobs of rev: all, or those paths.
func lsTree(ctx context.Context, dir, rev string, paths []string) ([]treeEntry, error) {
	args := []string{"ls-tree", "-r", "-z", "--full-tree", "--long", rev}
	if paths != nil {
		args = append(args, "--")
		for _, p := range paths {
			args = append(args, ":(literal)"+p)
		}
	}
	out, err := git(ctx, dir, nil, args...)
	if err != nil {
		return nil, err
	}
	var es []treeEntry
	for _, rec := range bytes.Split(out, []byte{0}) {
		// <mode> SP <type> SP <object> SP+ <size> TAB <path>
		meta, p, ok := bytes.Cut(rec, []byte{'\t'})
		if !ok {
			continue
		}
		fs := strings.Fields(string(meta))
		if len(fs) != 4 || fs[1] != "blob" || fs[0] == "120000" {
			continue
		}
		if LanguageOf(string(p)) == "" {
			continue
		}
		size, _ := strconv.ParseInt(fs[3], 10, 64)
		es = append(es, treeEntry{path: string(p), oid: fs[2], size: size})
	}
	return es, nil
}

// AnalyzeFiles measures the functions of the given files as they are in
// revision rev of the repository in dir. A file the revision does not
// have is left out.
func AnalyzeFiles(ctx context.Context, dir, rev string, paths []string) (*Result, error) {
	if len(paths) == 0 {
		return &Result{}, nil
	}
	entries, err := lsTree(ctx, dir, rev, paths)
	if err != nil {
		return nil, err
	}
	return analyzeBlobs(ctx, dir, entries, nil)
}

// AnalyzeTree measures every C, C++ and Go file of revision rev that keep
// accepts (nil: all).
func AnalyzeTree(ctx context.Context, dir, rev string, keep func(string) bool) (*Result, error) {
	entries, err := lsTree(ctx, dir, rev, nil)
	if err != nil {
		return nil, err
	}
	return analyzeBlobs(ctx, dir, entries, keep)
}

// analyzeBlobs reads the files with one git cat-file process and analyses
// them with workers in parallel.
func analyzeBlobs(ctx context.Context, dir string, entries []treeEntry, keep func(string) bool) (*Result, error) {
	var todo []treeEntry
	res := &Result{}
	for _, e := range entries {
		if keep != nil && !keep(e.path) {
			continue
		}
		if e.size > MaxFileSize {
			res.Warnings = append(res.Warnings, Warning{File: e.path, Message: "skipped: larger than " + itoa(MaxFileSize>>20) + " MiB"})
			continue
		}
		todo = append(todo, e)
	}
	results := make([]FileResult, len(todo))
	type job struct {
		i    int
		data []byte
	}
	jobs := make(chan job, 16)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results[j.i] = AnalyzeSource(todo[j.i].path, j.data)
			}
		}()
	}
	err := catBlobs(ctx, dir, todo, func(i int, data []byte) { jobs <- job{i, data} })
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	for _, r := range results {
		if !r.Skipped {
			res.Files++
		}
		res.Functions = append(res.Functions, r.Functions...)
		res.Warnings = append(res.Warnings, r.Warnings...)
	}
	return res, nil
}

// catBlobs streams the blobs through git cat-file --batch.
func catBlobs(ctx context.Context, dir string, es []treeEntry, each func(int, []byte)) error {
	if len(es) == 0 {
		return nil
	}
	cmd := gitCommand(ctx, dir, "cat-file", "--batch")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	go func() {
		// A write fails only when git has gone; the reader below then
		// fails too and reports it, so the writer just stops.
		w := bufio.NewWriter(stdin)
		for _, e := range es {
			if _, err := w.WriteString(e.oid); err != nil {
				break
			}
			if err := w.WriteByte('\n'); err != nil {
				break
			}
		}
		_ = w.Flush()
		_ = stdin.Close()
	}()
	r := bufio.NewReaderSize(stdout, 1<<16)
	var readErr error
	for i, e := range es {
		header, err := r.ReadString('\n')
		if err != nil {
			readErr = fmt.Errorf("git cat-file: reading %s: %w", e.path, err)
			break
		}
		fs := strings.Fields(header)
		if len(fs) != 3 || fs[1] != "blob" {
			readErr = fmt.Errorf("git cat-file: %s (%s): unexpected answer %q", e.path, e.oid, strings.TrimSpace(header))
			break
		}
		size, err := strconv.ParseInt(fs[2], 10, 64)
		if err != nil || size < 0 || size > MaxFileSize {
			readErr = fmt.Errorf("git cat-file: %s: bad size %q", e.path, fs[2])
			break
		}
		data := make([]byte, size+1)
		if _, err := io.ReadFull(r, data); err != nil {
			readErr = fmt.Errorf("git cat-file: reading %s: %w", e.path, err)
			break
		}
		each(i, data[:size])
	}
	if readErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return readErr
	}
	if err := cmd.Wait(); err != nil {
		return gitErr([]string{"cat-file", "--batch"}, err, stderr.String())
	}
	return nil
}

func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := gitCommand(ctx, dir, args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, gitErr(args, err, stderr.String())
	}
	return out, nil
}

// gitCommand is every git this file runs, in the repository dir. The
// subcommands are fixed (diff, ls-tree, cat-file); what varies is commit ids
// the gate resolved, paths after "--", and object ids git itself listed.
func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	// assure: waive W-0042 -- git with fixed subcommands on resolved commits; no shell
	return exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
}

func gitErr(args []string, err error, stderr string) error {
	var ee *exec.ExitError
	msg := strings.TrimSpace(stderr)
	if errors.As(err, &ee) && msg != "" {
		return fmt.Errorf("git %s: %s", args[0], msg)
	}
	return fmt.Errorf("git %s: %w", args[0], err)
}
