package model

import (
	"strings"
	"testing"
)

// The waiver settings of the analysis section: where the registry is and
// which profiles compare with the base revision.
func TestAnalysisWaiverSettings(t *testing.T) {
	dir := writeTree(t, map[string]string{DefaultPath: header + "analysis:\n  waivers: sec/w.yaml\n  baseline_profiles: [pr, nightly]\npolicy:\n  profiles:\n    nightly: {}\n"})
	m, err := Load(dir, DefaultPath)
	if err != nil {
		t.Fatal(err)
	}
	a := m.Analysis
	if a.Waivers != "sec/w.yaml" || !a.ComparesWithBase("nightly") || !a.ComparesWithBase("pr") || a.ComparesWithBase("release") {
		t.Errorf("settings = %+v", a)
	}
	if d := (Analysis{}); !d.ComparesWithBase("pr") || d.ComparesWithBase("release") || d.ComparesWithBase("nightly") {
		t.Error("by default only pr compares with the base")
	}
	if p := (Analysis{PendingProfiles: []string{"ci", "release"}}); !p.AllowsPending("ci") || p.AllowsPending("release") || p.AllowsPending("pr") {
		t.Error("pending waivers are a record in the profiles listed, never in release")
	}
	if none := (Analysis{BaselineProfiles: []string{}}); none.ComparesWithBase("pr") {
		t.Error("an empty list leaves no profile comparing with the base")
	}
	for _, tt := range []struct{ yaml, want string }{
		{"  waivers: ../w.yaml\n", "security/assure.yaml:5:12: waivers: \"../w.yaml\" leaves the repository"},
		{"  waivers: /etc/w.yaml\n", "security/assure.yaml:5:12: waivers: \"/etc/w.yaml\" must be relative to the repository root"},
		{"  baseline_profiles: [pr, nighty]\n", "security/assure.yaml:5:27: baseline_profiles names unknown profile \"nighty\""},
		{"  waivers: 7\n", "security/assure.yaml:5:12: "},
		{"  pending_profiles: [release]\n", "security/assure.yaml:5:22: pending_profiles names release: a release needs every waiver approved"},
		{"  pending_profiles: [pr, nighty]\n", "security/assure.yaml:5:26: pending_profiles names unknown profile \"nighty\""},
	} {
		ds := loadErr(t, map[string]string{DefaultPath: header + "analysis:\n" + tt.yaml}, LoadOptions{})
		if got := diagLines(ds); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q:\n%s\nwant prefix %s", tt.yaml, got, tt.want)
		}
	}
}
