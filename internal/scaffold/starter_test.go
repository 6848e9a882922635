package scaffold

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// loadStarter writes StarterModel(opts) as security/assure.yaml of a new
// repository and loads it with the real loader.
func loadStarter(t testing.TB, opts Options) *model.Model {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "security", "assure.yaml")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	src := StarterModel(opts)
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := model.Load(dir, model.DefaultPath)
	if err != nil {
		t.Fatalf("starter model does not load:\n%v\n--- model ---\n%s", err, src)
	}
	return m
}

func TestStarterModelValidates(t *testing.T) {
	tests := []struct {
		name     string
		opts     Options
		kind     string
		repo     string
		projName string
	}{
		{"zero options", Options{}, "none", "", "my-project"},
		{"github from https URL", Options{ProjectName: "Zephyr", Repository: "https://github.com/zephyrproject-rtos/zephyr.git", TrackerKind: "github"}, "github", "zephyrproject-rtos/zephyr", "Zephyr"},
		{"github from ssh URL", Options{Repository: "git@github.com:o/r.git", TrackerKind: "github"}, "github", "o/r", "my-project"},
		{"github without URL", Options{TrackerKind: "github"}, "github", "", "my-project"},
		{"jira", Options{TrackerKind: "jira"}, "jira", "", "my-project"},
		{"file", Options{TrackerKind: "file"}, "file", "", "my-project"},
		{"server", Options{TrackerKind: "server"}, "server", "", "my-project"},
		{"unknown kind", Options{TrackerKind: "gitlab"}, "none", "", "my-project"},
		{"awkward name", Options{ProjectName: "yes: \"#1\"\nnext line"}, "none", "", "yes: \"#1\"\nnext line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := loadStarter(t, tt.opts)
			if m.Project.Tracker.Kind != tt.kind || m.Project.Tracker.Repo != tt.repo || m.Project.Name != tt.projName {
				t.Errorf("tracker %+v, name %q", m.Project.Tracker, m.Project.Name)
			}
			if len(m.People) != 0 || len(m.Modules) != 0 {
				t.Errorf("starter has people or modules: %v %v", m.People, m.Modules)
			}
			// The written policy must equal the defaults: the starter
			// documents them, it does not change them.
			if cr := m.CodeReview(); !reflect.DeepEqual(cr, (&model.Model{}).CodeReview()) {
				t.Errorf("code review %+v differs from the defaults", cr)
			}
			if cm := m.ChangeManagement(); !reflect.DeepEqual(cm, (&model.Model{}).ChangeManagement()) {
				t.Errorf("change management %+v differs from the defaults", cm)
			}
		})
	}
}

func TestStarterModelRoundTrip(t *testing.T) {
	people := []model.Person{
		{ID: "alice", Name: "Alice O'Hara", Emails: []string{"alice@example.com"}, GitHub: "alice", Gerrit: "aoh", Roles: []string{"maintainer", "security-architect"}},
		{ID: "57300", Name: "57300", GitHub: "57300", Roles: []string{"contributor"}},
		{ID: "true", Name: "null", Emails: []string{"#x@example.com"}},
	}
	modules := []model.Module{
		{ID: "crypto", Name: "Crypto: core", Paths: []string{"subsys/crypto/**", "dts/bindings/*/ambiq,*", "release notes/**"},
			SecurityRelevant: true, SecurityArchitect: "alice", Maintainers: []string{"alice", "57300"}, ArchitectureDoc: "doc/crypto.rst"},
		{ID: "docs", Paths: []string{"**/*.md"}},
	}
	m := loadStarter(t, Options{ProjectName: "p", People: people, Modules: modules, Source: "MAINTAINERS.yml"})
	for i := range m.People {
		m.People[i].Pos = model.Pos{}
	}
	for i := range m.Modules {
		m.Modules[i].Pos = model.Pos{}
	}
	if !reflect.DeepEqual(m.People, people) {
		t.Errorf("people:\n%+v\nwant\n%+v", m.People, people)
	}
	if !reflect.DeepEqual(m.Modules, modules) {
		t.Errorf("modules:\n%+v\nwant\n%+v", m.Modules, modules)
	}
}

func TestStarterModelExplainsEveryKey(t *testing.T) {
	src := string(StarterModel(Options{}))
	var schema func(v any)
	keys := map[string]bool{}
	schema = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for k := range props {
					keys[k] = true
				}
			}
			for _, c := range v {
				schema(c)
			}
		case []any:
			for _, c := range v {
				schema(c)
			}
		}
	}
	doc, err := model.ParseDocument("schema.json", model.Schema)
	if err != nil {
		t.Fatal(err)
	}
	schema(doc.Value)
	if len(keys) < 30 {
		t.Fatalf("found only %d keys in the schema", len(keys))
	}
	for k := range keys {
		if !strings.Contains(src, k) {
			t.Errorf("starter model never mentions %q", k)
		}
	}
}

func TestStarterModelGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/MAINTAINERS.yml")
	if err != nil {
		t.Fatal(err)
	}
	people, modules, err := ProposeFromMaintainers(data)
	if err != nil {
		t.Fatal(err)
	}
	got := StarterModel(Options{ProjectName: "Zephyr", Repository: "https://github.com/zephyrproject-rtos/zephyr",
		TrackerKind: "github", People: people, Modules: modules, Source: MaintainersFile})
	golden := filepath.Join("testdata", "starter.golden.yaml")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("StarterModel differs from %s; run go test -update and review the diff", golden)
	}
}
