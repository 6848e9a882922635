package vuln

import (
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

func TestLoadConfig(t *testing.T) {
	c, err := LoadConfig("im.yaml", []byte(`prefix: ZEPHYR
publisher: {name: Zephyr Project Security Team, namespace: "https://zephyrproject.org"}
repository: https://github.com/zephyrproject-rtos/zephyr
embargo:
  days: 90
  warn_days: [7, 30, 1]
  at_end: publish
attachments: {max_bytes: 1048576, max_count: 5}
releases:
  - {name: v3.7, branch: v3.7-branch, maintained: true, lts: true, managers: [rob]}
  - {name: v4.1, branch: v4.1-branch, maintained: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Prefix != "ZEPHYR" || c.Embargo.AtEnd != AtEndPublish || c.Attachments.MaxCount != 5 || c.MainBranch != "main" {
		t.Errorf("config = %+v", c)
	}
	if got := c.Embargo.WarnDays; len(got) != 3 || got[0] != 30 || got[2] != 1 {
		t.Errorf("warn days = %v, want largest first", got)
	}
	if got := strings.Join(c.MaintainedBranches(), ","); got != "v3.7-branch,v4.1-branch" {
		t.Errorf("maintained = %s", got)
	}
	if err := c.CheckManagers(&model.Model{People: []model.Person{{ID: "rob"}}}); err != nil {
		t.Error(err)
	}
	if err := c.CheckManagers(&model.Model{}); err == nil || !strings.Contains(err.Error(), `manager "rob"`) {
		t.Errorf("CheckManagers without rob: %v", err)
	}
	d, err := LoadConfig("empty.yaml", nil)
	if err != nil || d.Embargo.Days != 90 || d.Embargo.AtEnd != AtEndEscalate {
		t.Errorf("empty config = %+v, %v", d, err)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"embargo:\n  dayz: 9\n", `im.yaml:2:3: unknown key "dayz" (hint: known keys here: [at_end days warn_days])`},
		{"embargo:\n  days: ninety\n", "im.yaml:2:9: expected an integer, found a string"},
		{"embargo:\n  days: 400\n", "im.yaml:2:9: embargo of 400 days is outside 1..365"},
		{"embargo:\n  at_end: shout\n", `im.yaml:2:11: unknown at_end "shout" (hint: use escalate or publish)`},
		{"embargo:\n  warn_days: [5, 95]\n", "im.yaml:2:18: warning 95 days before the end is outside 1..89"},
		{"prefix: zephyr\n", `im.yaml:1:9: prefix "zephyr" is not a valid advisory id prefix`},
		{"publisher: {namespace: zephyr}\n", `im.yaml:1:24: namespace "zephyr" is not an absolute URL`},
		{"releases:\n  - {name: v1, branch: b}\n  - {name: v1, branch: c}\n", `im.yaml:3:12: duplicate release "v1"`},
		{"releases:\n  - {name: v1, branch: main}\n", `im.yaml:2:24: branch "main" is used twice`},
		{"releases: {}\n", "im.yaml:1:11: expected a list, found a mapping"},
		{"- 1\n", "im.yaml:1:1: expected a mapping, found a list"},
		{"prefix: [\n", "im.yaml:"},
	} {
		_, err := LoadConfig("im.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadConfig(%q):\n got %v\nwant %s", c.src, err, c.want)
		}
	}
}

// FuzzLoadConfig: never panics; every error is file:line diagnostics, and
// an accepted configuration passes its own checks.
func FuzzLoadConfig(f *testing.F) {
	f.Add([]byte("prefix: ZEPHYR\nembargo: {days: 90, warn_days: [7], at_end: publish}\n"))
	f.Add([]byte("releases:\n  - {name: v3.7, branch: v3.7-branch, maintained: true, managers: [a]}\n"))
	f.Add([]byte("attachments: {max_bytes: 99999999999999999999}\n"))
	f.Add([]byte("embargo: &a {days: *a}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := LoadConfig("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		if ps := c.check(); len(ps) > 0 {
			t.Fatalf("accepted a configuration with problems: %+v", ps)
		}
	})
}

func TestValidate(t *testing.T) {
	if err := (Config{}).Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
	err := Config{Prefix: "bad prefix", Embargo: EmbargoConfig{AtEnd: "later"}}.Validate()
	if err == nil || !strings.Contains(err.Error(), "prefix: prefix \"bad prefix\"") || !strings.Contains(err.Error(), "embargo/at_end: unknown at_end") {
		t.Errorf("Validate = %v", err)
	}
}
