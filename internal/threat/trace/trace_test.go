package trace

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/testresult"
	"github.com/assure-dev/assure/internal/threat"
)

const goJSON = `{"Time":"2026-01-01T00:00:10Z","Action":"start","Package":"example.com/fw/ota"}
{"Time":"2026-01-01T00:00:10Z","Action":"run","Package":"example.com/fw/ota","Test":"TestSigned"}
{"Time":"2026-01-01T00:00:10Z","Action":"pass","Package":"example.com/fw/ota","Test":"TestSigned","Elapsed":0.01}
{"Time":"2026-01-01T00:00:10Z","Action":"run","Package":"example.com/fw/ota","Test":"TestRollback"}
{"Time":"2026-01-01T00:00:10Z","Action":"output","Package":"example.com/fw/ota","Test":"TestRollback","Output":"    ota_test.go:9: older image accepted\n"}
{"Time":"2026-01-01T00:00:10Z","Action":"fail","Package":"example.com/fw/ota","Test":"TestRollback","Elapsed":0.01}
{"Time":"2026-01-01T00:00:10Z","Action":"run","Package":"example.com/fw/ota","Test":"TestBoard"}
{"Time":"2026-01-01T00:00:10Z","Action":"output","Package":"example.com/fw/ota","Test":"TestBoard","Output":"    ota_test.go:12: needs the board\n"}
{"Time":"2026-01-01T00:00:10Z","Action":"skip","Package":"example.com/fw/ota","Test":"TestBoard","Elapsed":0}
{"Time":"2026-01-01T00:00:10Z","Action":"run","Package":"example.com/fw/ota","Test":"FuzzManifest"}
{"Time":"2026-01-01T00:00:10Z","Action":"pass","Package":"example.com/fw/ota","Test":"FuzzManifest","Elapsed":0}
{"Time":"2026-01-01T00:00:10Z","Action":"fail","Package":"example.com/fw/ota","Elapsed":0.02}
{"Time":"2026-01-01T00:00:10Z","Action":"start","Package":"example.com/fw/radio"}
{"Time":"2026-01-01T00:00:10Z","Action":"fail","Package":"example.com/fw/radio","Elapsed":0,"FailedBuild":"example.com/fw/radio [example.com/fw/radio.test]"}
`

const junitXML = `<testsuites><testsuite name="pytest" timestamp="2026-01-01T00:00:20"><testcase classname="tests.test_keys" name="test_store" time="0.1"/></testsuite></testsuites>`

// repo makes a git repository with one commit at a fixed time and
// returns its root and HEAD.
func repo(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	run := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
			"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com",
			"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q")
	write(t, dir, ".gitignore", "results/\n")
	write(t, dir, "ota.c", "int main(void) { return 0; }\n")
	run("add", "-A")
	run("commit", "-q", "-m", "first")
	return dir, run("rev-parse", "HEAD")
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCollectBinding(t *testing.T) {
	ctx := context.Background()
	headTime := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		setup     func(t *testing.T, dir, head string)
		freshness string
		fresh     bool
		binding   string
		reason    string
	}{
		{"unbound", func(t *testing.T, dir, head string) { write(t, dir, "results/go.json", goJSON) },
			"", false, "", "not bound to a commit"},
		{"stamped", func(t *testing.T, dir, head string) {
			write(t, dir, "results/go.json", goJSON)
			if _, err := Record(ctx, dir, []ResultFile{{Path: "results/go.json", Format: testresult.GoTestJSON}}); err != nil {
				t.Fatal(err)
			}
		}, "", true, "stamp", ""},
		{"changed after stamping", func(t *testing.T, dir, head string) {
			write(t, dir, "results/go.json", goJSON)
			if _, err := Record(ctx, dir, []ResultFile{{Path: "results/go.json", Format: testresult.GoTestJSON}}); err != nil {
				t.Fatal(err)
			}
			write(t, dir, "results/go.json", strings.Replace(goJSON, `"fail","Package":"example.com/fw/ota","Test":"TestRollback"`, `"pass","Package":"example.com/fw/ota","Test":"TestRollback"`, 1))
		}, "", false, "stamp", "the file changed after it was recorded"},
		{"stamped on a dirty tree", func(t *testing.T, dir, head string) {
			write(t, dir, "results/go.json", goJSON)
			write(t, dir, "ota.c", "int main(void) { return 1; }\n")
			if _, err := Record(ctx, dir, []ResultFile{{Path: "results/go.json", Format: testresult.GoTestJSON}}); err != nil {
				t.Fatal(err)
			}
		}, "", false, "stamp", "uncommitted changes (ota.c)"},
		{"stamped for another commit", func(t *testing.T, dir, head string) {
			write(t, dir, "results/go.json", goJSON)
			write(t, dir, "results/go.json.stamp.json", `{"commit":"1111111111111111111111111111111111111111","sha256":"00"}`)
		}, "", false, "stamp", "recorded for commit 111111111111"},
		{"path names head", func(t *testing.T, dir, head string) { write(t, dir, "results/"+head+"/go.json", goJSON) },
			"", true, "path", ""},
		{"path names another commit", func(t *testing.T, dir, head string) {
			write(t, dir, "results/2222222222222222222222222222222222222222/go.json", "not even read")
		}, "", false, "path", "results of commit 222222222222"},
		{"run time after commit", func(t *testing.T, dir, head string) { write(t, dir, "results/go.json", goJSON) },
			FreshRunTime, true, "run-time", ""},
		{"run time before commit", func(t *testing.T, dir, head string) {
			write(t, dir, "results/go.json", strings.ReplaceAll(goJSON, "2026-01-01T00:00:10Z", "2025-12-31T23:59:00Z"))
		}, FreshRunTime, false, "run-time", "before commit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, head := repo(t)
			tt.setup(t, dir, head)
			ev, err := Collect(ctx, Options{Root: dir, Head: head, HeadTime: headTime, GoTestJSON: []string{"results/**/*.json"}, Freshness: tt.freshness})
			if err != nil {
				t.Fatal(err)
			}
			if len(ev.Files) != 1 {
				t.Fatalf("files %+v", ev.Files)
			}
			f := ev.Files[0]
			if f.Fresh != tt.fresh || f.Binding != tt.binding || !strings.Contains(f.Reason, tt.reason) || (tt.reason == "") != (f.Reason == "") {
				t.Errorf("got fresh %v binding %q reason %q; want %v %q %q", f.Fresh, f.Binding, f.Reason, tt.fresh, tt.binding, tt.reason)
			}
			if tt.fresh && len(ev.Fresh.Results) == 0 {
				t.Error("fresh file gave no fresh results")
			}
		})
	}
}

func TestCollectBadFile(t *testing.T) {
	dir, head := repo(t)
	write(t, dir, "results/go.json", goJSON[:len(goJSON)/2])
	_, err := Collect(context.Background(), Options{Root: dir, Head: head, GoTestJSON: []string{"results/*.json"}})
	if err == nil || !strings.HasPrefix(err.Error(), "results/go.json:") {
		t.Fatalf("got %v, want an error naming results/go.json:LINE", err)
	}
	// Record refuses to stamp it too.
	_, err = Record(context.Background(), dir, []ResultFile{{Path: "results/go.json", Format: testresult.GoTestJSON}})
	if err == nil {
		t.Fatal("a cut file was stamped")
	}
}

func cm(id string, refs ...threat.TestRef) threat.Countermeasure {
	return threat.Countermeasure{ID: id, Title: id, Tests: refs}
}

func TestBuild(t *testing.T) {
	dir, head := repo(t)
	write(t, dir, "results/"+head+"/go.json", goJSON)
	write(t, dir, "results/"+head+"/pytest.xml", junitXML)
	write(t, dir, "results/old/go.json", strings.ReplaceAll(goJSON, "TestSigned", "TestOld"))
	ev, err := Collect(context.Background(), Options{Root: dir, Head: head, GoTestJSON: []string{"results/**/*.json"}, JUnit: []string{"results/**/*.xml"}})
	if err != nil {
		t.Fatal(err)
	}
	m := &threat.Model{Countermeasures: []threat.Countermeasure{
		cm("cm-signed", threat.TestRef{Go: "TestSigned", Package: "fw/ota"}, threat.TestRef{JUnit: "test_keys.test_store"}, threat.TestRef{Fuzz: "FuzzManifest"}),
		cm("cm-rollback", threat.TestRef{Go: "ota.TestRollback"}),
		cm("cm-board", threat.TestRef{Go: "TestBoard"}),
		cm("cm-gone", threat.TestRef{Go: "TestDeleted"}),
		cm("cm-radio", threat.TestRef{Go: "radio.TestFrame"}),
		cm("cm-old", threat.TestRef{Go: "TestOld"}),
		cm("cm-none"),
		cm("cm-wrong-kind", threat.TestRef{JUnit: "TestSigned"}),
	}}
	m.Reindex()
	mitigated := func(id string, cms ...string) threat.Threat {
		return threat.Threat{ID: id, Title: id, Assets: []string{"fw-image", "keys"}, Treatment: threat.Treatment{Status: threat.Mitigated, Countermeasures: cms}}
	}
	a := &threat.Analysis{Model: m, Threats: []threat.Threat{
		mitigated("t-signed", "cm-signed"),
		mitigated("t-rollback", "cm-rollback", "cm-signed"),
		mitigated("t-board", "cm-board"),
		mitigated("t-gone", "cm-gone"),
		mitigated("t-radio", "cm-radio"),
		mitigated("t-old", "cm-old"),
		mitigated("t-none", "cm-none"),
		mitigated("t-kind", "cm-wrong-kind"),
		{ID: "t-open", Treatment: threat.Treatment{Status: threat.Open}},
	}}
	mx := Build(a, ev)
	got := map[string]ThreatRow{}
	for _, r := range mx.Threats {
		got[r.ID] = r
	}
	tests := []struct {
		threat string
		proven bool
		states []State
		detail string
	}{
		{"t-signed", true, []State{Passed, Passed, Passed}, ""},
		{"t-rollback", false, []State{Failed, Passed, Passed, Passed}, "older image accepted"},
		{"t-board", false, []State{Skipped}, "needs the board"},
		{"t-gone", false, []State{Missing}, ""},
		{"t-radio", false, []State{Missing}, "package example.com/fw/radio: build failed"},
		{"t-old", false, []State{Stale}, "not bound to a commit"},
		{"t-none", false, nil, ""},
		{"t-kind", false, []State{Missing}, ""},
		{"t-open", false, nil, ""},
	}
	for _, tt := range tests {
		r := got[tt.threat]
		var states []State
		detail := ""
		for _, c := range r.Countermeasures {
			for _, tr := range c.Tests {
				states = append(states, tr.State)
				if detail == "" {
					detail = tr.Detail
				}
			}
		}
		if r.Proven != tt.proven || strings.Join(stateStrings(states), ",") != strings.Join(stateStrings(tt.states), ",") || !strings.Contains(detail, tt.detail) {
			t.Errorf("%s: proven %v states %v detail %q; want %v %v %q", tt.threat, r.Proven, states, detail, tt.proven, tt.states, tt.detail)
		}
	}
	if r := got["t-signed"].Countermeasures[0].Tests[0]; r.Commit != head || len(r.Results) != 1 || !strings.HasPrefix(r.Results[0], "results/"+head+"/go.json:") {
		t.Errorf("t-signed evidence %+v", r)
	}
	if mx.Threats[0].ID != "t-board" {
		t.Errorf("threats not sorted: %s first", mx.Threats[0].ID)
	}
}

func stateStrings(ss []State) []string {
	var out []string
	for _, s := range ss {
		out = append(out, string(s))
	}
	return out
}
