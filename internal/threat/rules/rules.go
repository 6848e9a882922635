// Package rules holds the rules of the threat engine, one file each: the
// generic pack (STRIDE per interaction in the manner of the Microsoft
// Threat Modeling Tool's default template, many of them firing only where
// a flow crosses a trust boundary) and the embedded pack (firmware and
// RTOS weaknesses: unsigned updates, open debug ports, keys in plain
// storage, threads without memory separation, unbounded parsers of radio
// input, missing rollback protection, timing side channels).
//
// Each rule registers itself from init with its metadata (id, STRIDE
// category, CWE, description, mitigation, default CVSS vector); Select
// returns the rules a model's threat_model section asks for.
package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/threat"
)

// Packs.
const (
	Generic  = "generic"
	Embedded = "embedded"
)

var registry []threat.Rule

func register(r threat.Rule) { registry = append(registry, r) }

// All returns every rule, sorted by id.
func All() []threat.Rule {
	out := append([]threat.Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Select returns the rules of the packs tm names (all packs when it names
// none) minus the rules it disables. Disabling a rule that does not exist
// is an error: a typo would otherwise leave the rule running unnoticed.
func Select(tm model.ThreatModel) ([]threat.Rule, error) {
	all := All()
	packs := map[string]bool{}
	for _, p := range tm.Packs {
		packs[p] = true
	}
	known := map[string]bool{}
	for _, r := range all {
		known[r.ID] = true
	}
	off := map[string]bool{}
	var ds []model.Diagnostic
	for _, d := range tm.DisableRules {
		if !known[d.Rule] {
			hint := "run 'assure threat rules' to list them"
			ds = append(ds, model.Diagnostic{Pos: d.Pos, Message: fmt.Sprintf("threat_model.disable_rules: no rule %q", d.Rule), Hint: hint})
			continue
		}
		off[d.Rule] = true
	}
	if len(ds) > 0 {
		return nil, &model.Error{Diagnostics: ds}
	}
	var out []threat.Rule
	for _, r := range all {
		if (len(packs) == 0 || packs[r.Pack]) && !off[r.ID] {
			out = append(out, r)
		}
	}
	return out, nil
}

// ends returns the elements at both ends of f; the loader guarantees them.
func ends(m *threat.Model, f *threat.Flow) (src, dst *threat.Element) {
	src, _ = m.Element(f.From)
	dst, _ = m.Element(f.To)
	return src, dst
}

// eachFlow calls fn for every flow with its ends, in id order.
func eachFlow(m *threat.Model, fn func(f *threat.Flow, src, dst *threat.Element)) {
	for i := range m.Flows {
		f := &m.Flows[i]
		src, dst := ends(m, f)
		if src == nil || dst == nil {
			continue
		}
		fn(f, src, dst)
	}
}

// crossing is eachFlow restricted to flows that cross a trust boundary.
func crossing(m *threat.Model, fn func(f *threat.Flow, src, dst *threat.Element)) {
	eachFlow(m, func(f *threat.Flow, src, dst *threat.Element) {
		if m.Crosses(f) {
			fn(f, src, dst)
		}
	})
}

// eachElement calls fn for every element of kind k ("" for all), in id order.
func eachElement(m *threat.Model, k threat.Kind, fn func(e *threat.Element)) {
	for i := range m.Elements {
		if e := &m.Elements[i]; k == "" || e.Kind == k {
			fn(e)
		}
	}
}

// via names a flow for a title: its name, else its protocol, else its id.
func via(f *threat.Flow) string {
	if f.Name != "" {
		return f.Name
	}
	if f.Protocol != "" {
		return f.Protocol + " flow " + f.ID
	}
	return "flow " + f.ID
}

// assetIDs lists the ids of assets.
func assetIDs(as []*threat.Asset) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

// Attack vectors by protocol: who can reach a flow decides CVSS AV. A
// radio link is adjacent, a debug or serial port physical, IPC local, an
// IP protocol network; for a protocol not listed the rule's vector stays.
var (
	physical = []string{"jtag", "swd", "uart", "usb", "serial", "spi", "i2c", "gpio", "debug", "console"}
	adjacent = []string{"ble", "bluetooth", "zigbee", "thread", "802.15.4", "lora", "wifi", "wi-fi", "802.11", "nfc", "uwb", "sub-ghz", "can", "radio"}
	local    = []string{"ipc", "syscall", "system call", "shared memory", "shared-memory", "function call", "mailbox", "fifo", "msgq", "message queue"}
	network  = []string{"tcp", "udp", "ip", "ipv6", "http", "https", "mqtt", "mqtts", "coap", "coaps", "tls", "dtls", "lwm2m", "lte", "nb-iot", "cellular", "ethernet", "websocket", "grpc", "ssh", "network", "internet"}
)

// attackVector is the CVSS AV value for a protocol, "" when unknown. Plain
// words match whole words of the protocol ("can" is not in "scan"); words
// with a separator match anywhere ("wi-fi", "802.15.4").
func attackVector(protocol string) string {
	p := strings.ToLower(protocol)
	if p == "" {
		return ""
	}
	words := strings.FieldsFunc(p, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	has := func(w string) bool {
		if strings.ContainsAny(w, " -.") {
			return strings.Contains(p, w)
		}
		for _, x := range words {
			if x == w {
				return true
			}
		}
		return false
	}
	// Local before adjacent: "thread IPC" is a call, "Thread" a radio.
	for _, list := range []struct {
		av    string
		words []string
	}{{"P", physical}, {"L", local}, {"A", adjacent}, {"N", network}} {
		for _, w := range list.words {
			if has(w) {
				return list.av
			}
		}
	}
	return ""
}

// withAV returns vector with its attack vector set for flow f's protocol;
// the vector is unchanged when the protocol says nothing.
func withAV(vector string, f *threat.Flow) string {
	av := attackVector(f.Protocol)
	if av == "" {
		return ""
	}
	parts := strings.Split(vector, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, "AV:") {
			parts[i] = "AV:" + av
		}
	}
	out := strings.Join(parts, "/")
	if out == vector {
		return ""
	}
	return out
}

// logged reports whether process p writes to a data store that holds logs.
func logged(m *threat.Model, p *threat.Element) bool {
	for _, f := range m.Outbound(p.ID) {
		if dst, ok := m.Element(f.To); ok && dst.Kind == threat.DataStore && dst.Logs {
			return true
		}
	}
	return p.HasControl("audit-logging")
}

// Analyze runs the rules the threat model's root model selects
// (threat_model.packs and disable_rules) over m; all rules when m was
// loaded without a root model.
func Analyze(m *threat.Model) (*threat.Analysis, error) {
	rs := All()
	if m.Root != nil {
		var err error
		if rs, err = Select(m.Root.ThreatModel); err != nil {
			return nil, err
		}
	}
	return threat.Analyze(m, rs), nil
}
