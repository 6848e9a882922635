package kpolicy

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
)

const people = `people:
  - id: alice
    name: Alice
    roles: [security-reviewer]
`

// repo copies testdata/repo with the model section given and loads it.
func repo(t *testing.T, kconfig string) (*Setup, string) {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("testdata/repo", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("testdata/repo", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	// git does not keep empty directories, so a fresh clone has no security/.
	if err := os.MkdirAll(filepath.Join(dir, "security"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "version: 1\nproject:\n  name: t\n" + people + "kconfig:\n  srctree: os\n  config: build/.config\n" + kconfig
	if err := os.WriteFile(filepath.Join(dir, "security/assure.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := model.Load(dir, "security/assure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := FromModel(dir, m, "security/assure.yaml", "2030-06-01")
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func rules(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+" "+f.Location.String())
	}
	return out
}

func TestHardenFindings(t *testing.T) {
	s, _ := repo(t, `  hardening:
    files: [os/hardening.yaml, "os/**/hardening.yaml"]
    profile: strict
    defaults_profile: strict
    exceptions:
      - {symbol: BOOT_BANNER, justification: lab units, approver: alice, expires: 2030-01-01}
      - {symbol: HW_STACK_PROTECTION, justification: stale, approver: alice}
`)
	if !reflect.DeepEqual(s.Hardening.InTree, []string{"os/hardening.yaml", "os/kernel/hardening.yaml"}) {
		t.Errorf("files %v: the central file first, then the fragments the glob finds", s.Hardening.InTree)
	}
	ss, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ss.Harden()
	if err != nil {
		t.Fatal(err)
	}
	got := rules(ss.HardenFindings(r))
	want := []string{
		// BOOT_BANNER's exception expired on 2030-01-01.
		"kconfig-hardening/marker os/kernel/Kconfig:16",
		"kconfig-hardening/rule-failed build/.config:4",
		"kconfig-hardening/rule-failed build/.config:3",
		// Without a .config the banner is on by default; HAS_MPU is n,
		// so the stack guard and user mode rules are NA there.
		"kconfig-hardening/insecure-default os/kernel/Kconfig:12",
		"kconfig-hardening/stale-exception security/assure.yaml:17:9",
	}
	if !sameSet(got, want) {
		t.Errorf("findings\n got %v\nwant %v", got, want)
	}
	for _, f := range ss.HardenFindings(r) {
		if !reflect.DeepEqual(f.Requirements, []string{ReqSecureDefaults}) || f.Check != CheckHardening {
			t.Errorf("%s: requirements %v of check %s", f.Rule, f.Requirements, f.Check)
		}
		if f.Rule == RuleFailed && strings.Contains(f.Message, "BOOT_BANNER") && !strings.Contains(f.Message, "exception expired on 2030-01-01") {
			t.Errorf("the message does not say the exception expired: %s", f.Message)
		}
	}
	if got := rules(ss.ProtectionFindings(r, ReqStackProtection)); len(got) != 0 {
		t.Errorf("stack protection: %v", got)
	}
	tp := ss.ProtectionFindings(r, ReqThreadSeparate)
	if len(tp) != 1 || tp[0].Check != CheckThreadSeparation || tp[0].Location.String() != "os/hardening.yaml:4:3" ||
		!strings.Contains(tp[0].Message, "USERSPACE FAIL") {
		t.Errorf("thread separation: %+v", tp)
	}
}

// An exception for a protection symbol accepts the missing protection,
// and is then not stale.
func TestProtectionException(t *testing.T) {
	s, _ := repo(t, `  hardening:
    files: [os/hardening.yaml, os/kernel/hardening.yaml]
    exceptions:
      - {symbol: USERSPACE, justification: this SoC has no MPU regions to spare, approver: alice}
`)
	ss, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ss.Harden()
	if err != nil {
		t.Fatal(err)
	}
	if fs := ss.ProtectionFindings(r, ReqThreadSeparate); len(fs) != 0 {
		t.Errorf("accepted protection reported: %v", rules(fs))
	}
	for _, f := range ss.HardenFindings(r) {
		if f.Rule == RuleStaleException {
			t.Errorf("the exception accepting the protection is reported stale")
		}
	}
}

func TestFromModelErrors(t *testing.T) {
	dir := t.TempDir()
	m := &model.Model{}
	m.Kconfig.Hardening.Files = []string{"scripts/hardening.yaml"}
	if _, err := FromModel(dir, m, "security/assure.yaml", ""); err == nil || !strings.Contains(err.Error(), "scripts/hardening.yaml: no such file") {
		t.Errorf("got %v", err)
	}
}

func sameSet(a, b []string) bool {
	x := append([]string(nil), a...)
	y := append([]string(nil), b...)
	sortStrings(x)
	sortStrings(y)
	return reflect.DeepEqual(x, y)
}

func sortStrings(s []string) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}
