package tracker

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "ci"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "ci", "issues.csv"), []byte("key,state\n5,open\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind string
		opts Options
		name string // Name() of the tracker, or
		err  string // the error
		hint string
	}{
		{kind: "", name: "no tracker (references checked only for form)"},
		{kind: " None ", name: "no tracker (references checked only for form)"},
		{kind: "file", opts: Options{Root: root, File: "ci/issues.csv"}, name: "issue list ci/issues.csv"},
		{kind: "file", opts: Options{File: filepath.Join(root, "ci", "issues.csv")}, name: "issue list " + filepath.Join(root, "ci", "issues.csv")},
		{kind: "file", opts: Options{Root: root}, err: "tracker.file is empty", hint: "set tracker.file"},
		{kind: "file", opts: Options{Root: root, File: "missing.json"}, err: "no such file or directory", hint: "export the issue list to missing.json"},
		{kind: "github", opts: Options{Repo: "zephyrproject-rtos/zephyr"}, name: "GitHub zephyrproject-rtos/zephyr"},
		{kind: "GitHub", opts: Options{}, err: "tracker.repo is empty", hint: "owner/name"},
		{kind: "github", opts: Options{Repo: "zephyr"}, err: "is not owner/name", hint: "tracker.repo"},
		{kind: "jira", opts: Options{URL: "https://jira.example.com/", Projects: []string{"ZEP"}}, name: "Jira jira.example.com"},
		{kind: "jira", opts: Options{}, err: "tracker.url is empty", hint: "tracker.url"},
		{kind: "jira", opts: Options{URL: "https://jira.example.com", Projects: []string{"z p"}}, err: "not a Jira project key"},
		{kind: "server", opts: Options{URL: "https://assure.example.com/base"}, name: "assure server assure.example.com/base"},
		{kind: "server", opts: Options{}, err: "tracker.url is empty"},
		{kind: "gitlab", err: `unknown tracker kind "gitlab"`, hint: "none, file, github, jira, server"},
	}
	for _, tt := range tests {
		t.Run(tt.kind+" "+tt.name+tt.err, func(t *testing.T) {
			tr, err := New(tt.kind, tt.opts)
			if tt.err != "" {
				var te *Error
				if !errors.As(err, &te) {
					t.Fatalf("error %v (%T), want *Error", err, err)
				}
				if !strings.Contains(err.Error(), tt.err) || !strings.Contains(te.Hint, tt.hint) {
					t.Errorf("error %q, want %q with hint %q", err, tt.err, tt.hint)
				}
				if tr != nil {
					t.Errorf("tracker %v with an error", tr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tr.Name() != tt.name {
				t.Errorf("Name() = %q, want %q", tr.Name(), tt.name)
			}
		})
	}
}

func TestNewFileParseErrorPassesThrough(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "issues.json"), []byte("[1]"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New("file", Options{Root: root, File: "issues.json"})
	var pe *ParseError
	if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "issues.json:1:2: [0]:") {
		t.Fatalf("error %v, want a *ParseError at issues.json:1:2", err)
	}
}

func TestFormOnly(t *testing.T) {
	is, err := FormOnly{}.Resolve(t.Context(), " PROJ-7 ")
	if err != nil || is != (Issue{Key: "PROJ-7"}) {
		t.Errorf("got %+v, %v", is, err)
	}
}
