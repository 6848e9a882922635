package vuln

import (
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/model"
)

var (
	t0  = time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	cfg = Config{
		Releases: []Release{
			{Name: "v3.7", Branch: "v3.7-branch", Maintained: true, LTS: true, Managers: []string{"ron"}},
			{Name: "v4.0", Branch: "v4.0-branch", Maintained: true, Managers: []string{"rob"}},
			{Name: "v2.0", Branch: "v2.0-branch"},
		},
	}.Defaults()
	env = Env{Config: cfg, Model: &model.Model{Modules: []model.Module{{ID: "net"}, {ID: "kernel"}}}}

	principals = map[string]Actor{
		"anon":        {},
		"reporter":    {ID: "rita", Roles: []Role{RoleReporter}},
		"other":       {ID: "otto", Roles: []Role{RoleReporter}},
		"collab":      {ID: "cora", Roles: []Role{RoleReporter}},
		"maint":       {ID: "mia", Roles: []Role{RoleMaintainer}, Modules: []string{"net"}},
		"maint-other": {ID: "max", Roles: []Role{RoleMaintainer}, Modules: []string{"kernel"}},
		"rm":          {ID: "rob", Roles: []Role{RoleReleaseManager}, Releases: []string{"v4.0"}},
		"rm-other":    {ID: "ron", Roles: []Role{RoleReleaseManager}, Releases: []string{"v3.7"}},
		"architect":   {ID: "ada", Roles: []Role{RoleSecurityArchitect}, ArchitectOf: []string{"net"}},
		"team":        {ID: "sam", Roles: []Role{RoleSecurityTeam}},
		"team2":       {ID: "tess", Roles: []Role{RoleSecurityTeam}},
		"admin":       {ID: "adm", Roles: []Role{RoleAdmin}},
	}
	team, team2, rita = principals["team"], principals["team2"], principals["reporter"]
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func day(d int) time.Time { return t0.AddDate(0, 0, d) }

// reportIn builds a report in the named state (see testdata/access.txt) by
// the operations a real report goes through.
func reportIn(t *testing.T, state string) *Report {
	t.Helper()
	r, err := New(rita, Intake{Title: "overflow in net_pkt", Description: "details", Severity: SeverityHigh}, cfg, t0)
	must(t, err)
	r.ID = 1
	must(t, r.AddCollaborator(team, "cora", day(0)))
	if state == "new" {
		return r
	}
	must(t, r.StartTriage(team, day(1)))
	v := "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
	must(t, r.Triage(team, Triage{CVSS: &v, Stride: []Stride{Tampering}, Modules: []string{"net"}, Releases: []string{"v4.0"}}, env, day(1)))
	switch state {
	case "triage":
		return r
	case "triage-pending":
		must(t, r.ProposeRejection(team, RejectTheoretical, "", day(2)))
		return r
	}
	must(t, r.Assign(team, []string{"mia"}, day(2)))
	if state == "assigned" {
		return r
	}
	must(t, r.LinkFix(principals["maint"], Fix{Branch: "main", Kind: FixPull, Ref: "101"}, env, day(5)))
	must(t, r.Submit(principals["maint"], day(5)))
	switch state {
	case "review":
		return r
	case "rejected":
		must(t, r.ProposeRejection(team, RejectApplication, "application bug", day(6)))
		must(t, r.ApproveRejection(team2, day(6)))
		return r
	}
	must(t, r.SetCVE(team, "CVE-2026-0001", day(6)))
	must(t, r.Accept(team, day(7)))
	if state == "accepted" {
		return r
	}
	must(t, r.Publish(team, day(90)))
	if state != "public" {
		t.Fatalf("unknown state %q", state)
	}
	return r
}

var modelWithPeople = model.Model{
	People: []model.Person{
		{ID: "mia", Emails: []string{"mia@example.com"}},
		{ID: "ada", Roles: []string{model.RoleSecurityArchitect, model.RoleSecurityTeam}},
		{ID: "rob"},
	},
	Modules: []model.Module{
		{ID: "net", Maintainers: []string{"mia@example.com"}, SecurityArchitect: "ada", SecurityRelevant: true},
		{ID: "kernel", Maintainers: []string{"rob"}},
	},
}
