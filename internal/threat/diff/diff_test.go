package diff

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/threat"
)

func an(threats []threat.Threat, cms ...threat.Countermeasure) *threat.Analysis {
	m := &threat.Model{Countermeasures: cms}
	m.Reindex()
	return &threat.Analysis{Model: m, Threats: threats}
}

func th(id string, score float64, st threat.Status, cms ...string) threat.Threat {
	return threat.Threat{ID: id, Title: id, CVSS: threat.Score{Vector: "CVSS:3.1/x", Score: score},
		Treatment: threat.Treatment{Status: st, Countermeasures: cms}}
}

func cm(id, status string, tests ...string) threat.Countermeasure {
	c := threat.Countermeasure{ID: id, Status: status}
	for _, t := range tests {
		c.Tests = append(c.Tests, threat.TestRef{Go: t})
	}
	return c
}

func TestCompare(t *testing.T) {
	a := an([]threat.Threat{
		th("same", 5, threat.Mitigated, "cm-a"),
		th("score-up", 5, threat.Open),
		th("score-down", 8, threat.Open),
		th("unmitigated", 7, threat.Mitigated, "cm-a"),
		th("dismissed", 7, threat.Open),
		th("now-mitigated", 7, threat.Open),
		th("lost-cm", 7, threat.Mitigated, "cm-a", "cm-b"),
		th("cm-weaker", 7, threat.Mitigated, "cm-c"),
		th("gone", 9, threat.Mitigated, "cm-a"),
	}, cm("cm-a", "implemented", "TestA"), cm("cm-b", "implemented", "TestB"), cm("cm-c", "implemented", "TestC1", "TestC2"), cm("cm-old", "implemented"))
	b := an([]threat.Threat{
		th("same", 5, threat.Mitigated, "cm-a"),
		th("score-up", 8.1, threat.Open),
		th("score-down", 4, threat.Open),
		th("unmitigated", 7, threat.Accepted),
		th("dismissed", 7, threat.NotApplicable),
		th("now-mitigated", 7, threat.Mitigated, "cm-a"),
		th("lost-cm", 7, threat.Mitigated, "cm-a"),
		th("cm-weaker", 7, threat.Mitigated, "cm-c"),
		th("new", 6, threat.Open),
	}, cm("cm-a", "implemented", "TestA"), cm("cm-b", "planned", "TestB"), cm("cm-c", "implemented", "TestC1"), cm("cm-new", "implemented", "TestN"))
	d := Compare("v1", "v2", a, b)
	var out bytes.Buffer
	if err := Write(&out, "text", d); err != nil {
		t.Fatal(err)
	}
	want := `threat model v1 → v2

weakened threats (5):
  ! cm-weaker  cm-weaker  [countermeasure cm-c: lost test go:TestC2]
  ! dismissed  dismissed  [treatment open → not-applicable]
  ! lost-cm  lost-cm  [no longer mitigated by cm-b]
  ! score-up  score-up  [CVSS 5.0 → 8.1]
  ! unmitigated  unmitigated  [treatment mitigated → accepted]

removed threats (1):
  - gone  gone  [was mitigated, CVSS 9.0]

added threats (1):
  + new  new  [open, CVSS 6.0]

improved threats (2):
  ^ now-mitigated  now-mitigated  [treatment open → mitigated; also mitigated by cm-a]
  ^ score-down  score-down  [CVSS 8.0 → 4.0]

weakened countermeasures (2):
  ! cm-b  cm-b  [implemented → planned]
  ! cm-c  cm-c  [lost test go:TestC2]

removed countermeasures (1):
  - cm-old  cm-old  [had 0 tests]

added countermeasures (1):
  + cm-new  cm-new  [1 test]
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	if !d.Weakened() || d.Empty() {
		t.Error("Weakened/Empty wrong")
	}
	if d := Compare("a", "a", a, a); !d.Empty() || d.Weakened() {
		t.Errorf("a model against itself: %+v", d)
	}
}

func gitT(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAtRevision commits the render package's firmware model, weakens it
// in a second commit, and diffs the two revisions out of git.
func TestAtRevision(t *testing.T) {
	dir := t.TempDir()
	gitT(t, dir, "init", "-q")
	copyTree(t, filepath.Join("..", "render", "testdata", "fw", "security"), filepath.Join(dir, "security"))
	gitT(t, dir, "add", "-A")
	gitT(t, dir, "commit", "-q", "-m", "model")
	gitT(t, dir, "tag", "v1")
	p := filepath.Join(dir, "security", "threats", "ota.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "      - go: TestRejectsOlderImage\n        package: fw/ota\n", "", 1)
	s = strings.Replace(s, "    integrity: true\n", "", 1) // the image flow loses its integrity check
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	gitT(t, dir, "commit", "-q", "-am", "weaken")
	ctx := context.Background()
	a, err := AtRevision(ctx, dir, "v1", "security/assure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bb, err := AtRevision(ctx, dir, "HEAD", "security/assure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := Compare("v1", "HEAD", a, bb)
	var out bytes.Buffer
	if err := Write(&out, "markdown", d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| weakened | `cm-signed-image` | Images are verified against the vendor key before they are written | lost test go:fw/ota.TestRejectsOlderImage |",
		"| weakened | `gen.input-validation@ota-agent+image` |",
		"| added | `gen.tampering-data-flow@image` |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("diff lacks %q:\n%s", want, out.String())
		}
	}
	// The work tree is the same as HEAD.
	w, err := InWorkTree(dir, "security/assure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if d := Compare("HEAD", "work tree", bb, w); !d.Empty() {
		t.Errorf("HEAD and work tree differ: %+v", d)
	}
	if _, err := AtRevision(ctx, dir, "nosuch", "security/assure.yaml"); err == nil || !strings.Contains(err.Error(), `revision "nosuch": unknown revision`) {
		t.Errorf("unknown revision: %v", err)
	}
}
