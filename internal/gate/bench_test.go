package gate_test

// Benchmarks of the history gate (issue #2: reading history must cost about
// what `git log` costs). They run on the repository named by ASSURE_BENCH_REPO
// (a work tree or a bare repository) and default to the repository holding
// this file, so they never skip:
//
//	ASSURE_BENCH_REPO=/path/to/mbedtls go test -run '^$' -bench . -count 5 ./internal/gate
//
// Each reports commits/op (the size of the history) and commits/s, the
// figure the targets are stated in. docs/benchmarks.md records them.

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/assure-dev/assure/internal/check"
	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/gitlog"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/report"
	"github.com/assure-dev/assure/internal/tracker"
)

// benchRepo is the repository under benchmark and its resolved HEAD.
func benchRepo(b *testing.B) (dir, head string) {
	b.Helper()
	ctx := context.Background()
	dir = os.Getenv("ASSURE_BENCH_REPO")
	if dir == "" {
		top, err := gitlog.TopLevel(ctx, ".")
		if err != nil {
			b.Fatalf("no repository around the test (%v): set ASSURE_BENCH_REPO to a repository path", err)
		}
		dir = top
	}
	head, err := gitlog.Verify(ctx, dir, "HEAD")
	if err != nil {
		b.Fatalf("ASSURE_BENCH_REPO=%s: %v", dir, err)
	}
	return dir, head
}

// reportRate adds the history size and the throughput in commits per second.
func reportRate(b *testing.B, commits int) {
	b.Helper()
	if commits == 0 {
		b.Fatal("the history is empty: nothing was measured")
	}
	b.ReportMetric(float64(commits), "commits/op")
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(commits)*float64(b.N)/s, "commits/s")
	}
}

// sameSize fails when a run saw a different history than the first one, so
// a concurrent fetch cannot silently skew the rate.
func sameSize(b *testing.B, n int, want *int) {
	b.Helper()
	if *want == 0 {
		*want = n
	} else if n != *want {
		b.Fatalf("history changed during the benchmark: %d commits, then %d", *want, n)
	}
}

func benchmarkEach(b *testing.B, files bool) {
	dir, head := benchRepo(b)
	ctx := context.Background()
	opts := gitlog.Options{Dir: dir, Revs: []string{head}, Files: files}
	want := 0
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := gitlog.Each(ctx, opts, func(*gitlog.Commit) error { n++; return nil })
		if err != nil {
			b.Fatal(err)
		}
		sameSize(b, n, &want)
	}
	reportRate(b, want)
}

// BenchmarkHistoryRead is the floor of every history gate: one git log
// process streamed and split into commits.
func BenchmarkHistoryRead(b *testing.B) { benchmarkEach(b, false) }

// BenchmarkHistoryReadFiles adds the changed paths, which code review needs
// for security-relevant modules; git must diff every commit for them.
func BenchmarkHistoryReadFiles(b *testing.B) { benchmarkEach(b, true) }

// facts is what gate.Run builds, without loading a model from a work tree:
// a bare repository has none, and the model is not what is measured.
func facts(dir, head string, m *model.Model, wantFiles bool) *collect.Facts {
	return &collect.Facts{
		Root:      dir,
		Model:     m,
		Range:     collect.Range{Revs: []string{"HEAD"}, Head: head, Display: "HEAD"},
		Tracker:   tracker.FormOnly{},
		WantFiles: wantFiles,
	}
}

// benchmarkCheck runs c over the whole history. "read-and-check" is what
// `assure check --check ID --all` pays after loading the model: git log and
// the check; "check-only" has the commits already read, to show the check's own
// share.
func benchmarkCheck(b *testing.B, c check.Check, m *model.Model) {
	dir, head := benchRepo(b)
	ctx := context.Background()
	m.Reindex()
	wantFiles := c.NeedsFiles(m)
	run := func(b *testing.B, f *collect.Facts) int {
		out, err := c.Run(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		if out.Summary == "" {
			b.Fatal("the check returned no summary")
		}
		cs, _ := f.Commits(ctx)
		return len(cs)
	}
	b.Run("read-and-check", func(b *testing.B) {
		want := 0
		b.ReportAllocs()
		for b.Loop() {
			sameSize(b, run(b, facts(dir, head, m, wantFiles)), &want)
		}
		reportRate(b, want)
	})
	b.Run("check-only", func(b *testing.B) {
		cs, err := gitlog.Read(ctx, gitlog.Options{Dir: dir, Revs: []string{head}, Files: wantFiles})
		if err != nil {
			b.Fatal(err)
		}
		want := 0
		b.ReportAllocs()
		for b.Loop() {
			f := facts(dir, head, m, wantFiles)
			f.SetCommits(cs)
			sameSize(b, run(b, f), &want)
		}
		reportRate(b, want)
	})
}

// BenchmarkChangeManagementCheck finds the change-request references of every
// commit with the built-in patterns; tracker kind none, so nothing is looked
// up over the network and the figure is assure's own cost.
func BenchmarkChangeManagementCheck(b *testing.B) {
	m := &model.Model{Version: 1, Project: model.Project{Name: "bench", Tracker: model.Tracker{Kind: "none"}}}
	benchmarkCheck(b, check.ChangeManagement{}, m)
}

// BenchmarkCodeReviewCheck evaluates review trailers of every commit, with
// one security-relevant module so that changed paths are read and matched.
// library/ is Mbed TLS's crypto core and internal/ assure's own code; on
// another repository the module may match nothing, which still costs the
// path reading and matching.
func BenchmarkCodeReviewCheck(b *testing.B) {
	m := &model.Model{
		Version: 1,
		Project: model.Project{Name: "bench", Tracker: model.Tracker{Kind: "none"}},
		People: []model.Person{{ID: "arch", Name: "Ada Architect", Emails: []string{"arch@example.invalid"},
			Roles: []string{model.RoleSecurityArchitect}}},
		Modules: []model.Module{{ID: "core", Name: "Core", Paths: []string{"library/**", "internal/**"},
			SecurityRelevant: true, SecurityArchitect: "arch"}},
	}
	benchmarkCheck(b, check.CodeReview{}, m)
}

// BenchmarkGate is `assure check --check change-management --all` in
// process: model loading, history, the check, sorting the findings and the
// policy ("run"), then the text report as the terminal gets it
// ("run-and-render"). A gate needs a work tree with a model, so the
// repository is cloned with --shared --no-checkout (no files are copied)
// and given a minimal one, as scripts/bench-history.sh does.
func BenchmarkGate(b *testing.B) {
	dir, _ := benchRepo(b)
	clone := filepath.Join(b.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--shared", "--no-checkout", dir, clone).CombinedOutput(); err != nil {
		b.Fatalf("git clone --shared %s: %v\n%s", dir, err, out)
	}
	const minimal = "version: 1\nproject:\n  name: bench\n  tracker:\n    kind: none\n"
	if err := os.MkdirAll(filepath.Join(clone, "security"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(clone, "security", "assure.yaml"), []byte(minimal), 0o644); err != nil {
		b.Fatal(err)
	}
	opts := gate.Options{Root: clone, Display: clone, ModelPath: "security/assure.yaml", All: true,
		Checks: []string{check.ChangeManagement{}.ID()}, Version: "bench"}
	ctx := context.Background()
	for _, render := range []bool{false, true} {
		name := "run"
		if render {
			name = "run-and-render"
		}
		b.Run(name, func(b *testing.B) {
			want := 0
			b.ReportAllocs()
			for b.Loop() {
				rep, err := gate.Run(ctx, opts)
				if err != nil {
					b.Fatal(err)
				}
				if render {
					if err := report.Render(io.Discard, "text", rep, report.TextOptions{}); err != nil {
						b.Fatal(err)
					}
				}
				sameSize(b, rep.Subject.Commits, &want)
			}
			reportRate(b, want)
		})
	}
}
