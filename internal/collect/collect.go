// Package collect gathers the raw facts the checks reason about: the commits
// of the range under check, review exports, the tracker. Each source is read
// at most once per run and only when a check asks for it, so a gate that
// needs no history never starts git.
package collect

import (
	"context"
	"os"
	"path/filepath"
	"sync"

	"github.com/assure-dev/assure/internal/gitlog"
	"github.com/assure-dev/assure/internal/identity"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/tracker"
)

// Range is the history under check.
type Range struct {
	// Revs go to git log as they are ("A..B", or "HEAD" for all history).
	Revs []string
	// Display is how reports name the range.
	Display string
	// Head is the resolved commit at the tip, empty in a repository without commits.
	Head string
	// Base is the resolved commit the range starts from (A of A..B), empty
	// when the range is all history. Profile pr compares against it: results
	// of analyses at Base are the baseline of what is new.
	Base string
}

// Facts is the lazily filled set of raw facts of one run.
type Facts struct {
	Root string // repository root
	// GitDir is where git runs when it is not Root: a bare repository
	// whose model was copied out to Root (the pre-receive hook).
	GitDir string
	Model  *model.Model
	Range  Range
	// Profile is the gate profile of the run (pr, release, …), for checks
	// whose question depends on it (static analysis: new findings in pr,
	// all findings in release).
	Profile string
	Tracker tracker.Tracker
	// ReviewFiles are review exports given on the command line, in addition
	// to the model's code_review.reviews.
	ReviewFiles []string
	// WantFiles makes Commits list the files each commit changed; the engine
	// sets it when any check that runs needs them.
	WantFiles bool

	commitsOnce sync.Once
	commitsRead bool
	commits     []gitlog.Commit
	commitsErr  error

	graphOnce sync.Once
	graph     *gitlog.Graph

	resolverOnce sync.Once
	resolver     *identity.Resolver
	resolverErr  error
}

// Commits returns the commits of the range, newest first.
func (f *Facts) Commits(ctx context.Context) ([]gitlog.Commit, error) {
	f.commitsOnce.Do(func() {
		if f.Range.Head == "" {
			return // no commits yet: nothing to check
		}
		f.commits, f.commitsErr = gitlog.Read(ctx, gitlog.Options{Dir: f.Root, Revs: f.Range.Revs, Files: f.WantFiles})
		f.commitsRead = true
	})
	return f.commits, f.commitsErr
}

// CommitCount is the number of commits in the range, for the report. It
// reads no history that no check asked for: git counts it.
func (f *Facts) CommitCount(ctx context.Context) (int, error) {
	if f.commitsRead || f.Range.Head == "" {
		return len(f.commits), f.commitsErr
	}
	return gitlog.Count(ctx, f.Root, f.Range.Revs)
}

// Graph indexes the ancestry of the range's commits.
func (f *Facts) Graph(ctx context.Context) (*gitlog.Graph, error) {
	cs, err := f.Commits(ctx)
	if err != nil {
		return nil, err
	}
	f.graphOnce.Do(func() { f.graph = gitlog.NewGraph(cs) })
	return f.graph, nil
}

// Identities resolves people through the repository's .mailmap and the model.
func (f *Facts) Identities() (*identity.Resolver, error) {
	f.resolverOnce.Do(func() {
		var mm *identity.Mailmap
		data, err := os.ReadFile(filepath.Join(f.Root, ".mailmap"))
		switch {
		case err == nil:
			mm, f.resolverErr = identity.ParseMailmap(".mailmap", data)
		case !os.IsNotExist(err):
			f.resolverErr = err
		}
		if f.resolverErr == nil {
			f.resolver = identity.NewResolver(f.Model, mm)
		}
	})
	return f.resolver, f.resolverErr
}

// SetCommits gives the facts a history that does not come from a range: the
// commit being written in a commit-msg hook, or the commits of a push.
func (f *Facts) SetCommits(cs []gitlog.Commit) {
	f.commitsOnce.Do(func() {})
	f.commits, f.commitsRead = cs, true
}
