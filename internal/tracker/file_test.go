package tracker

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadFile(t *testing.T, name string) Tracker {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "file", name))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewFile(name, data)
	if err != nil {
		t.Fatalf("NewFile: %v", err)
	}
	return tr
}

func TestFileResolve(t *testing.T) {
	hello := "https://github.com/octocat/Hello-World/"
	tests := []struct {
		file, ref string
		want      Issue
	}{
		// GitHub's "list repository issues" answer, pull request included.
		{"github_issues.json", "#1347", Issue{Key: "1347", State: "open", Title: "Found a bug", URL: hello + "issues/1347", Kind: "issue"}},
		{"github_issues.json", "1348", Issue{Key: "1348", State: "closed", Title: "Crash on boot", URL: hello + "issues/1348", Kind: "issue"}},
		{"github_issues.json", "GH-1349", Issue{Key: "1349", State: "open", Title: "Fix the crash on boot", URL: hello + "pull/1349", Kind: "pull_request"}},
		{"github_issues.json", hello + "pull/1348", Issue{Key: "1348", State: "closed", Title: "Crash on boot", URL: hello + "issues/1348", Kind: "issue"}},
		{"github_issues.json", hello + "issues/1347#issuecomment-1", Issue{Key: "1347", State: "open", Title: "Found a bug", URL: hello + "issues/1347", Kind: "issue"}},
		{"github_issues.json", "octocat/hello-world#1347", Issue{Key: "1347", State: "open", Title: "Found a bug", URL: hello + "issues/1347", Kind: "issue"}},
		// gh issue list --json number,state,title,url
		{"gh_cli.json", "#05", Issue{Key: "5", State: "OPEN", Title: "Found a bug", URL: hello + "issues/5", Kind: "issue"}},
		// Jira's search answer.
		{"jira_search.json", "proj-1", Issue{Key: "PROJ-1", State: "In Progress", Title: "Crash on boot with MPU enabled", URL: "https://jira.example.com/browse/PROJ-1", Kind: "Bug"}},
		{"jira_search.json", "https://jira.example.com/browse/SEC-10", Issue{Key: "SEC-10", State: "To Do", Title: "Review the TLS defaults", URL: "https://jira.example.com/browse/SEC-10", Kind: "Task"}},
		// Generic objects.
		{"generic.json", "cr-1", Issue{Key: "CR-1", State: "approved", Title: "Enable the MPU", URL: "https://cr.example.com/changes/CR-1"}},
		{"generic.json", "#17", Issue{Key: "17", State: "open", Title: "Add a stack guard"}},
		{"generic.json", "18", Issue{Key: "#18", State: "closed", Title: "Old hash", URL: "https://git.example.com/group/proj/-/issues/18", Kind: "issue"}},
		{"generic.json", "https://git.example.com/group/proj/-/issues/18", Issue{Key: "#18", State: "closed", Title: "Old hash", URL: "https://git.example.com/group/proj/-/issues/18", Kind: "issue"}},
		// CSV.
		{"issues.csv", "1348", Issue{Key: "1348", State: "closed", Title: "Crash on boot, with MPU", URL: hello + "issues/1348"}},
		{"issues.csv", "#1349", Issue{Key: "1349", State: "open", Title: `Fix the "crash"`, URL: hello + "pull/1349"}},
		{"jira_export.csv", "PROJ-2", Issue{Key: "PROJ-2", State: "Done", Title: "Add stack canaries, everywhere", Kind: "Story"}},
		{"jira_export.csv", "sec-10", Issue{Key: "SEC-10", State: "To Do", Title: "Review the TLS\r\ndefaults", Kind: "Task"}},
		{"semicolon.csv", "13", Issue{Key: "13", State: "closed", Title: "Zwei; drei"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.ref, func(t *testing.T) {
			got, err := loadFile(t, tt.file).Resolve(t.Context(), tt.ref)
			if err != nil {
				t.Fatal(err)
			}
			// The CSV reader folds \r\n inside quoted fields to \n.
			tt.want.Title = strings.ReplaceAll(tt.want.Title, "\r\n", "\n")
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestFileResolveFailures(t *testing.T) {
	tests := []struct {
		file, ref string
		want      error
		msg       string
	}{
		{"github_issues.json", "#1", ErrNotFound, "issue list github_issues.json: #1: no such issue"},
		{"github_issues.json", "PROJ-1347", ErrNotFound, "PROJ-1347"},
		{"github_issues.json", "", ErrNotFound, ""},
		{"github_issues.json", "octocat/Spoon-Knife#1347", ErrForeign, "is in octocat/Hello-World"},
		{"github_issues.json", "https://gitlab.com/octocat/Hello-World/issues/1347", ErrForeign, "is on github.com"},
		{"github_issues.json", "https://github.com/octocat/Hello-World/wiki", ErrForeign, "names no issue"},
		{"github_issues.json", "https://github.com:notaport/x/issues/1", ErrForeign, "not a valid URL"},
		{"jira_search.json", "https://jira.other.com/browse/PROJ-1", ErrForeign, "is on jira.example.com"},
		{"jira_search.json", "PROJ-3", ErrNotFound, "PROJ-3"},
		{"generic.json", "https://git.other.com/group/proj/-/issues/18", ErrForeign, "on git.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.ref, func(t *testing.T) {
			_, err := loadFile(t, tt.file).Resolve(t.Context(), tt.ref)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q, want it to contain %q", err, tt.msg)
			}
		})
	}
}

// Without URLs the list cannot tell repositories apart, so it matches by
// number; it does not invent a mismatch.
func TestFileWithoutURLs(t *testing.T) {
	tr, err := NewFile("x.csv", []byte("id,status\n5,open\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"other/repo#5", "https://example.com/a/b/issues/5"} {
		if _, err := tr.Resolve(t.Context(), ref); err != nil {
			t.Errorf("%s: %v", ref, err)
		}
	}
	if got := tr.Name(); got != "issue list x.csv" {
		t.Errorf("Name() = %q", got)
	}
}

func TestNewFileErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       string // the whole message up to the hint
	}{
		{"x.json", "", "x.json: the issue list is empty"},
		{"x.json", " \n\t", "x.json: the issue list is empty"},
		{"x.json", "[\n  {\"key\": \"1\",}\n]", "x.json:2:15: invalid character '}' looking for beginning of object key string"},
		{"x.json", "[\n  {\"key\": \"1\"}", "x.json:2:15: unexpected end of JSON input"},
		{"x.json", "[] []", "x.json:1:4: invalid character '[' after top-level value"},
		{"x.json", "[{\"key\": \"1\", \"state\": \"open\"},\n {\"key\": \"2\", \"state\": 3}]", "x.json:2:24: [1].state: want a string, got a number"},
		{"x.json", "[\n  \"PROJ-1\"\n]", "x.json:2:3: [0]: want an object for each issue, got a string"},
		{"x.json", "[{\"state\": \"open\"}]", "x.json:1:2: [0]: issue without a key"},
		{"x.json", "[{\"key\": \"PROJ-1\"},\n{\"key\": \"proj-1\"}]", "x.json:2:1: [1]: key proj-1 appears again (first on line 1)"},
		{"x.json", "[{\"key\": \"a b\"}]", `x.json:1:2: [0]: key "a b" is not one word of letters, digits, ".", "_" and "-"`},
		{"x.json", "[{\"id\": 1.5}]", "x.json:1:9: [0].id: want a whole number, got 1.5"},
		{"x.json", "[{\"id\": true}]", "x.json:1:9: [0].id: want a string or a whole number, got a boolean"},
		{"x.json", "[{\"number\": 0, \"state\": \"open\"}]", "x.json:1:13: [0].number: want a positive whole number"},
		{"x.json", "[{\"number\": \"7\"}]", "x.json:1:13: [0].number: want a positive whole number"},
		{"x.json", "[{\"number\": 7, \"pull_request\": {}, \"title\": []}]", "x.json:1:45: [0].title: want a string, got an array"},
		{"x.json", "{\"total\": 1}", `x.json:1:1: want an array of issues or a search response {"issues": [...]}`},
		{"x.json", "{\"issues\": {}}", "x.json:1:12: issues: want an array of issues, got an object"},
		{"x.json", "{\"issues\": [{\"key\": \"P-1\", \"fields\": {\"status\": \"Done\"}}]}", "x.json:1:49: issues[0].fields.status: want an object, got a string"},
		{"x.json", "{\"issues\": [{\"key\": \"P-1\", \"fields\": {\"status\": {\"name\": 1}}}]}", "x.json:1:58: issues[0].fields.status.name: want a string, got a number"},
		{"x.json", "{\"issues\": [{\"key\": 1, \"fields\": {}}]}", "x.json:1:21: issues[0].key: want a string, got a number"},
		{"x.json", "{\"startAt\": 0, \"total\": 2, \"issues\": [{\"key\": \"P-1\", \"fields\": {}}]}", "x.json:1:25: total: the search response holds 1 issues from 0 of 2"},
		{"x.json", "{\"isLast\": false, \"issues\": []}", "x.json:1:12: isLast: the search response is one page of several"},
		{"x.json", "{\"total_count\": 1, \"incomplete_results\": true, \"items\": []}", "x.json:1:42: incomplete_results: GitHub says the search results are incomplete"},
		{"x.csv", "title,state\nA,open\n", "x.csv:1: the header names no key column (it has: title, state)"},
		{"x.csv", "key,state\n1,open\n2,open,extra\n", "x.csv:3: row has 3 fields, the header has 2"},
		{"x.csv", "key,state\n1,open\n\"2,open\n", "x.csv:3:9: extraneous or missing \" in quoted-field"},
		{"x.csv", "key,state\n1,op\"en\n", "x.csv:2:5: bare \" in non-quoted-field"},
		{"x.csv", "key,state\n#12,open\n12,closed\n", "x.csv:3: key 12 appears again (first on line 2)"},
		{"x.csv", "key,state\n,open\n", "x.csv:2: issue without a key"},
		{"x.csv", "key\nhttps://example.com/issues/1\n", `x.csv:2: key "https://example.com/issues/1" is not one word of letters, digits, ".", "_" and "-"`},
		{"x.csv", "key\no/r#1\n", `x.csv:2: key "o/r#1" is not one word of letters, digits, ".", "_" and "-"`},
		{"x.csv", "Key,Status,status\n1,a,b\n", `x.csv:1: column "Status" appears 2 times`},
		{"x.csv", "key\n\"a\nb\"\n", `x.csv:2: key "a\nb" is not one word of letters, digits, ".", "_" and "-"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			tr, err := NewFile(tt.name, []byte(tt.data))
			if err == nil {
				t.Fatalf("no error; tracker %v", tr)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is a %T, want *ParseError", err, err)
			}
			got := err.Error()
			if pe.Hint != "" {
				got = strings.TrimSuffix(got, " ("+pe.Hint+")")
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// Blank rows, a byte-order mark and an empty array are not errors.
func TestNewFileTolerates(t *testing.T) {
	for _, data := range []string{"[]", "\ufeff[]", "key,state\n", "key,state\n,\n1,open\n ,  \n", "{\"issues\": []}"} {
		if _, err := NewFile("x", []byte(data)); err != nil {
			t.Errorf("%q: %v", data, err)
		}
	}
}

func TestParseErrorFormat(t *testing.T) {
	tests := []struct {
		e    ParseError
		want string
	}{
		{ParseError{File: "f", Msg: "m"}, "f: m"},
		{ParseError{File: "f", Line: 2, Msg: "m", Hint: "h"}, "f:2: m (h)"},
		{ParseError{File: "f", Line: 2, Column: 3, Path: "[0].a", Msg: "m"}, "f:2:3: [0].a: m"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// Every content error says what to do.
func TestNewFileErrorsHaveHints(t *testing.T) {
	for _, data := range []string{"", "[1]", `[{"state": 1, "key": "1"}]`, "{\"issues\": 1}", "{\"a\": 1}", "[", "title\nx\n", "key\n1\n1\n", "key,a\n1\n", "key\n\"\n"} {
		_, err := NewFile("x", []byte(data))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Hint == "" {
			t.Errorf("%q: %v has no hint", data, err)
		}
	}
}

// One page of a paged Jira search would make the other pages' issues look
// missing; it is refused up front.
func TestNewFileOnePage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "file", "jira_search_page.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewFile("page.json", data)
	if err == nil || !strings.HasPrefix(err.Error(), "page.json:5:12: total: the search response holds 3 issues from 0 of 120 (export every page") {
		t.Fatalf("error %v", err)
	}
}
