package advisory

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/vuln"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	team  = vuln.Actor{ID: "sam", Roles: []vuln.Role{vuln.RoleSecurityTeam}}
	team2 = vuln.Actor{ID: "tess", Roles: []vuln.Role{vuln.RoleSecurityTeam}}
	rita  = vuln.Actor{ID: "rita", Roles: []vuln.Role{vuln.RoleReporter}}
	cfg   = vuln.Config{
		Prefix:     "ZEPHYR",
		Publisher:  vuln.Publisher{Name: "Zephyr Project Security Team", Namespace: "https://zephyrproject.org"},
		Repository: "https://github.com/zephyrproject-rtos/zephyr",
		Releases: []vuln.Release{
			{Name: "v3.7", Branch: "v3.7-branch", Maintained: true, LTS: true},
			{Name: "v4.0", Branch: "v4.0-branch", Maintained: true},
			{Name: "v4.1", Branch: "v4.1-branch", Maintained: true},
		},
	}.Defaults()
	env = vuln.Env{Config: cfg, Model: &model.Model{Modules: []model.Module{{ID: "bluetooth"}, {ID: "net"}}}}
	t0  = time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
)

// published walks one report through the whole process.
func published(t *testing.T, id int64, vector, cve string) *vuln.Report {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := vuln.New(rita, vuln.Intake{Title: "Out-of-bounds write in the L2CAP <channel> handler", Description: "A crafted L2CAP packet overflows a buffer.\n\n# not a heading", Severity: vuln.SeverityHigh}, cfg, t0)
	must(err)
	r.ID = id
	at := func(d int) time.Time { return t0.AddDate(0, 0, d) }
	must(r.StartTriage(team, at(1)))
	w := "Disable CONFIG_BT_L2CAP_DYNAMIC_CHANNEL."
	must(r.Triage(team, vuln.Triage{CVSS: &vector, Stride: []vuln.Stride{"T", "D"}, Modules: []string{"bluetooth"}, Releases: []string{"v4.0", "v3.7"}, Workaround: &w}, env, at(2)))
	must(r.Assign(team, []string{"mia"}, at(3)))
	must(r.LinkFix(team, vuln.Fix{Branch: "main", Kind: vuln.FixPull, Ref: "#81234"}, env, at(10)))
	must(r.LinkFix(team, vuln.Fix{Branch: "main", Kind: vuln.FixCommit, Ref: "0123456789abcdef0123456789abcdef01234567"}, env, at(10)))
	must(r.LinkFix(team, vuln.Fix{Branch: "v3.7-branch", Kind: vuln.FixPull, Ref: "81300"}, env, at(12)))
	must(r.Submit(team, at(11)))
	must(r.SetCVE(team, cve, at(12)))
	must(r.Accept(team2, at(13)))
	must(r.SetBackport(team, vuln.BackportUpdate{Branch: "v3.7-branch", Status: vuln.BackportFixed, FixedIn: "v3.7.2"}, env, at(20)))
	must(r.SetBackport(team, vuln.BackportUpdate{Branch: "v4.0-branch", Status: vuln.BackportNotAffected}, env, at(20)))
	must(r.Publish(team, at(90)))
	return r
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (hint: go test ./internal/advisory -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (go test -update to accept):\n%s", name, got)
	}
}

func TestOSV(t *testing.T) {
	for _, c := range []struct{ name, vector string }{
		{"osv-v31.json", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		{"osv-v40.json", "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := published(t, 7, c.vector, "CVE-2026-1001")
			b, err := OSV(r, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := ValidateOSV(c.name, b); err != nil {
				t.Fatal(err)
			}
			again, _ := OSV(published(t, 7, c.vector, "CVE-2026-1001"), cfg)
			if string(again) != string(b) {
				t.Error("two exports of the same report differ")
			}
			golden(t, c.name, b)
		})
	}
	// A draft without CVE or CVSS is valid too, under the x_ prefix.
	r, _ := vuln.New(rita, vuln.Intake{Title: "t", Description: "d"}, cfg, t0)
	r.ID = 3
	b, err := OSV(r, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateOSV("draft", b); err != nil {
		t.Error(err)
	}
	if !strings.Contains(string(b), `"id": "x_ZEPHYR-0003"`) {
		t.Errorf("draft id:\n%s", b)
	}
}

func TestCSAF(t *testing.T) {
	for _, c := range []struct{ name, vector string }{
		{"csaf-v31.json", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		{"csaf-v40.json", "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := CSAF(published(t, 7, c.vector, "CVE-2026-1001"), cfg, "Zephyr RTOS")
			if err != nil {
				t.Fatal(err)
			}
			if err := ValidateCSAF(c.name, b); err != nil {
				t.Fatal(err)
			}
			golden(t, c.name, b)
		})
	}
	r, _ := vuln.New(rita, vuln.Intake{Title: "t", Description: "d"}, cfg, t0)
	r.ID = 3
	b, err := CSAF(r, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateCSAF("draft", b); err != nil {
		t.Error(err)
	}
}

// TestValidatorsRefuse: the validators are not a formality.
func TestValidatorsRefuse(t *testing.T) {
	r := published(t, 7, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVE-2026-1001")
	osv, _ := OSV(r, cfg)
	csaf, _ := CSAF(r, cfg, "Zephyr")
	for _, c := range []struct {
		name string
		fn   func(string, []byte) error
		in   string
		want string
	}{
		{"osv bad id", ValidateOSV, strings.Replace(string(osv), `"id": "CVE-2026-1001"`, `"id": "zephyr-1"`, 1), "/id"},
		{"osv bad time", ValidateOSV, strings.Replace(string(osv), `"modified": "2026-04-05T10:00:00Z"`, `"modified": "yesterday"`, 1), "/modified"},
		{"osv not json", ValidateOSV, "{", "invalid JSON"},
		{"csaf bad category", ValidateCSAF, strings.Replace(string(csaf), `"category": "vendor"`, `"category": "nobody"`, 1), "/document/publisher/category"},
		{"csaf bad cvss", ValidateCSAF, strings.Replace(string(csaf), `"baseScore": 8.8`, `"baseScore": 11`, 1), "/vulnerabilities/0/scores/0/cvss_v3/baseScore"},
	} {
		err := c.fn(c.name, []byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error about %s", c.name, err, c.want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	a := published(t, 7, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVE-2026-1001")
	b := published(t, 9, "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVE-2025-20001")
	c := published(t, 8, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVE-2026-0999")
	private, _ := vuln.New(rita, vuln.Intake{Title: "embargoed secret", Description: "d"}, cfg, t0)
	private.ID = 10
	page := Markdown([]*vuln.Report{b, private, a, c}, cfg, "Zephyr RTOS")
	if strings.Contains(string(page), "embargoed secret") {
		t.Fatal("the page lists a report that is not public")
	}
	if other := Markdown([]*vuln.Report{c, a, private, b}, cfg, "Zephyr RTOS"); string(other) != string(page) {
		t.Error("the page depends on the order of its input")
	}
	golden(t, "vulnerabilities.md", page)
	if empty := Markdown(nil, cfg, "Zephyr RTOS"); !strings.Contains(string(empty), "No vulnerability has been published") {
		t.Errorf("empty page:\n%s", empty)
	}
}
