package check

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/collect"
	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/model"
)

// threatRepo copies the worked example of docs/threat-modeling.md into a
// temporary repository, applying edits (file -> old -> new) first.
func threatRepo(t *testing.T, edits map[string][2]string) string {
	t.Helper()
	src := "../threat/testdata/firmware"
	dir := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if e, ok := edits[filepath.ToSlash(rel)]; ok {
			if !strings.Contains(string(b), e[0]) {
				t.Fatalf("%s does not contain %q", rel, e[0])
			}
			b = []byte(strings.Replace(string(b), e[0], e[1], 1))
		}
		out := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func runThreatModel(t *testing.T, dir string) (Outcome, error) {
	t.Helper()
	m, err := model.Load(dir, "security/assure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Both threat model checks, their findings together.
	facts := &collect.Facts{Root: dir, Model: m}
	cov, err := ThreatModel{}.Run(context.Background(), facts)
	if err != nil {
		return cov, err
	}
	tr, err := ThreatTreatment{Now: func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }}.Run(context.Background(), facts)
	if err != nil {
		return tr, err
	}
	if cov.Skipped != tr.Skipped {
		t.Fatalf("one check skipped, the other not: %+v %+v", cov, tr)
	}
	cov.Findings = append(cov.Findings, tr.Findings...)
	cov.Summary += "; " + tr.Summary
	return cov, nil
}

// byRule counts findings per rule and severity: "rule/severity" -> n.
func byRule(fs []finding.Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.Rule+"/"+string(f.Severity)]++
	}
	return out
}

func TestThreatModelCheck(t *testing.T) {
	const dev = "security/threats/device.yaml"
	const root = "security/assure.yaml"
	tests := []struct {
		name  string
		edits map[string][2]string
		want  map[string]int // rule/severity -> count; rules not named must not appear, except open threats and obligations
	}{
		{"example", nil, map[string]int{}},
		{"expired", map[string][2]string{dev: {"expires: 2099-12-31", "expires: 2026-05-31"}},
			map[string]int{RuleAcceptanceExpired + "/error": 1}},
		{"expires today is still valid", map[string][2]string{dev: {"expires: 2099-12-31", "expires: 2026-06-01"}},
			map[string]int{}},
		{"no approver", map[string][2]string{dev: {"    approver: carol\n", ""}},
			map[string]int{RuleAcceptanceIncomplet + "/error": 1}},
		{"approver not architect", map[string][2]string{dev: {"approver: carol", "approver: alice"}},
			map[string]int{RuleApproverNotArchitec + "/error": 1}},
		{"module not modelled", map[string][2]string{root: {"threat_model:", "  - id: net\n    paths: [\"net/**\"]\n    security_relevant: true\n    security_architect: carol\nthreat_model:"}},
			map[string]int{RuleModuleNotModelled + "/error": 1}},
		{"module without assets", map[string][2]string{dev: {"    module: keystore\n    traits: [key-material]", "    traits: [key-material]"}},
			map[string]int{RuleNoAssets + "/error": 1}},
		{"stale treatment", map[string][2]string{dev: {"  - id: emb.unbounded-parser@ble-stack+ble-write", "  - id: emb.unbounded-parser@ble-stack+gone"}},
			map[string]int{RuleStaleTreatment + "/warning": 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runThreatModel(t, threatRepo(t, tc.edits))
			if err != nil {
				t.Fatal(err)
			}
			got := byRule(out.Findings)
			if got[RuleOpenThreat+"/error"] < 40 || got[RuleUncovered+"/error"] < 20 {
				t.Errorf("open threats and uncovered obligations: %v", got)
			}
			for _, r := range []string{RuleAcceptanceExpired, RuleAcceptanceIncomplet, RuleApproverNotArchitec, RuleModuleNotModelled, RuleNoAssets, RuleStaleTreatment} {
				for _, sev := range []string{"/error", "/warning"} {
					if got[r+sev] != tc.want[r+sev] {
						t.Errorf("%s%s: %d findings, want %d", r, sev, got[r+sev], tc.want[r+sev])
					}
				}
			}
			for _, f := range out.Findings {
				if (f.Check != "threat-model" && f.Check != "threat-treatment") || !strings.HasPrefix(f.Rule, f.Check+"/") || len(f.Requirements) == 0 || f.Location.File == "" || f.Location.Line == 0 || f.Message == "" || f.Remediation == "" {
					t.Errorf("incomplete finding %+v", f)
				}
			}
		})
	}
}

func TestThreatModelCheckOpenSeverity(t *testing.T) {
	dir := threatRepo(t, map[string][2]string{"security/assure.yaml": {"threat_model:\n", "threat_model:\n  open_threats_error_from: high\n"}})
	out, err := runThreatModel(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range out.Findings {
		if f.Rule != RuleOpenThreat {
			continue
		}
		high := strings.Contains(f.Message, " HIGH)") || strings.Contains(f.Message, " CRITICAL)")
		if high != (f.Severity == finding.Error) {
			t.Errorf("%s: %s", f.Severity, f.Message)
		}
	}
	got := byRule(out.Findings)
	if got[RuleOpenThreat+"/error"] == 0 || got[RuleOpenThreat+"/warning"] == 0 {
		t.Errorf("findings = %v", got)
	}
}

func TestThreatModelCheckCoverageAndMitigation(t *testing.T) {
	out, err := runThreatModel(t, threatRepo(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, f := range out.Findings {
		ids[f.Message] = true
	}
	// The mitigated and the accepted threats of the example are not open.
	for m := range ids {
		if strings.Contains(m, "emb.unbounded-parser@ble-stack+ble-write") || strings.Contains(m, "gen.spoofing-external-entity@phone+ble-write") {
			t.Errorf("treated threat reported: %s", m)
		}
	}
	if !ids["process bootloader: no threat covers spoofing"] {
		t.Errorf("bootloader spoofing is uncovered in the example but not reported")
	}
	if ids["data-flow readings-out: no threat covers information-disclosure"] {
		t.Errorf("an obligation stated not applicable is reported")
	}
	if !strings.Contains(out.Summary, "STRIDE obligations covered") || !strings.Contains(out.Summary, "open, 1 mitigated, 1 accepted") {
		t.Errorf("summary = %q", out.Summary)
	}
}

func TestThreatModelCheckNotConfigured(t *testing.T) {
	dir := threatRepo(t, map[string][2]string{"security/assure.yaml": {"threat_model:\n  files: [security/threats/*.yaml]\n", ""}})
	out, err := runThreatModel(t, dir)
	if err != nil || !out.Skipped || len(out.Findings) != 0 {
		t.Fatalf("out = %+v, err = %v", out, err)
	}
}

func TestThreatModelCheckBadModelIsAnError(t *testing.T) {
	dir := threatRepo(t, map[string][2]string{"security/threats/ota.yaml": {"to: bootloader", "to: bootlader"}})
	_, err := runThreatModel(t, dir)
	if err == nil || !strings.Contains(err.Error(), `security/threats/ota.yaml:41:9: to "bootlader" is not an element`) {
		t.Fatalf("err = %v", err)
	}
}
