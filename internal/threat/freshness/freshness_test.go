package freshness

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
)

type gitRepo struct {
	t   *testing.T
	dir string
}

func (g gitRepo) run(args ...string) string {
	g.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = g.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+g.dir,
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		g.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (g gitRepo) commit(files map[string]string) string {
	g.t.Helper()
	for name, body := range files {
		p := filepath.Join(g.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			g.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			g.t.Fatal(err)
		}
	}
	g.run("add", "-A")
	g.run("commit", "-q", "-m", "change")
	return g.run("rev-parse", "HEAD")
}

func lines(n int) string { return strings.Repeat("x\n", n) }

func rootModel() *model.Model {
	return &model.Model{
		People: []model.Person{
			{ID: "carol", Name: "Carol", Emails: []string{"carol@example.com"}, Roles: []string{model.RoleSecurityArchitect}},
			{ID: "dave", Name: "Dave", Roles: []string{model.RoleSecurityArchitect}},
		},
		Modules: []model.Module{
			{ID: "crypto", Paths: []string{"crypto/**"}, SecurityRelevant: true, SecurityArchitect: "carol"},
			{ID: "radio", Paths: []string{"radio/**"}, SecurityRelevant: true, SecurityArchitect: "dave"},
			{ID: "app", Paths: []string{"app/**"}},
		},
	}
}

func TestCheck(t *testing.T) {
	g := gitRepo{t, t.TempDir()}
	g.run("init", "-q")
	base := g.commit(map[string]string{"crypto/aes.c": lines(10), "app/main.c": lines(10)})
	// Small change to crypto, big change to app (not security relevant).
	g.commit(map[string]string{"crypto/aes.c": lines(20), "app/main.c": lines(900)})
	small := g.run("rev-parse", "HEAD")
	// A major change to crypto: many files.
	files := map[string]string{}
	for i := range 12 {
		files[fmt.Sprintf("crypto/f%d.c", i)] = lines(3)
	}
	head := g.commit(files)

	rm := rootModel()
	review := func(commit, by string) *threat.Review {
		return &threat.Review{Commit: commit, By: by, Pos: model.Pos{File: "security/threats/x.yaml", Line: 3, Column: 3}}
	}
	tests := []struct {
		name    string
		file    threat.File
		policy  Policy
		problem string
		files   int
		lines   int
	}{
		{"reviewed at head", threat.File{Path: "c.yaml", Module: "crypto", Review: review(head, "carol")}, Policy{}, "", 0, 0},
		{"small change", threat.File{Path: "c.yaml", Module: "crypto", Review: review(base[:10], "carol")}, Policy{MaxFiles: 20, MaxLines: 100}, "", 13, 46},
		{"many files", threat.File{Path: "c.yaml", Module: "crypto", Review: review(base, "carol@example.com")}, Policy{}, ReviewDue, 13, 46},
		{"lines over", threat.File{Path: "c.yaml", Module: "crypto", Review: review(small, "carol")}, Policy{MaxFiles: 100, MaxLines: 10}, ReviewDue, 12, 36},
		{"never reviewed", threat.File{Path: "c.yaml", Module: "crypto"}, Policy{}, NeverReviewed, 0, 0},
		{"wrong reviewer", threat.File{Path: "c.yaml", Module: "crypto", Review: review(head, "dave")}, Policy{}, NotArchitect, 0, 0},
		{"unknown commit", threat.File{Path: "c.yaml", Module: "crypto", Review: review("abcdef1234567", "carol")}, Policy{}, UnknownCommit, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm := &threat.Model{Files: []threat.File{tt.file, {Path: "app.yaml", Module: "app"}}}
			sts, err := Check(context.Background(), g.dir, head, tm, rm, tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			if len(sts) != 2 {
				t.Fatalf("statuses %+v", sts)
			}
			st := sts[0]
			if st.Module != "crypto" || st.Problem != tt.problem || st.FilesChanged != tt.files || st.LinesChanged != tt.lines {
				t.Errorf("got %+v; want problem %q files %d lines %d", st, tt.problem, tt.files, tt.lines)
			}
			if r := sts[1]; r.Module != "radio" || r.Problem != NoThreatModel {
				t.Errorf("radio: %+v, want no-threat-model", r)
			}
		})
	}
}
