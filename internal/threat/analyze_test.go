package threat

import (
	"testing"
)

// testRule raises a spoofing threat on every external entity whose flows
// are unauthenticated; enough to test the engine without the rule packs.
var testRule = Rule{
	ID: "test.spoof", Pack: "test", STRIDE: Spoofing, Title: "spoof", CVSS: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:N",
	Match: func(m *Model) []Hit {
		var hits []Hit
		for _, f := range m.Flows {
			if e, _ := m.Element(f.From); e != nil && e.Kind == ExternalEntity && !f.Authenticates {
				hits = append(hits, Hit{Elements: []string{e.ID, f.ID}}, Hit{Elements: []string{e.ID, f.ID}})
			}
		}
		return hits
	},
}

func TestAnalyze(t *testing.T) {
	m, err := Parse([]Source{{Name: "t.yaml", Data: []byte(base + `threats:
  - id: test.spoof@phone+f1
    treatment: accepted
    reason: r
    assumption: a1
    cvss: CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N
  - id: test.spoof@phone+gone
    treatment: not-applicable
    reason: r
  - id: manual
    title: Key read over the bus
    stride: information-disclosure
    elements: [store]
    cvss: CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N
not_applicable:
  - {element: f2, stride: [all], reason: inside the kernel}
`)}}, rootModel(t))
	if err != nil {
		t.Fatal(err)
	}
	a := Analyze(m, []Rule{testRule})
	if len(a.Threats) != 2 {
		t.Fatalf("threats = %+v", a.Threats)
	}
	gen, man := a.Threats[1], a.Threats[0]
	if gen.ID != "test.spoof@phone+f1" || gen.Rule != "test.spoof" || !gen.Declared || gen.Treatment.Status != Accepted ||
		gen.CVSS.Version != "4.0" || gen.CVSS.Score == 0 || gen.Module != "radio" || len(gen.Crossed) != 2 || gen.Pos.Line != 23 {
		t.Errorf("generated threat = %+v", gen)
	}
	if man.ID != "manual" || man.Rule != "" || man.CVSS.Score != 4.6 || man.Treatment.Status != Open || man.Assets[0] != "key" || man.Module != "radio" {
		t.Errorf("manual threat = %+v", man)
	}
	if len(a.Stale) != 1 || a.Stale[0].ID != "test.spoof@phone+gone" {
		t.Errorf("stale = %+v", a.Stale)
	}
	cells := map[string]Obligation{}
	for _, o := range a.Obligations {
		cells[o.Element+"/"+string(o.STRIDE)] = o
	}
	// phone (S, R) + stack (6) + store (T, I, D) + f1, f2 (T, I, D each)
	if len(a.Obligations) != 2+6+3+3+3 {
		t.Errorf("%d obligations", len(a.Obligations))
	}
	if o := cells["phone/spoofing"]; !o.Covered() || o.Threats[0] != "test.spoof@phone+f1" {
		t.Errorf("phone/spoofing = %+v", o)
	}
	if o := cells["store/information-disclosure"]; !o.Covered() || o.Threats[0] != "manual" {
		t.Errorf("store/information-disclosure = %+v", o)
	}
	if o := cells["f2/tampering"]; !o.Covered() || o.NotApplicable != "inside the kernel" {
		t.Errorf("f2/tampering = %+v", o)
	}
	if o := cells["stack/spoofing"]; o.Covered() {
		t.Errorf("stack/spoofing is covered: %+v", o)
	}
	s := a.Summarize()
	if s.Threats != 2 || s.ByStatus[Accepted] != 1 || s.ByStatus[Open] != 1 || s.Stale != 1 || s.Covered != 5 {
		t.Errorf("summary = %+v", s)
	}
}

func TestApplicable(t *testing.T) {
	tests := []struct {
		k    Kind
		logs bool
		want string
	}{
		{ExternalEntity, false, "SR"},
		{Process, false, "STRIDE"},
		{DataStore, false, "TID"},
		{DataStore, true, "TRID"},
		{DataFlow, false, "TID"},
		{"", false, ""},
	}
	for _, tc := range tests {
		got := ""
		for _, s := range Applicable(tc.k, tc.logs) {
			got += s.Letter()
		}
		if got != tc.want {
			t.Errorf("Applicable(%s, %v) = %s, want %s", tc.k, tc.logs, got, tc.want)
		}
	}
}

func TestThreatID(t *testing.T) {
	if got := ThreatID("emb.x", []string{"a", "b"}); got != "emb.x@a+b" {
		t.Errorf("ThreatID = %q", got)
	}
}
