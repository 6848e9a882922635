package vuln

import (
	"bufio"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestAccessMatrix holds Can to testdata/access.txt: every action × every
// state × every principal, allowed exactly where the file says and denied
// everywhere else. The file must cover every action and state.
func TestAccessMatrix(t *testing.T) {
	f, err := os.Open("testdata/access.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	states := []string{"new", "triage", "triage-pending", "assigned", "review", "accepted", "public", "rejected"}
	reports := map[string]*Report{}
	for _, s := range states {
		reports[s] = reportIn(t, s)
	}
	names := make([]string, 0, len(principals))
	for n := range principals {
		names = append(names, n)
	}
	sort.Strings(names)

	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		head, list, ok := strings.Cut(text, ":")
		fields := strings.Fields(head)
		if !ok || len(fields) != 2 {
			t.Fatalf("access.txt:%d: want 'action state: principals'", line)
		}
		action, state := Action(fields[0]), fields[1]
		allowed := strings.Fields(list)
		if len(allowed) == 1 && allowed[0] == "-" {
			allowed = nil
		}
		for _, p := range allowed {
			if _, ok := principals[p]; !ok {
				t.Fatalf("access.txt:%d: unknown principal %q", line, p)
			}
		}
		var r *Report
		if state != "*" {
			if r = reports[state]; r == nil {
				t.Fatalf("access.txt:%d: unknown state %q", line, state)
			}
		}
		key := string(action) + " " + state
		if seen[key] {
			t.Fatalf("access.txt:%d: %s listed twice", line, key)
		}
		seen[key] = true
		for _, p := range names {
			got, why := Can(principals[p], action, r)
			want := slices.Contains(allowed, p)
			if got != want {
				t.Errorf("access.txt:%d: Can(%s, %s, %s) = %v (%s), want %v", line, p, action, state, got, why, want)
			}
			if !got && why.Code == "" {
				t.Errorf("Can(%s, %s, %s) denied without a code", p, action, state)
			}
			if got && why.Code != "" {
				t.Errorf("Can(%s, %s, %s) allowed with code %q", p, action, state, why.Code)
			}
		}
	}
	for _, a := range ReportActions() {
		for _, s := range states {
			if !seen[string(a)+" "+s] {
				t.Errorf("access.txt does not say who may %s in state %s", a, s)
			}
		}
	}
	for _, a := range GlobalActions() {
		if !seen[string(a)+" *"] {
			t.Errorf("access.txt does not say who may %s", a)
		}
	}
}

// TestCanFailsSafe: what Can does not know, it denies.
func TestCanFailsSafe(t *testing.T) {
	r := reportIn(t, "public")
	cases := []struct {
		name   string
		a      Actor
		action Action
		r      *Report
		code   string
	}{
		{"unknown action", team, Action("delete-everything"), r, CodeForbidden},
		{"empty action", team, "", r, CodeForbidden},
		{"report action without report", team, ActionView, nil, CodeForbidden},
		{"roles without an account", Actor{Roles: []Role{RoleSecurityTeam, RoleAdmin}}, ActionPublish, reportIn(t, "accepted"), CodeHidden},
		{"roles without an account, global", Actor{Roles: []Role{RoleAdmin}}, ActionManageAccounts, nil, CodeForbidden},
		{"unknown role", Actor{ID: "x", Roles: []Role{"superuser"}}, ActionView, reportIn(t, "new"), CodeHidden},
		{"maintainer of the module before assignment", principals["maint"], ActionView, reportIn(t, "triage"), CodeHidden},
		{"release manager before assignment", principals["rm"], ActionView, reportIn(t, "triage"), CodeHidden},
		{"proposer approving own rejection", team, ActionApproveRejection, reportIn(t, "triage-pending"), CodeForbidden},
		{"transition from a wrong state", team, ActionPublish, reportIn(t, "review"), CodeState},
	}
	for _, c := range cases {
		ok, why := Can(c.a, c.action, c.r)
		if ok || why.Code != c.code {
			t.Errorf("%s: Can = %v, %q (%s), want denied with %q", c.name, ok, why.Code, why.Text, c.code)
		}
	}
}

func TestActorFor(t *testing.T) {
	m := &modelWithPeople
	a := ActorFor("acct-mia", []Role{RoleReporter}, "mia", m, cfg)
	if !a.Has(RoleMaintainer) || !slices.Equal(a.Modules, []string{"net"}) || a.Has(RoleSecurityTeam) {
		t.Errorf("mia = %+v", a)
	}
	b := ActorFor("acct-ada", nil, "ada", m, cfg)
	if !b.Has(RoleSecurityArchitect) || !slices.Equal(b.ArchitectOf, []string{"net"}) || !b.Has(RoleSecurityTeam) {
		t.Errorf("ada = %+v", b)
	}
	c := ActorFor("acct-rob", nil, "rob", m, cfg)
	if !c.Has(RoleReleaseManager) || !slices.Equal(c.Releases, []string{"v4.0"}) {
		t.Errorf("rob = %+v", c)
	}
	d := ActorFor("acct-x", []Role{RoleAdmin}, "nobody", m, cfg)
	if !slices.Equal(d.Roles, []Role{RoleAdmin}) || len(d.Modules) != 0 {
		t.Errorf("unknown person = %+v", d)
	}
}
