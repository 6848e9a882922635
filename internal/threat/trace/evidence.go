package trace

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/assure-dev/assure/internal/testresult"
)

// Freshness policies: how the gate knows which commit results belong to.
const (
	// FreshCommit (the default) counts only results bound to the commit
	// under check: by a stamp (assure threat record-tests) or by a path
	// that names the commit's full id.
	FreshCommit = "commit"
	// FreshRunTime also counts unbound results whose recorded run time
	// (go test -json event times, JUnit timestamps; never file times)
	// is not older than the commit. It cannot tell two branches apart.
	FreshRunTime = "run-time"
)

// Options says where the results of the commit under check are.
type Options struct {
	Root string
	// Head is the full id of the commit under check; HeadTime its
	// committer time (for FreshRunTime).
	Head     string
	HeadTime time.Time
	// GoTestJSON and JUnit are globs relative to Root.
	GoTestJSON []string
	JUnit      []string
	Freshness  string
}

// File is one result file that the globs matched and how it was judged.
type File struct {
	Path   string            `json:"path"`
	Format testresult.Format `json:"format"`
	// Binding says how the file is tied to a commit: stamp, path,
	// run-time, or "" when it is not.
	Binding string `json:"binding,omitempty"`
	// Commit is the commit the results belong to, when known.
	Commit string `json:"commit,omitempty"`
	// Fresh says the results count for the commit under check; Reason
	// says why not.
	Fresh  bool   `json:"fresh"`
	Reason string `json:"reason,omitempty"`
	// Results is how many test results the file holds (0 when it was
	// not read: a path naming another commit).
	Results int `json:"results"`
}

// Evidence is what the result files say about the commit under check.
type Evidence struct {
	Head  string `json:"head"`
	Files []File `json:"files"`
	// Fresh holds the results that count; Stale those that exist but do
	// not prove the commit under check.
	Fresh *testresult.Set `json:"-"`
	Stale *testresult.Set `json:"-"`
	// staleWhy maps a result file to why it does not count.
	staleWhy map[string]string
}

// commitInPath finds full commit ids (SHA-1 or SHA-256) in a path.
var commitInPath = regexp.MustCompile(`(?:^|[^0-9a-f])([0-9a-f]{64}|[0-9a-f]{40})(?:[^0-9a-f]|$)`)

// Collect reads every result file the globs match and sorts their results
// into fresh and stale. A file that matches but cannot be read (cut off,
// not JUnit) is an error: its missing results could be failures.
func Collect(ctx context.Context, o Options) (*Evidence, error) {
	ev := &Evidence{Head: o.Head, staleWhy: map[string]string{}}
	root, err := os.OpenRoot(o.Root)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	fsys := root.FS()
	var fresh, stale []testresult.Result
	seen := map[string]bool{}
	for _, g := range []struct {
		format testresult.Format
		globs  []string
	}{{testresult.GoTestJSON, o.GoTestJSON}, {testresult.JUnit, o.JUnit}} {
		for _, pattern := range g.globs {
			matches, err := doublestar.Glob(fsys, pattern, doublestar.WithFilesOnly())
			if err != nil {
				return nil, fmt.Errorf("threat_model.tests glob %q: %w", pattern, err)
			}
			sort.Strings(matches)
			for _, name := range matches {
				if seen[name] || strings.HasSuffix(name, StampSuffix) {
					continue
				}
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				seen[name] = true
				f, rs, err := judge(fsys, name, g.format, o)
				if err != nil {
					return nil, err
				}
				ev.Files = append(ev.Files, f)
				if f.Fresh {
					fresh = append(fresh, rs...)
				} else {
					stale = append(stale, rs...)
					ev.staleWhy[name] = f.Reason
				}
			}
		}
	}
	sort.Slice(ev.Files, func(i, j int) bool { return ev.Files[i].Path < ev.Files[j].Path })
	ev.Fresh, ev.Stale = testresult.NewSet(fresh), testresult.NewSet(stale)
	return ev, nil
}

func judge(fsys fs.FS, name string, format testresult.Format, o Options) (File, []testresult.Result, error) {
	f := File{Path: name, Format: format}
	// A path that names another commit is that commit's result: not read.
	for _, m := range commitInPath.FindAllStringSubmatch(name, -1) {
		f.Binding, f.Commit = "path", m[1]
		if m[1] == o.Head {
			f.Fresh = true
			break
		}
	}
	if f.Binding == "path" && !f.Fresh {
		f.Reason = "results of commit " + short(f.Commit)
		return f, nil, nil
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return f, nil, err
	}
	rs, err := parseResults(name, format, data)
	if err != nil {
		return f, nil, err
	}
	f.Results = len(rs)
	if f.Binding == "path" {
		return f, rs, nil
	}
	st, ok, err := readStamp(fsys, name)
	if err != nil {
		return f, nil, err
	}
	switch {
	case ok:
		f.Binding, f.Commit = "stamp", st.Commit
		sum := sha256.Sum256(data)
		switch {
		case hex.EncodeToString(sum[:]) != st.SHA256:
			f.Reason = "the file changed after it was recorded for commit " + short(st.Commit)
		case st.Commit != o.Head:
			f.Reason = "recorded for commit " + short(st.Commit)
		case len(st.Dirty) > 0:
			f.Reason = "the tests ran on uncommitted changes (" + strings.Join(st.Dirty[:min(3, len(st.Dirty))], ", ") + ")"
		default:
			f.Fresh = true
		}
	case o.Freshness == FreshRunTime:
		f.Binding = "run-time"
		first, ok := earliest(rs)
		switch {
		case !ok:
			f.Reason = "the file records no run time"
		case first.Before(o.HeadTime):
			f.Reason = fmt.Sprintf("the tests ran at %s, before commit %s (%s)", first.Format(time.RFC3339), short(o.Head), o.HeadTime.UTC().Format(time.RFC3339))
		default:
			f.Fresh = true
		}
	default:
		f.Reason = "not bound to a commit"
	}
	return f, rs, nil
}

func earliest(rs []testresult.Result) (time.Time, bool) {
	var t time.Time
	for _, r := range rs {
		if r.Time.IsZero() {
			continue
		}
		if t.IsZero() || r.Time.Before(t) {
			t = r.Time
		}
	}
	return t, !t.IsZero()
}

func parseResults(name string, format testresult.Format, data []byte) ([]testresult.Result, error) {
	if format == testresult.JUnit {
		return testresult.ReadJUnit(name, bytes.NewReader(data))
	}
	return testresult.ReadGoTestJSON(name, bytes.NewReader(data))
}

// StaleReason says why the results of file do not count.
func (e *Evidence) StaleReason(file string) string { return e.staleWhy[file] }

func short(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
