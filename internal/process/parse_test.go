package process

import (
	"strings"
	"testing"
)

const validEntry = `  - id: CM-1
    section: Secure Design
    level: SHALL
    statement: Do it.
    method: attested
    evidence: A record.
`

func TestParseValid(t *testing.T) {
	src := "# comment\nrequirements:\n" + validEntry + strings.Replace(validEntry, "CM-1", "CM-2", 1) +
		"  - {id: AU-1, section: A > B, level: MUST, statement: Run it., method: automated}\n"
	c, err := Parse([]byte(src), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range c.All() {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, ","); got != "CM-1,CM-2,AU-1" {
		t.Errorf("ids = %s, want CM-1,CM-2,AU-1 in file order", got)
	}
	if r, _ := c.Get("AU-1"); r.Section != "A > B" || r.Level != Must || r.Method != Automated || r.Evidence != "" {
		t.Errorf("AU-1 = %+v", r)
	}
}

func TestParseErrors(t *testing.T) {
	entry := func(field, value string) string {
		lines := strings.Split(validEntry, "\n")
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimLeft(l, " -"), field+":") {
				if value == "" {
					lines = append(lines[:i], lines[i+1:]...)
				} else {
					lines[i] = l[:strings.Index(l, field)] + field + ": " + value
				}
				break
			}
		}
		return "requirements:\n" + strings.Join(lines, "\n")
	}
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "c.yaml:1:1: the catalog is empty"},
		{"comment only", "# nothing\n", "the catalog is empty"},
		{"syntax", "requirements: [\n", "c.yaml:1:"},
		{"top is a list", "- id: CM-1\n", "c.yaml:1:1: the catalog must be a mapping"},
		{"unknown top key", "version: 1\nrequirements:\n" + validEntry, "c.yaml:1:1: unknown key \"version\""},
		{"missing requirements", "{}\n", "the key requirements is missing"},
		{"requirements not a list", "requirements: yes\n", "c.yaml:1:1: requirements must be a list"},
		{"requirements null", "requirements:\n", "requirements must be a list"},
		{"requirements empty", "requirements: []\n", "requirements is empty"},
		{"two documents", "requirements:\n" + validEntry + "---\nrequirements: []\n", "c.yaml:9:1: more than one YAML document"},
		{"entry not a mapping", "requirements:\n  - CM-1\n", "c.yaml:2:5: a requirement must be a mapping"},
		{"unknown field", "requirements:\n" + validEntry + "    checks: [x]\n", `c.yaml:8:5: unknown field "checks"`},
		{"duplicate key", "requirements:\n" + validEntry + "    id: CM-2\n", "c.yaml:8:5:"},
		{"wrong type", entry("level", "[MUST]"), "c.yaml:4:12:"},
		{"missing id", "requirements:\n  - section: A\n    level: MUST\n", "c.yaml:2:5: requirement (no id): id is missing"},
		{"bad id", entry("id", "cm-1"), `id "cm-1" must be an area prefix`},
		{"leading zero", entry("id", "CM-01"), `id "CM-01"`},
		{"missing section", entry("section", ""), "section is missing"},
		{"bad section", entry("section", "A >> B"), `section "A >> B" must be headings`},
		{"empty section part", entry("section", `"A >  > B"`), "must be headings"},
		{"bad level", entry("level", "MOST"), `level "MOST" must be one of MUST, SHALL, SHOULD, MAY`},
		{"lowercase level", entry("level", "must"), `level "must"`},
		{"missing statement", entry("statement", ""), "statement is missing"},
		{"blank statement", entry("statement", `"  "`), "statement is missing"},
		{"multi-line statement", entry("statement", `"one\ntwo"`), "statement spans several lines"},
		{"long statement", entry("statement", strings.Repeat("x", MaxStatement)), "statement is 200 characters; keep it under 200"},
		{"bad method", entry("method", "manual"), `method "manual" must be one of`},
		{"missing evidence", entry("evidence", ""), "evidence is missing; for method attested"},
		{"duplicate id", "requirements:\n" + validEntry + validEntry, "c.yaml:8:5: requirement CM-1: id already used at line 2;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.src), "c.yaml")
			if err == nil {
				t.Fatalf("Parse succeeded with %d requirements, want error containing %q", c.Len(), tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not contain %q", msg, tt.want)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans several lines: %q", msg)
			}
			if !strings.HasPrefix(msg, "c.yaml:") {
				t.Errorf("error %q does not start with the file name", msg)
			}
		})
	}
}

func TestStatementLimitIsCharacters(t *testing.T) {
	// 199 multi-byte characters are within the limit although over 200 bytes.
	src := "requirements:\n" + strings.Replace(validEntry, "Do it.", strings.Repeat("ä", MaxStatement-1), 1)
	if _, err := Parse([]byte(src), "c.yaml"); err != nil {
		t.Errorf("199 characters rejected: %v", err)
	}
}
