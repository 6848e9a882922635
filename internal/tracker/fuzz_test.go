package tracker

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func FuzzNewFile(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "file", "*"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "[", "{}", "[]", "[null]", `[{"key":"1"},{"key":"#1"}]`, `{"issues":[{"key":"P-1","fields":null}]}`,
		`[{"number":1e3}]`, `[{"id":-1}]`, `{"issues":[],"total":"x"}`, "\ufeffkey\n1\n", "key;state\n\"1\";\"a\"\n",
		"key,state\n1,\"a\nb\"\n", "key\tstate\n1\topen\n", "x\n", "key,key\n", `[{"key":"GH-0012"}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.json"
		tr, err := NewFile(name, data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is a %T, want *ParseError", err, err)
			}
			if !strings.HasPrefix(err.Error(), name+":") {
				t.Fatalf("error %q does not start with the file name", err)
			}
			return
		}
		ft := tr.(*fileTracker)
		if len(ft.index) != len(ft.issues) {
			t.Fatalf("%d keys for %d issues", len(ft.index), len(ft.issues))
		}
		// Every issue in the list can be named by its own key.
		for _, is := range ft.issues {
			got, err := tr.Resolve(t.Context(), is.Key)
			if err != nil || got != is {
				t.Fatalf("Resolve(%q) = %+v, %v; want %+v", is.Key, got, err, is)
			}
		}
	})
}

func FuzzRef(f *testing.F) {
	for _, s := range []string{
		"123", "#123", "#0", "GH-12", "gh-012", "PROJ-1", "proj-1", "o/r#5", "octocat/Hello-World#1347",
		"https://github.com/octocat/Hello-World/issues/1347", "https://github.com/octocat/Hello-World/pull/1349/files",
		"https://jira.example.com/browse/PROJ-1", "https://jira.example.com/jira/browse/PROJ-1?x=1",
		"https://assure.example.com/changes/CR-12", "http://[::1", "https://:0/", "#", "", " ", "CR 12", "../x",
		"https://github.com/octocat/Hello-World/issues/99999999999999999999",
	} {
		f.Add(s)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "file", "github_issues.json"))
	if err != nil {
		f.Fatal(err)
	}
	file, err := NewFile("github_issues.json", data)
	if err != nil {
		f.Fatal(err)
	}
	g, _ := newGitHub(GitHubConfig{Repo: "octocat/Hello-World"})
	j, _ := newJira(JiraConfig{BaseURL: "https://jira.example.com/jira", Projects: []string{"PROJ"}})
	s, _ := newServer(ServerConfig{BaseURL: "https://assure.example.com"})
	f.Fuzz(func(t *testing.T, ref string) {
		if n, err := g.number(ref); err == nil {
			v, perr := strconv.ParseInt(n, 10, 32)
			if perr != nil || v < 1 || strconv.FormatInt(v, 10) != n {
				t.Fatalf("GitHub accepted %q as issue %q", ref, n)
			}
		} else if !errors.Is(err, ErrForeign) && !errors.Is(err, ErrNotFound) {
			t.Fatalf("GitHub: %q: %v", ref, err)
		}
		if k, err := j.key(ref); err == nil {
			if !reKey.MatchString(k) || k != strings.ToUpper(k) || project(k) != "PROJ" {
				t.Fatalf("Jira accepted %q as %q", ref, k)
			}
		} else if !errors.Is(err, ErrForeign) {
			t.Fatalf("Jira: %q: %v", ref, err)
		}
		if k, err := s.key(ref); err == nil && !reServerKey.MatchString(k) {
			t.Fatalf("server accepted %q as %q", ref, k)
		}
		if is, err := file.Resolve(t.Context(), ref); err == nil && is.Key == "" {
			t.Fatalf("issue list answered %q with %+v", ref, is)
		} else if err != nil && !errors.Is(err, ErrForeign) && !errors.Is(err, ErrNotFound) {
			t.Fatalf("issue list: %q: %v", ref, err)
		}
	})
}

// FuzzAnswer feeds arbitrary answers to the decoders of the HTTP trackers.
func FuzzAnswer(f *testing.F) {
	for _, p := range []string{"github/issue_open.json", "github/pull_request.json", "github/transferred.json",
		"github/wrong_type.json", "jira/issue.json", "jira/moved.json", "jira/not_found.json", "server/change.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, false)
	}
	f.Add([]byte("<html>"), true)
	f.Add([]byte(`{"number":1347,"state":"open","repository_url":"x"}`), false)
	f.Add([]byte(`{"errorMessages":["a"],"errors":{"b":"c","a":1}}`), false)
	g, _ := newGitHub(GitHubConfig{Repo: "octocat/Hello-World"})
	j, _ := newJira(JiraConfig{BaseURL: "https://jira.example.com", Projects: []string{"PROJ"}})
	s, _ := newServer(ServerConfig{BaseURL: "https://assure.example.com"})
	f.Fuzz(func(t *testing.T, body []byte, html bool) {
		h := http.Header{}
		if html {
			h.Set("Content-Type", "text/html")
		}
		r := &response{op: "GET x", status: 200, header: h, body: body}
		check := func(who string, is Issue, err error) {
			var te *Error
			switch {
			case err == nil && (is.Key == "" || is.State == ""):
				t.Fatalf("%s: accepted %q as %+v", who, body, is)
			case err != nil && !errors.As(err, &te) && !errors.Is(err, ErrForeign):
				t.Fatalf("%s: %v is neither *Error nor ErrForeign", who, err)
			}
		}
		is, err := g.issue(r, "1347")
		check("GitHub", is, err)
		is, err = j.issue(r, "PROJ-1")
		check("Jira", is, err)
		is, err = s.change(r)
		check("server", is, err)
		if m := bodyMessage(r); strings.ContainsAny(m, "\n\r\x00") {
			t.Fatalf("bodyMessage(%q) = %q spans lines", body, m)
		}
	})
}
