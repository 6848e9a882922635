package review

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const (
	changeSPI   = "I8473b95934b5732ac55d26311a706c9c2bde9940"
	changeSched = "I1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e"
	changeNet   = "Iabcdefabcdefabcdefabcdefabcdefabcdefabcd"
	changeDoc   = "I0000000000000000000000000000000000000001"
)

// summary is a change's Code-Review votes as "username:value".
func summary(c GerritChange) string {
	l, ok := c.Label("Code-Review")
	if !ok {
		return c.ChangeID + " -"
	}
	var vs []string
	for _, v := range l.Votes {
		vs = append(vs, fmt.Sprintf("%s:%+d", v.By.Username, v.Value))
	}
	return fmt.Sprintf("%s %s %s [%d..%d] %s", c.ChangeID, c.Status, c.CurrentRevision[:7], l.Min, l.Max, strings.Join(vs, " "))
}

func TestParseGerritShapes(t *testing.T) {
	spi := changeSPI + " MERGED 184ebe5 [-2..2] jdoe:+2 jroe:+2 zed:+1"
	sched := changeSched + " NEW 2f3e4d5 [-2..2] zed:-2 jdoe:-1"
	net := changeNet + " ABANDONED 3a3a3a3 [-2..2] jroe:+2"
	tests := []struct {
		file string
		want []string
	}{
		{"gerrit/changes.json", []string{spi, sched, net}},
		{"gerrit/change-single.json", []string{spi}},
		{"gerrit/multi-query.json", []string{spi, sched, net}},
		{"gerrit/query.json", []string{
			changeSPI + " MERGED 184ebe5 [0..0] jdoe:+2 jroe:+2 zed:+1",
			changeSched + " NEW 2f3e4d5 [0..0] zed:-2 jdoe:-1",
			changeDoc + " NEW 4b4b4b4 [0..0] jroe:+2",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			cs, err := ParseGerrit(tc.file, readFixture(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, summary(c))
				if c.File != tc.file || c.Line < 1 || c.Project != "zephyr" || c.Branch != "main" || c.Owner.Username == "" {
					t.Errorf("change %s read as %+v", c.ChangeID, c)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestParseGerritFields(t *testing.T) {
	cs, err := ParseGerrit("changes.json", readFixture(t, "gerrit/changes.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	want := GerritAccount{AccountID: 1000096, Name: "John Doe", Email: "john.doe@example.com", Username: "jdoe"}
	if c.Number != 3965 || c.ID != "zephyr~main~"+changeSPI || c.Subject != "drivers: spi: check buffer length" || c.Owner != want || c.Line != 3 {
		t.Errorf("change read as %+v", c)
	}
	if names := []string{c.Labels[0].Name, c.Labels[1].Name}; !reflect.DeepEqual(names, []string{"Code-Review", "Verified"}) {
		t.Errorf("labels %v, want sorted", names)
	}
	if v, _ := c.Label("Verified"); v.Max != 1 || v.Min != -1 || len(v.Votes) != 1 || v.Votes[0].By.Username != "ci-bot" {
		t.Errorf("Verified read as %+v", v)
	}
	if cr, _ := c.Label("Code-Review"); cr.Votes[1].Date != "2024-02-21 11:00:00.000000000" || cr.Votes[1].By.AccountID != 1000097 {
		t.Errorf("Code-Review read as %+v", cr)
	}
}

func TestGerritVotes(t *testing.T) {
	cs, err := ParseGerrit("changes.json", readFixture(t, "gerrit/changes.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		policy GerritPolicy
		want   []string
	}{
		{"default: max approves, min vetoes, abandoned ignored", GerritPolicy{}, []string{
			"jdoe Gerrit Code-Review+2 approve " + changeSPI,
			"jroe Gerrit Code-Review+2 approve " + changeSPI,
			"zed Gerrit Code-Review-2 veto " + changeSched,
		}},
		{"+1 approves when the policy says so", GerritPolicy{Approve: 1, Veto: -1}, []string{
			"jdoe Gerrit Code-Review+2 approve " + changeSPI,
			"jroe Gerrit Code-Review+2 approve " + changeSPI,
			"zed Gerrit Code-Review+1 approve " + changeSPI,
			"zed Gerrit Code-Review-2 veto " + changeSched,
			"jdoe Gerrit Code-Review-1 veto " + changeSched,
		}},
		{"another label uses its own range", GerritPolicy{Label: "Verified"}, []string{
			"ci-bot Gerrit Verified+1 approve " + changeSPI,
			"ci-bot Gerrit Verified-1 veto " + changeSched,
		}},
		{"unknown label gives nothing", GerritPolicy{Label: "Security-Review"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, v := range GerritVotes(cs, tc.policy, nil) {
				kind := "approve"
				if v.Veto {
					kind = "veto"
				}
				if v.Approve == v.Veto || v.File != "changes.json" || v.Commit == "" {
					t.Errorf("bad vote %+v", v)
				}
				got = append(got, fmt.Sprintf("%s %s %s %s", v.Reviewer.Username, v.Source, kind, v.ChangeID))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestParseGerritWithoutDetailedLabels(t *testing.T) {
	data := `)]}'
[{"id": "zephyr~main~` + changeSPI + `", "project": "zephyr", "branch": "main", "change_id": "` + changeSPI + `",
  "status": "MERGED", "_number": 3965, "owner": {"_account_id": 1000096},
  "labels": {"Code-Review": {"approved": {"_account_id": 1000097, "name": "Jane Roe", "email": "jane.roe@example.com", "username": "jroe"},
                             "rejected": {"_account_id": 1000098, "username": "zed"}},
             "Verified": {"approved": {"_account_id": 1000099}, "value": 1}}}]`
	cs, err := ParseGerrit("labels.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := summary(withRevision(cs[0])), changeSPI+" MERGED 0000000 [0..0] jroe:+2 zed:-2"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	var got []string
	for _, v := range GerritVotes(cs, GerritPolicy{}, nil) {
		got = append(got, v.Reviewer.Key()+" "+v.Source)
	}
	if want := []string{"email:jane.roe@example.com Gerrit Code-Review+2", "gerrit:zed Gerrit Code-Review-2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("votes %q, want %q", got, want)
	}
}

func withRevision(c GerritChange) GerritChange {
	if c.CurrentRevision == "" {
		c.CurrentRevision = strings.Repeat("0", 40)
	}
	return c
}

func TestParseGerritErrors(t *testing.T) {
	single := string(readFixture(t, "gerrit/change-single.json"))
	query := string(readFixture(t, "gerrit/query.json"))
	tests := []struct {
		name, data string
		want       string
	}{
		{"bad vote value", strings.Replace(single, `"value": 1,`, `"value": "+1",`, 1),
			`changes.json:35:20: labels.Verified.all[0].value: expected a number, got "+1"`},
		{"bad Change-Id", strings.Replace(single, `"change_id": "`+changeSPI, `"change_id": "`+changeSPI[1:]+"x", 1),
			`changes.json:6:16: change_id: expected a Change-Id (I followed by 40 hex digits), got "8473b95934b5732ac55d26311a706c9c2bde9940x"`},
		{"bad values key", strings.Replace(single, `"+2": "Looks good to me, approved"`, `"two": "Looks good to me, approved"`, 1),
			`changes.json:93:16: labels["Code-Review"].values.two: expected a vote value like "+2" as key, got "two"`},
		{"labels not object", ")]}'\n[{\"change_id\": \"" + changeSPI + "\", \"project\": \"p\", \"labels\": []}]",
			`changes.json:2:87: [0].labels: expected an object, got an array`},
		{"query value not a number", strings.Replace(query, `"value":"-2"`, `"value":"minus two"`, 1),
			`changes.json:2:899: currentPatchSet.approvals[0].value: expected a whole number, got "minus two"`},
		{"query without patch set", `{"project":"p","id":"` + changeSPI + `","number":1}`,
			`changes.json:1:1: currentPatchSet: missing: the export has no patch set, so no votes (hint: run gerrit query with --current-patch-set)`},
		{"query error row", `{"type":"error","message":"permission denied"}`,
			`changes.json:1:1: the export holds Gerrit's error: permission denied`},
		{"not a change", ")]}'\n[\"I123\"]", `changes.json:2:2: [0]: expected a change object, got "I123"`},
		{"xssi only", ")]}'\n", `changes.json: no changes: the file is empty`},
		{"invalid JSON after prefix", ")]}'\n{\"id\": tru}", `changes.json:2:8: invalid JSON: invalid character 't' looking for a JSON value`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseGerrit("changes.json", []byte(tc.data))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			msg := err.Error()
			if i := strings.LastIndex(msg, " (hint: export it"); i >= 0 {
				msg = msg[:i]
			}
			if msg != tc.want {
				t.Errorf("got  %s\nwant %s", msg, tc.want)
			}
			if !strings.Contains(err.Error(), "o=DETAILED_LABELS") {
				t.Errorf("no export hint in %q", err)
			}
		})
	}
}

func FuzzParseGerrit(f *testing.F) {
	for _, name := range []string{"changes.json", "change-single.json", "multi-query.json", "query.json"} {
		f.Add(readFixture(f, "gerrit/"+name))
	}
	f.Add([]byte(`{"type":"stats","rowCount":0}`))
	f.Add([]byte(")]}'\n[]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := ParseGerrit("f.json", data)
		if err != nil {
			if cs != nil || !strings.HasPrefix(err.Error(), "f.json") {
				t.Fatalf("bad failure: %v", err)
			}
			return
		}
		var x Index
		x.AddGerrit(cs, nil)
		for _, c := range cs {
			if len(c.ChangeID) != 41 || c.ChangeID[0] != 'I' {
				t.Fatalf("accepted Change-Id %q", c.ChangeID)
			}
			for i := 1; i < len(c.Labels); i++ {
				if c.Labels[i-1].Name > c.Labels[i].Name {
					t.Fatalf("labels not sorted: %+v", c.Labels)
				}
			}
			for _, v := range x.VotesFor("", c.ChangeID, nil) {
				if v.ChangeID != c.ChangeID || v.Approve == v.Veto {
					t.Fatalf("bad vote %+v for %s", v, c.ChangeID)
				}
			}
		}
	})
}
