package waiver

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const sample = `# Waivers of fw.
version: 1
next_id: 3
retired:
  - W-0002
waivers:
  - id: W-0001
    status: accepted
    tool: flawfinder
    tool_version: "2.0.19"
    rule: FF1001
    file: src/parse.c
    line: 12
    fingerprint: "9f2c41d0aa17b3e5"
    analysis_date: "2026-01-01"
    branch: main
    revision: "0123456789abcdef0123456789abcdef01234567"
    category: false-positive
    reason: |-
      the buffer is sized by the caller
      (see parse_init)
    author: alice
    approvers:
      - person: carol
        date: "2026-01-02"
    expires: "2027-01-01"
`

func TestParse(t *testing.T) {
	reg, err := Parse("security/waivers.yaml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if reg.Version != 1 || reg.NextID != 3 || !reflect.DeepEqual(reg.Retired, []string{"W-0002"}) || len(reg.Waivers) != 1 {
		t.Fatalf("registry = %+v", reg)
	}
	w := reg.Waivers[0]
	if w.ID != "W-0001" || w.Status != Accepted || w.ToolVersion != "2.0.19" || w.Line != 12 ||
		w.Reason != "the buffer is sized by the caller\n(see parse_init)" || len(w.Approvers) != 1 ||
		w.Approvers[0] != (Approval{Person: "carol", Date: "2026-01-02", Pos: w.Approvers[0].Pos}) || w.Expires != "2027-01-01" {
		t.Errorf("waiver = %+v", w)
	}
	if got := w.At("reason").String(); got != "security/waivers.yaml:19:13" {
		t.Errorf("reason at %s", got)
	}
	if got := w.Pos.String(); got != "security/waivers.yaml:7:5" {
		t.Errorf("waiver at %s", got)
	}
	if reg.Header != "# Waivers of fw." {
		t.Errorf("header = %q", reg.Header)
	}
}

// Marshal writes what Parse reads back, byte for byte the second time.
func TestMarshalRoundTrip(t *testing.T) {
	reg, err := Parse("w.yaml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	out := Marshal(reg)
	if string(out) != sample {
		t.Errorf("canonical form differs:\n%s", out)
	}
	w := complete("W-0007")
	w.Reason = "yes"
	w.Branch = "true"
	w.Tool = "2.0"
	reg2 := &Registry{NextID: 8, Waivers: []Waiver{w, {ID: "W-0009"}}}
	back, err := Parse("w.yaml", Marshal(reg2))
	if err != nil {
		t.Fatalf("%v\n%s", err, Marshal(reg2))
	}
	got := back.Waivers[0]
	if got.Reason != "yes" || got.Branch != "true" || got.Tool != "2.0" || got.Revision != w.Revision || back.Waivers[1].ID != "W-0009" {
		t.Errorf("round trip changed values: %+v", got)
	}
	if !strings.HasPrefix(string(Marshal(reg2)), defaultHeader) {
		t.Error("a new registry starts without the default header")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"yaml", "version: 1\nwaivers: [\n", "w.yaml:"},
		{"not a mapping", "- a\n", "w.yaml:1:1: the waiver registry must be a mapping"},
		{"no version", "waivers: []\n", "w.yaml:1:1: the waiver registry has no version"},
		{"bad version", "version: 2\n", "w.yaml:1:10: unsupported registry version 2"},
		{"unknown top key", "version: 1\nwaiver: []\n", `w.yaml:2:1: unknown field "waiver" in the registry (hint: did you mean "waivers"?`},
		{"waivers not a list", "version: 1\nwaivers: {}\n", "w.yaml:2:10: waivers must be a list"},
		{"waiver not a mapping", "version: 1\nwaivers:\n  - W-0001\n", "w.yaml:3:5: a waiver must be a mapping of fields"},
		{"unknown waiver key", "version: 1\nwaivers:\n  - id: W-0001\n    reson: x\n", `w.yaml:4:5: unknown field "reson" in a waiver (hint: did you mean "reason"?`},
		{"number for text", "version: 1\nwaivers:\n  - id: W-0001\n    tool_version: 2.10\n", `w.yaml:4:19: tool_version must be text, not a number (hint: quote the value`},
		{"approvers not a list", "version: 1\nwaivers:\n  - id: W-0001\n    approvers: carol\n", "w.yaml:4:16: approvers must be a list"},
		{"approver not a mapping", "version: 1\nwaivers:\n  - id: W-0001\n    approvers: [carol]\n", "w.yaml:4:17: an approver must be a mapping with person and date"},
		{"approver key", "version: 1\nwaivers:\n  - approvers:\n      - by: carol\n", `w.yaml:4:9: unknown field "by" in an approver`},
		{"retired", "version: 1\nretired: [7]\n", "w.yaml:2:11: retired entries must be text"},
		{"retired id", "version: 1\nretired: [X-1]\n", `w.yaml:2:11: retired id "X-1" is not a waiver id`},
		{"next_id", "version: 1\nnext_id: 0\n", "w.yaml:2:10: next_id must be 1 or more"},
		{"line", "version: 1\nwaivers:\n  - line: twelve\n", "w.yaml:3:11: line must be a whole number, not string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("w.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error =\n  %s\nwant prefix\n  %s", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	root := t.TempDir()
	reg, err := Load(root, "")
	if err != nil || reg.File != DefaultPath || reg.NextID != 1 || len(reg.Waivers) != 0 {
		t.Fatalf("missing registry: %+v, %v", reg, err)
	}
	if _, err := Load(root, "../outside.yaml"); err == nil || !strings.Contains(err.Error(), "inside the repository") {
		t.Errorf("a registry outside the root: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(root, "security"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, DefaultPath), []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	reg, err = Load(root, DefaultPath)
	if err != nil || len(reg.Waivers) != 1 {
		t.Fatalf("Load = %+v, %v", reg, err)
	}
	reg.Waivers = append(reg.Waivers, complete(reg.Issue()))
	if err := Save(root, reg); err != nil {
		t.Fatal(err)
	}
	again, err := Load(root, DefaultPath)
	if err != nil || len(again.Waivers) != 2 || again.Waivers[1].ID != "W-0003" || again.NextID != 4 {
		t.Fatalf("after Save: %+v, %v", again, err)
	}
}

func TestIssueNeverReuses(t *testing.T) {
	reg := &Registry{NextID: 2, Retired: []string{"W-0005"}, Waivers: []Waiver{{ID: "W-0003"}}}
	if id := reg.Issue(); id != "W-0006" {
		t.Errorf("Issue = %s, want W-0006 (above every id seen)", id)
	}
	if id := reg.Issue(); id != "W-0007" || reg.NextID != 8 {
		t.Errorf("second Issue = %s, next %d", id, reg.NextID)
	}
	if n := IDNumber("W-0042"); n != 42 {
		t.Errorf("IDNumber = %d", n)
	}
	if n := IDNumber("W-42"); n != -1 {
		t.Errorf("IDNumber(W-42) = %d", n)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("version: 1\nwaivers:\n  - id: W-0001\n    approvers: [{person: carol}]\n"))
	f.Add([]byte("version: 1\nnext_id: 99999999999999999999\n"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := Parse("f.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		// What parses validates without panicking and writes back to
		// something that parses to the same waivers.
		Validate(reg, nil, Options{Today: "2026-01-01"})
		back, err := Parse("f.yaml", Marshal(reg))
		if err != nil {
			t.Fatalf("canonical form does not parse: %v\n%s", err, Marshal(reg))
		}
		if len(back.Waivers) != len(reg.Waivers) {
			t.Fatalf("round trip lost waivers")
		}
		for i := range reg.Waivers {
			a, b := reg.Waivers[i], back.Waivers[i]
			if a.ID != b.ID || a.Reason != b.Reason || a.Tool != b.Tool || len(a.Approvers) != len(b.Approvers) {
				t.Fatalf("round trip changed waiver %d: %+v vs %+v", i, a, b)
			}
		}
	})
}
