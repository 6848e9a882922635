package importer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/threat"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

type importFunc func(name string, src []byte, module string) (*Result, error)

// report is the import's output as a user sees it: the file, then the lists.
func report(r *Result) []byte {
	var b bytes.Buffer
	b.Write(r.YAML)
	b.WriteString("\n# --- " + r.Summary() + "\n")
	for _, l := range r.Lost {
		b.WriteString("# lost: " + l + "\n")
	}
	for _, l := range r.Approximated {
		b.WriteString("# approximated: " + l + "\n")
	}
	return b.Bytes()
}

func TestImportGolden(t *testing.T) {
	tests := []struct {
		name, in string
		fn       importFunc
		wants    []string
	}{
		{"threagile", "threagile-fw.yaml", Threagile, []string{
			"  - id: firmware-image\n    name: \"Firmware Image\"",
			"    integrity: high\n    availability: medium",
			"  - id: backend-firmware-push\n    name: \"Firmware Push\"\n    from: backend\n    to: node-app\n    protocol: https\n    assets: [firmware-image]\n    authenticates: true\n    encrypts: true\n    integrity: true",
			"  - id: backend-firmware-push-response\n    name: \"Firmware Push (response)\"\n    from: node-app\n    to: backend",
			"  - id: flash\n    name: Flash\n    boundary: secure-world\n    controls: [protected-storage]",
			"  - id: secure-world\n    name: \"Secure World\"\n    parent: device",
			"  - element: technician\n    stride: [all]\n    reason: \"out of scope in the Threagile model: Trained staff\"",
			"  # cvss approximated from Threagile severity \"high\": review it\n  - id: unsigned-update-2\n    title: \"Unsigned Update at Service Port\"",
			"    elements: [technician-service-port]\n    cvss: \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\"",
			"# lost: individual risk \"Log Wipe at Flash\": repudiation does not apply to flash in STRIDE per element",
			"# lost: communication link \"Lost Link\" of node-app: target \"nowhere\" is no technical asset of the model",
			"# lost: risk_tracking unencrypted-communication@technician>service-port@technician@node-app (accepted)",
			"# lost: shared_runtimes: not part of assure's threat model",
			"# lost: communication link \"Direct Flash\" of technician: it connects external-entity to data-store directly",
			"# lost: technical asset node-app names data asset \"nosuch-asset\", which the model does not define",
		}},
		{"threatdragon", "threatdragon-fw.json", ThreatDragon, []string{
			"  - id: cloud-backend\n    name: \"Cloud Backend\"\n    description: \"Pushes updates\"",
			"  - id: flash\n    name: Flash\n    boundary: secure-world\n    controls: [protected-storage]\n    logs: true",
			"  - id: node-app\n    name: \"Node App\"\n    boundary: device",
			"  - id: secure-world\n    parent: device",
			"  - id: firmware-push-back\n    name: \"Firmware push (back)\"\n    from: node-app\n    to: cloud-backend",
			"  - id: parser-overflow\n    title: \"Parser overflow\"\n    description: \"Frames are copied without a length check.\"\n    stride: elevation-of-privilege\n    elements: [node-app]\n    cvss: \"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"\n    treatment: open",
			"    treatment: mitigated\n    countermeasures: [cm-spoofed-backend]",
			"  - id: log-wiped\n    title: \"Log wiped\"",
			"    treatment: not-applicable\n    reason: \"The log is append-only in hardware.\"",
			"# lost: threat \"Telemetry linkable to owner\" on node-app: LINDDUN category \"Linkability\" is not STRIDE",
			"# lost: threat \"Flash spoofed\": spoofing does not apply to data-store flash in STRIDE per element",
			"# lost: flow \"Debug\": it does not connect two elements on the diagram (an end is loose)",
			"# lost: trust boundary curves",
			"# lost: flow \"Direct flash\": it connects external-entity technician to data-store flash directly",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", tt.in))
			if err != nil {
				t.Fatal(err)
			}
			r, err := tt.fn(tt.in, src, "sensor")
			if err != nil {
				t.Fatal(err)
			}
			got := report(r)
			golden := filepath.Join("testdata", tt.name+".golden.yaml")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("import differs from %s (go test -update after a deliberate change):\n%s", golden, got)
			}
			for _, w := range tt.wants {
				if !bytes.Contains(got, []byte(w)) {
					t.Errorf("import lacks %q", w)
				}
			}
			// What an import writes loads as assure's threat model.
			if _, err := threat.Parse([]threat.Source{{Name: "imported.yaml", Data: r.YAML}}, nil); err != nil {
				t.Errorf("the imported file does not load:\n%v", err)
			}
			// And the same input gives the same bytes.
			again, err := tt.fn(tt.in, src, "sensor")
			if err != nil || !bytes.Equal(report(again), got) {
				t.Error("a second import differs")
			}
		})
	}
}

func TestImportBad(t *testing.T) {
	tests := []struct {
		name string
		fn   importFunc
		in   string
		want string
	}{
		{"threagile not yaml", Threagile, "title: [unclosed\n", "m.yaml:1:"},
		{"threagile not a model", Threagile, "hello: world\n", "m.yaml:1:1: not a Threagile model"},
		{"threagile list", Threagile, "- a\n", "not a Threagile model: the top level is not a mapping"},
		{"threagile bad type", Threagile, "technical_assets:\n  X:\n    id: x\n    type: robot\n", "m.yaml:4:11: technical asset \"X\" has type \"robot\""},
		{"threagile section not a map", Threagile, "data_assets: [1, 2]\n", "m.yaml:1:14: data_assets is not a mapping"},
		{"dragon not json", ThreatDragon, "{\n  \"summary\": {,\n}", "m.yaml:2:15: not JSON"},
		{"dragon wrong type", ThreatDragon, `{"detail": {"diagrams": "x"}}`, "m.yaml:1:28: detail.diagrams is string"},
		{"dragon no diagrams", ThreatDragon, `{"summary": {"title": "x"}}`, "not a Threat Dragon v2 model"},
		{"dragon v1", ThreatDragon, `{"detail": {"diagrams": [{"diagramJson": {"cells": []}}]}}`, "a Threat Dragon 1.x model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.fn("m.yaml", []byte(tt.in), "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// checkImport holds an importer to its promise: an error, or a file that
// loads as assure's threat model.
func checkImport(t *testing.T, r *Result, err error) {
	if err != nil {
		return
	}
	if _, err := threat.Parse([]threat.Source{{Name: "imported.yaml", Data: r.YAML}}, nil); err != nil {
		t.Fatalf("import wrote a file that does not load:\n%v\n%s", err, r.YAML)
	}
}

func FuzzThreagile(f *testing.F) {
	src, err := os.ReadFile(filepath.Join("testdata", "threagile-fw.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src)
	f.Add([]byte("technical_assets:\n  A:\n    type: process\n    communication_links:\n      L:\n        target: A\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Threagile("f.yaml", b, "")
		checkImport(t, r, err)
	})
}

func FuzzThreatDragon(f *testing.F) {
	src, err := os.ReadFile(filepath.Join("testdata", "threatdragon-fw.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src)
	f.Add([]byte(`{"detail":{"diagrams":[{"cells":[{"id":"a","data":{"type":"tm.Process","name":"P","threats":[{"title":"x","type":"Tampering"}]}}]}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ThreatDragon("f.json", b, "")
		checkImport(t, r, err)
	})
}
