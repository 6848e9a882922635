package threat

import (
	"errors"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

func TestLoadExample(t *testing.T) {
	rm := rootModel(t)
	m, err := Load("testdata/firmware", rm)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 2 || m.Files[0].Path != "security/threats/device.yaml" || m.Files[1].Path != "security/threats/ota.yaml" {
		t.Fatalf("files = %+v", m.Files)
	}
	e, ok := m.Element("ota-agent")
	if !ok || e.Kind != Process || e.Module != "ota" || e.Pos.File != "security/threats/ota.yaml" || e.Pos.Line == 0 {
		t.Fatalf("ota-agent = %+v", e)
	}
	if e, _ := m.Element("crypto"); e.Module != "keystore" {
		t.Errorf("an element's own module wins over its file's: got %q", e.Module)
	}
	if e, _ := m.Element("ble-stack"); e.Module != "radio" {
		t.Errorf("an element without module takes its file's: got %q", e.Module)
	}
	if got := m.BoundaryPath("crypto"); strings.Join(got, "/") != "device/kernel" {
		t.Errorf("BoundaryPath(crypto) = %q", got)
	}
	f, _ := m.Flow("ble-write")
	if got := m.Crossed(f); strings.Join(got, ",") != "device,kernel" {
		t.Errorf("Crossed(ble-write) = %q", got)
	}
	f, _ = m.Flow("sign-request")
	if m.Crosses(f) {
		t.Errorf("sign-request stays inside the kernel boundary")
	}
	if got := len(m.Inbound("crypto")); got != 3 {
		t.Errorf("Inbound(crypto) = %d flows", got)
	}
	en, ok := m.Entry("gen.spoofing-external-entity@phone+ble-write")
	if !ok || en.Treatment.Status != Accepted || en.Treatment.Approver != "carol" || en.Treatment.Assumption != "a-pairing" {
		t.Errorf("entry = %+v", en)
	}
	cm, _ := m.Countermeasure("cm-gatt-bounds")
	if len(cm.Tests) != 2 || cm.Tests[0].String() != "go:TestGATTWriteBounds" || cm.Tests[1].Kind() != "fuzz" || !cm.Implemented() {
		t.Errorf("countermeasure = %+v", cm)
	}
	if len(m.NotApplicable) != 1 || m.NotApplicable[0].STRIDE[0] != InformationDisclosure {
		t.Errorf("not applicable = %+v", m.NotApplicable)
	}
}

func TestLoadNotConfigured(t *testing.T) {
	rm := rootModel(t)
	rm.ThreatModel.Files = nil
	if _, err := Load("testdata/firmware", rm); !errors.Is(err, ErrNotConfigured) {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadGlobMatchesNothing(t *testing.T) {
	rm := rootModel(t)
	rm.ThreatModel.Files = []string{"security/nothing/*.yaml"}
	_, err := Load("testdata/firmware", rm)
	if err == nil || !strings.Contains(err.Error(), `security/assure.yaml:31:11: threat_model.files "security/nothing/*.yaml" matches no file`) {
		t.Fatalf("err = %v", err)
	}
}

// base is a small valid model the bad-input cases break one way each.
const base = `module: radio
assets:
  - {id: key, kind: data, traits: [key-material], confidentiality: high}
  - {id: board, kind: technical}
trust_boundaries:
  - {id: dev}
  - {id: kern, parent: dev}
external_entities:
  - {id: phone}
processes:
  - {id: stack, boundary: kern}
data_stores:
  - {id: store, boundary: kern, assets: [key]}
data_flows:
  - {id: f1, from: phone, to: stack, protocol: BLE}
  - {id: f2, from: stack, to: store, assets: [key]}
countermeasures:
  - {id: cm1, tests: [{go: TestX}]}
  - {id: cm2, status: planned}
assumptions:
  - {id: a1, statement: nobody nearby}
`

// withFlow adds a data flow to base.
func withFlow(line string) string {
	return strings.Replace(base, "countermeasures:", line+"countermeasures:", 1)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each a substring of one diagnostic line
	}{
		{"yaml syntax", "module: [radio\n", []string{"t.yaml:1:"}},
		{"not a mapping", "- a\n- b\n", []string{"t.yaml:1:1: a threat model file is a mapping"}},
		{"unknown key", base + "proceses: []\n", []string{`t.yaml:22:1: unknown key "proceses" (hint: did you mean "processes"?`}},
		{"bad enum", strings.Replace(base, "kind: technical", "kind: hardware", 1), []string{`t.yaml:4:23: assets[1].kind: "hardware" is not allowed (hint: allowed values: data, technical)`}},
		{"unknown flow target", withFlow("  - {id: f3, from: stack, to: stor}\n"), []string{`t.yaml:17:31: to "stor" is not an element (external entity, process or data store) of the threat model (hint: did you mean "store"?`}},
		{"flow to a boundary", withFlow("  - {id: f3, from: stack, to: kern}\n"), []string{`to "kern" is trust boundary "kern", not an element`}},
		{"flow to itself", withFlow("  - {id: f3, from: stack, to: stack}\n"), []string{`data flow "f3" goes from "stack" to itself`}},
		{"flow between store and entity", withFlow("  - {id: f3, from: store, to: phone}\n"), []string{`data flow "f3" connects data-store "store" to external-entity "phone" directly`}},
		{"flow carries technical asset", withFlow("  - {id: f3, from: stack, to: phone, assets: [board]}\n"), []string{`asset "board" is a technical asset; a data flow carries data assets`}},
		{"unknown asset", strings.Replace(base, "assets: [key]}\ndata_flows", "assets: [kee]}\ndata_flows", 1), []string{`t.yaml:13:42: asset "kee" is not an asset of the threat model (hint: did you mean "key"?`}},
		{"unknown boundary", strings.Replace(base, "{id: stack, boundary: kern}", "{id: stack, boundary: kernel}", 1), []string{`boundary "kernel" is not a trust boundary of the threat model (hint: did you mean "kern"?`}},
		{"duplicate id", withFlow("  - {id: stack, from: stack, to: store}\n"), []string{`t.yaml:17:10: duplicate id "stack": already the id of process "stack" (hint: first defined at t.yaml:11:10`}},
		{"boundary cycle", strings.Replace(base, "  - {id: dev}\n", "  - {id: dev, parent: kern}\n", 1), []string{`t.yaml:6:5: trust boundaries nest in a cycle: dev in kern in dev`}},
		{"boundary own parent", strings.Replace(base, "  - {id: dev}\n", "  - {id: dev, parent: dev}\n", 1), []string{`trust boundary "dev" is its own parent`}},
		{"unknown module", strings.Replace(base, "module: radio", "module: radi", 1), []string{`t.yaml:1:9: module "radi" is not a module of the security model (hint: did you mean "radio"?`}},
		{"cvss wrong value", base + "threats:\n  - {id: t1, title: x, stride: spoofing, elements: [phone], cvss: 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'}\n",
			[]string{`metric AV (Attack Vector) has value "Q" (hint: AV takes N, A, L, P)`}},
		{"cvss missing metric", base + "threats:\n  - {id: t1, title: x, stride: spoofing, elements: [phone], cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H'}\n",
			[]string{`base metric A (Availability) is missing`}},
		{"cvss 4 order", base + "threats:\n  - {id: t1, title: x, stride: spoofing, elements: [phone], cvss: 'CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'}\n",
			[]string{`metric AV comes after AC`}},
		{"manual threat incomplete", base + "threats:\n  - {id: t1}\n", []string{`threat "t1": missing title`, `threat "t1": missing stride`, `threat "t1": missing elements`, `threat "t1": missing cvss`}},
		{"stride not applicable to subject", base + "threats:\n  - {id: t1, title: x, stride: elevation-of-privilege, elements: [f1], cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'}\n",
			[]string{`threat "t1": elevation-of-privilege does not apply to data-flow "f1", its subject`}},
		{"generated entry sets title", base + "threats:\n  - {id: gen.x@f1, title: mine}\n", []string{`threat "gen.x@f1" is raised by a rule, which sets its title`}},
		{"mitigated without countermeasure", base + "threats:\n  - {id: gen.x@f1, treatment: mitigated}\n", []string{`t.yaml:23:31: threat "gen.x@f1" is mitigated but names no countermeasure`}},
		{"mitigated by planned", base + "threats:\n  - {id: gen.x@f1, treatment: mitigated, countermeasures: [cm2]}\n", []string{`mitigated by countermeasure "cm2", which is only planned`}},
		{"unknown countermeasure", base + "threats:\n  - {id: gen.x@f1, treatment: mitigated, countermeasures: [cm3]}\n", []string{`countermeasure "cm3" is not a countermeasure of the threat model (hint: did you mean "cm1"?`}},
		{"accepted without reason or basis", base + "threats:\n  - {id: gen.x@f1, treatment: accepted}\n", []string{`is accepted but gives no reason`, `is accepted but rests on no assumption or waiver`}},
		{"accepted unknown approver", base + "threats:\n  - {id: gen.x@f1, treatment: accepted, reason: r, assumption: a1, approver: mallory}\n", []string{`approver "mallory" is not a person in the model`}},
		{"bad date", base + "threats:\n  - {id: gen.x@f1, treatment: accepted, reason: r, assumption: a1, expires: 2026-02-30}\n", []string{`expires "2026-02-30" is not a date`}},
		{"transferred to nobody", base + "threats:\n  - {id: gen.x@f1, treatment: transferred}\n", []string{`is transferred but says not to whom`}},
		{"test of two kinds", base[:strings.Index(base, "  - {id: cm2")] + "  - {id: cm2, tests: [{go: A, fuzz: B}, {junit: c.d, package: p}]}\n", []string{`test names more than one kind of test`, `package applies to go tests and fuzz targets`}},
		{"not applicable to wrong kind", base + "not_applicable:\n  - {element: phone, stride: [tampering], reason: r}\n", []string{`tampering does not apply to external-entity "phone"`}},
		{"not applicable twice", base + "not_applicable:\n  - {element: f1, stride: [all], reason: r}\n  - {element: f1, stride: [tampering], reason: r}\n", []string{`tampering of "f1" is already stated not applicable`}},
		{"review by unknown", base + "review: {commit: abcdef1, by: dave}\n", []string{`review.by "dave" is not a person in the model`}},
	}
	rm := rootModel(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]Source{{Name: "t.yaml", Data: []byte(tc.src)}}, rm)
			if err == nil {
				t.Fatal("no error")
			}
			var me *model.Error
			if !errors.As(err, &me) {
				t.Fatalf("error %T is not a *model.Error: %v", err, err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "t.yaml:") {
					t.Errorf("diagnostic does not start with file:line: %q", line)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("want %q in:\n%s", w, err)
				}
			}
		})
	}
}

func TestParseBaseIsValid(t *testing.T) {
	if _, err := Parse([]Source{{Name: "t.yaml", Data: []byte(base)}}, rootModel(t)); err != nil {
		t.Fatal(err)
	}
}

func TestParseEmptyFile(t *testing.T) {
	m, err := Parse([]Source{{Name: "t.yaml", Data: []byte("# nothing yet\n")}}, nil)
	if err != nil || len(m.Files) != 1 || len(m.Elements) != 0 {
		t.Fatalf("m = %+v, err = %v", m, err)
	}
}

func TestParseDuplicateAcrossFiles(t *testing.T) {
	a := "processes:\n  - {id: p}\n"
	b := "data_stores:\n  - {id: p}\n"
	_, err := Parse([]Source{{Name: "b.yaml", Data: []byte(b)}, {Name: "a.yaml", Data: []byte(a)}}, nil)
	if err == nil || !strings.Contains(err.Error(), `b.yaml:2:10: duplicate id "p": already the id of process "p" (hint: first defined at a.yaml:2:10`) {
		t.Fatalf("err = %v", err)
	}
}
