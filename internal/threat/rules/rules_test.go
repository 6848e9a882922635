package rules

import (
	"sort"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
)

func TestRuleMetadata(t *testing.T) {
	seen := map[string]bool{}
	count := map[string]int{}
	crossing := 0
	for _, r := range All() {
		if seen[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		seen[r.ID] = true
		count[r.Pack]++
		if r.Crossing {
			crossing++
		}
		prefix := map[string]string{Generic: "gen.", Embedded: "emb."}[r.Pack]
		if prefix == "" || !strings.HasPrefix(r.ID, prefix) || !model.ValidID(r.ID) {
			t.Errorf("%s: id does not fit pack %q", r.ID, r.Pack)
		}
		if r.Title == "" || r.Description == "" || r.Mitigation == "" || len(r.CWE) == 0 || r.Match == nil {
			t.Errorf("%s: incomplete metadata", r.ID)
		}
		if r.STRIDE.Rank() >= len(threat.Categories) {
			t.Errorf("%s: STRIDE %q", r.ID, r.STRIDE)
		}
		if _, err := threat.ParseCVSS(r.CVSS); err != nil {
			t.Errorf("%s: %v", r.ID, err)
		}
	}
	if count[Generic] < 15 || count[Embedded] < 7 || crossing < 12 {
		t.Errorf("packs: %v, %d crossing", count, crossing)
	}
}

// fixture is a small device: a phone talks BLE to a parser in the kernel,
// a user thread writes to it, a key store and a log store sit inside.
// Each case below switches one thing on or off.
const fixture = `module: radio
assets:
  - {id: key, kind: data, traits: [key-material], confidentiality: high}
  - {id: cmd, kind: data, confidentiality: low}
  - {id: fw, kind: data, traits: [firmware]}
  - {id: secret, kind: data, confidentiality: high}
trust_boundaries:
  - {id: dev}
  - {id: kern, parent: dev}
external_entities:
  - {id: phone}
processes:
  - {id: stack, boundary: kern, traits: [parser, kernel]}
  - {id: app, boundary: dev, traits: [untrusted-code]}
data_stores:
  - {id: keys, boundary: kern, assets: [key]}
  - {id: log, boundary: kern, logs: true}
data_flows:
  - {id: ble, from: phone, to: stack, protocol: BLE, assets: [cmd]}
  - {id: ipc, from: app, to: stack, protocol: IPC}
  - {id: kread, from: keys, to: stack, assets: [key]}
`

func analyze(t *testing.T, src string, ruleID string) []string {
	t.Helper()
	m, err := threat.Parse([]threat.Source{{Name: "t.yaml", Data: []byte(src)}}, nil)
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	var rs []threat.Rule
	for _, r := range All() {
		if r.ID == ruleID {
			rs = append(rs, r)
		}
	}
	if len(rs) != 1 {
		t.Fatalf("no rule %s", ruleID)
	}
	var ids []string
	for _, th := range threat.Analyze(m, rs).Threats {
		ids = append(ids, th.ID)
	}
	return ids
}

func TestRules(t *testing.T) {
	rep := func(old, new string) string { return strings.Replace(fixture, old, new, 1) }
	addFlow := func(line string) string { return fixture + "  - " + line + "\n" }
	tests := []struct {
		rule string
		src  string
		want string // threat ids, comma-separated, sorted
	}{
		{"gen.spoofing-external-entity", fixture, "gen.spoofing-external-entity@phone+ble"},
		{"gen.spoofing-external-entity", rep("protocol: BLE,", "protocol: BLE, authenticates: true,"), ""},
		{"gen.spoofing-source-process", fixture, "gen.spoofing-source-process@app+ipc"},
		{"gen.spoofing-destination-process", fixture, "gen.spoofing-destination-process@stack+ble,gen.spoofing-destination-process@stack+ipc"},
		{"gen.tampering-data-flow", fixture, "gen.tampering-data-flow@ble,gen.tampering-data-flow@ipc"},
		{"gen.tampering-data-flow", rep("protocol: BLE,", "protocol: BLE, integrity: true,"), "gen.tampering-data-flow@ipc"},
		{"gen.data-flow-sniffing", fixture, "gen.data-flow-sniffing@ble"},
		{"gen.data-flow-sniffing", rep("protocol: BLE,", "protocol: BLE, encrypts: true,"), ""},
		{"gen.data-flow-interruption", fixture, "gen.data-flow-interruption@ble,gen.data-flow-interruption@ipc"},
		{"gen.input-validation", fixture, "gen.input-validation@stack+ble,gen.input-validation@stack+ipc"},
		{"gen.input-validation", rep("traits: [parser, kernel]}", "traits: [parser, kernel], controls: [input-validation]}"), ""},
		{"gen.process-crash", fixture, "gen.process-crash@stack+ble,gen.process-crash@stack+ipc"},
		{"gen.remote-code-execution", fixture, "gen.remote-code-execution@stack+ble,gen.remote-code-execution@stack+ipc"},
		{"gen.authorization-bypass", fixture, "gen.authorization-bypass@stack+phone+ble"},
		{"gen.authorization-bypass", rep("traits: [parser, kernel]}", "traits: [parser, kernel], controls: [access-control]}"), ""},
		{"gen.data-repudiation", fixture, "gen.data-repudiation@stack+ble,gen.data-repudiation@stack+ipc"},
		{"gen.data-repudiation", addFlow("{id: audit, from: stack, to: log}"), ""},
		{"gen.entity-repudiation", fixture, "gen.entity-repudiation@phone+ble"},
		{"gen.entity-repudiation", addFlow("{id: audit, from: stack, to: log}"), "gen.entity-repudiation@phone+ble"},
		{"gen.entity-repudiation", rep("protocol: BLE,", "protocol: BLE, authenticates: true,") + "  - {id: audit, from: stack, to: log}\n", ""},
		{"gen.data-store-corruption", addFlow("{id: w, from: app, to: keys}"), "gen.data-store-corruption@keys+w"},
		{"gen.data-store-corruption", addFlow("{id: w, from: stack, to: keys}"), ""},
		{"gen.data-store-inaccessible", addFlow("{id: w, from: app, to: keys}"), "gen.data-store-inaccessible@keys+w"},
		{"gen.weak-access-control", addFlow("{id: r, from: keys, to: app}"), "gen.weak-access-control@keys+r"},
		{"gen.weak-access-control", fixture, ""},
		{"gen.log-tampering", addFlow("{id: w, from: app, to: log}"), "gen.log-tampering@log+w"},
		{"gen.log-tampering", addFlow("{id: w, from: stack, to: log}"), ""},
		{"gen.audit-data-protection", fixture, "gen.audit-data-protection@log"},
		{"gen.audit-data-protection", rep("logs: true}", "logs: true, controls: [access-control]}"), ""},
		{"gen.process-disclosure", rep("traits: [untrusted-code]}", "traits: [untrusted-code], assets: [secret]}"), "gen.process-disclosure@app+ipc"},
		{"gen.process-disclosure", fixture, ""},

		{"emb.unsigned-firmware-update", rep("[parser, kernel]}", "[parser, kernel, firmware-update]}"), "emb.unsigned-firmware-update@ble+stack,emb.unsigned-firmware-update@ipc+stack,emb.unsigned-firmware-update@kread+stack"},
		{"emb.unsigned-firmware-update", addFlow("{id: up, from: app, to: stack, assets: [fw]}"), "emb.unsigned-firmware-update@up+stack"},
		{"emb.unsigned-firmware-update", addFlow("{id: up, from: app, to: stack, assets: [fw], authenticates: true, integrity: true}"), ""},
		{"emb.unsigned-firmware-update", rep("[parser, kernel]}", "[parser, kernel, firmware-update], controls: [signature-verification]}"), ""},
		{"emb.unsigned-firmware-update", addFlow("{id: up, from: app, to: keys, assets: [fw]}"), ""},
		{"emb.debug-interface", rep("traits: [untrusted-code]}", "traits: [untrusted-code, debug-interface]}"), "emb.debug-interface@app"},
		{"emb.debug-interface", rep("traits: [untrusted-code]}", "traits: [untrusted-code, debug-interface], controls: [debug-locked]}"), ""},
		{"emb.debug-interface", rep("  - {id: phone}", "  - {id: phone, traits: [debug-interface]}"), "emb.debug-interface@stack+phone"},
		{"emb.unprotected-key-storage", fixture, "emb.unprotected-key-storage@keys"},
		{"emb.unprotected-key-storage", rep("assets: [key]}\n  - {id: log", "assets: [key], controls: [protected-storage]}\n  - {id: log"), ""},
		{"emb.memory-separation", fixture, "emb.memory-separation@app+stack"},
		{"emb.memory-separation", rep("traits: [untrusted-code]}", "traits: [untrusted-code], controls: [memory-protection]}"), ""},
		{"emb.unbounded-parser", fixture, "emb.unbounded-parser@stack+ble,emb.unbounded-parser@stack+ipc"},
		{"emb.unbounded-parser", rep("traits: [parser, kernel]}", "traits: [parser, kernel], controls: [bounds-checking]}"), ""},
		{"emb.rollback-protection", rep("[parser, kernel]}", "[parser, kernel, bootloader]}"), "emb.rollback-protection@stack"},
		{"emb.rollback-protection", rep("[parser, kernel]}", "[parser, kernel, bootloader], controls: [rollback-protection]}"), ""},
		{"emb.crypto-timing", rep("[parser, kernel]}", "[parser, kernel, crypto]}"), "emb.crypto-timing@stack"},
		{"emb.crypto-timing", rep("[parser, kernel]}", "[parser, kernel, crypto], controls: [constant-time]}"), ""},
		{"emb.key-in-transit", addFlow("{id: prov, from: phone, to: stack, protocol: UART, assets: [key]}"), "emb.key-in-transit@prov"},
		{"emb.key-in-transit", fixture, ""},
		{"emb.key-in-transit", addFlow("{id: prov, from: phone, to: stack, protocol: UART, assets: [key], encrypts: true}"), ""},
	}
	tested := map[string]bool{}
	for _, tc := range tests {
		tested[tc.rule] = true
		got := analyze(t, tc.src, tc.rule)
		sort.Strings(got)
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.rule, strings.Join(got, ","), tc.want)
		}
	}
	for _, r := range All() {
		if !tested[r.ID] {
			t.Errorf("rule %s has no test case", r.ID)
		}
	}
}

func TestAttackVector(t *testing.T) {
	tests := map[string]string{
		"": "", "BLE GATT": "A", "Thread": "A", "thread IPC": "L", "802.15.4": "A", "Wi-Fi": "A",
		"SWD": "P", "UART console": "P", "USB": "P", "syscall": "L", "HTTPS": "N", "MQTT over TLS": "N",
		"CoAP": "N", "flash read": "", "scan": "", "CAN bus": "A",
	}
	for p, want := range tests {
		if got := attackVector(p); got != want {
			t.Errorf("attackVector(%q) = %q, want %q", p, got, want)
		}
	}
	f := &threat.Flow{Protocol: "BLE"}
	if got := withAV("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", f); got != "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" {
		t.Errorf("withAV = %q", got)
	}
	if got := withAV("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", f); got != "" {
		t.Errorf("withAV of an unchanged vector = %q", got)
	}
}

func TestSelect(t *testing.T) {
	all := All()
	rs, err := Select(model.ThreatModel{Packs: []string{Embedded}, DisableRules: []model.DisabledRule{{Rule: "emb.crypto-timing", Reason: "hardware AES"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Pack != Embedded || r.ID == "emb.crypto-timing" {
			t.Errorf("selected %s", r.ID)
		}
	}
	if len(rs) == 0 || len(rs) >= len(all) {
		t.Errorf("%d of %d rules selected", len(rs), len(all))
	}
	rs, _ = Select(model.ThreatModel{})
	if len(rs) != len(all) {
		t.Errorf("no packs selects %d of %d rules", len(rs), len(all))
	}
	_, err = Select(model.ThreatModel{DisableRules: []model.DisabledRule{{Rule: "emb.nope", Pos: model.Pos{File: "a.yaml", Line: 3, Column: 7}}}})
	if err == nil || !strings.Contains(err.Error(), `a.yaml:3:7: threat_model.disable_rules: no rule "emb.nope"`) {
		t.Errorf("err = %v", err)
	}
}
