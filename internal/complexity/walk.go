package complexity

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bmatcuk/doublestar/v4"
)

// Options say what to analyse.
type Options struct {
	// Paths are files and directories, relative to Dir; directories are
	// walked, skipping hidden ones (.git) and files of no known language.
	// Results name files by these paths.
	Paths []string
	// Dir is where relative paths start ("" is the working directory).
	Dir string
	// Exclude are globs (doublestar syntax, "**" for any directories)
	// matched against the slash-separated path as reported.
	Exclude []string
	// Workers analyse files in parallel; 0 means one per CPU.
	Workers int
	// Progress, if set, is called after each file with the number of
	// files done and the total, from the workers' goroutines.
	Progress func(done, total int)
}

// Result is the analysis of a set of files.
type Result struct {
	// Files is the number of files analysed (not skipped).
	Files int
	// Functions in file order, then by start line.
	Functions []Function
	Warnings  []Warning
}

// Analyze walks the paths and measures every function, in parallel. The
// result does not depend on the number of workers or their timing. A path
// that does not exist is an error; a file that cannot be read or analysed
// is a warning.
func Analyze(ctx context.Context, o Options) (*Result, error) {
	files, ws, err := collect(o)
	if err != nil {
		return nil, err
	}
	results := make([]FileResult, len(files))
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte // reused: results keep no reference to it
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				results[i], buf = analyzeFile(files[i], buf)
				if o.Progress != nil {
					o.Progress(int(done.Add(1)), len(files))
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{Warnings: ws}
	n := 0
	for _, r := range results {
		n += len(r.Functions)
	}
	res.Functions = make([]Function, 0, n)
	for _, r := range results {
		if !r.Skipped {
			res.Files++
		}
		res.Functions = append(res.Functions, r.Functions...)
		res.Warnings = append(res.Warnings, r.Warnings...)
	}
	return res, nil
}

type input struct {
	path string // on disk
	name string // as reported
	size int64
}

func analyzeFile(in input, buf []byte) (FileResult, []byte) {
	skip := func(msg string) FileResult {
		return FileResult{Path: in.name, Skipped: true, Warnings: []Warning{{File: in.name, Message: "skipped: " + msg}}}
	}
	if in.size > MaxFileSize {
		return skip("larger than " + itoa(MaxFileSize>>20) + " MiB"), buf
	}
	data, err := readInto(in.path, buf)
	if err != nil {
		return skip(unwrapPath(err).Error()), buf
	}
	return AnalyzeSource(in.name, data), data[:0]
}

// readInto reads a file into buf, growing it as needed.
func readInto(path string, buf []byte) ([]byte, error) {
	// assure: waive W-0044 -- the source files the user asks to analyse
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && int64(cap(buf)) <= st.Size() && st.Size() <= MaxFileSize {
		buf = make([]byte, 0, st.Size()+512)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			if len(buf) > MaxFileSize {
				return nil, errors.New("larger than " + itoa(MaxFileSize>>20) + " MiB")
			}
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// collect lists the files to analyse, sorted and without duplicates.
func collect(o Options) ([]input, []Warning, error) {
	for _, g := range o.Exclude {
		if !doublestar.ValidatePattern(g) {
			return nil, nil, fmt.Errorf("exclude pattern %q is not a valid glob (hint: check brackets and braces; ** matches any number of directories)", g)
		}
	}
	excluded := func(name string) bool {
		for _, g := range o.Exclude {
			if doublestar.MatchUnvalidated(g, name) {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	var files []input
	var ws []Warning
	add := func(path, name string, size int64) {
		if seen[name] || excluded(name) {
			return
		}
		seen[name] = true
		files = append(files, input{path: path, name: name, size: size})
	}
	paths := o.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, shown := range paths {
		root := shown
		if o.Dir != "" && !filepath.IsAbs(root) {
			root = filepath.Join(o.Dir, root)
		}
		st, err := os.Stat(root)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", shown, unwrapPath(err))
		}
		if !st.IsDir() {
			name := filepath.ToSlash(filepath.Clean(shown))
			if LanguageOf(name) == "" {
				ws = append(ws, Warning{File: name, Message: "skipped: not a C, C++ or Go file (by its extension)"})
				continue
			}
			add(root, name, st.Size())
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(root, p)
			name := filepath.ToSlash(filepath.Join(shown, rel))
			if err != nil {
				ws = append(ws, Warning{File: name, Message: "skipped: " + unwrapPath(err).Error()})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != root && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if LanguageOf(name) == "" {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				ws = append(ws, Warning{File: name, Message: "skipped: " + unwrapPath(err).Error()})
				return nil
			}
			if !info.Mode().IsRegular() {
				// symbolic links and devices: a symlinked file is
				// analysed where it really lives, if that is in the tree.
				return nil
			}
			add(p, name, info.Size())
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, ws, nil
}
