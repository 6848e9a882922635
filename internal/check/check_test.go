package check

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
	"github.com/assure-dev/assure/internal/process"
)

// Every requirement a check declares, and every one a finding names, is in
// the process catalog and automated there; every automated requirement has
// a check.
func TestRequirementsInCatalog(t *testing.T) {
	cat := process.Load()
	if cat.Len() == 0 {
		_, err := process.Embedded()
		t.Fatalf("the embedded catalog is empty: %v", err)
	}
	for _, c := range All() {
		if len(c.Requirements()) == 0 {
			t.Errorf("check %s declares no requirement", c.ID())
		}
		for _, id := range c.Requirements() {
			if r, ok := cat.Get(id); !ok {
				t.Errorf("check %s declares %s, which is not in the catalog", c.ID(), id)
			} else if r.Method != process.Automated {
				t.Errorf("check %s declares %s, which the catalog lists as %s", c.ID(), id, r.Method)
			}
		}
	}
	if err := cat.Validate(Requirements()); err != nil {
		t.Error(err)
	}
	for _, id := range []string{ReqCommitReference, ReqDenyUnreferenced, ReqReviewBeforeCheckIn, ReqIndependentReview,
		ReqSecurityReviewOnChange, ReqAutomatedPrecommit, ReqModuleArchitect, ReqModuleArchitectureDoc} {
		if _, ok := cat.Get(id); !ok {
			t.Errorf("requirement constant %s is not in the catalog", id)
		}
	}
}

func TestIDs(t *testing.T) {
	ids := IDs()
	if !sort.StringsAreSorted(ids) {
		t.Errorf("IDs() = %v, not sorted", ids)
	}
	want := []string{"architecture", "change-management", "code-review", "complexity", "kconfig-defaults", "kconfig-hardening", "kconfig-hygiene", "kconfig-stack-protection", "kconfig-thread-separation", "kconfig-unused", "static-analysis", "threat-freshness", "threat-model", "threat-tests", "threat-treatment"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("IDs() = %v, want %v", ids, want)
	}
	seen := map[string]bool{}
	for _, c := range All() {
		if seen[c.ID()] || c.Title() == "" {
			t.Errorf("check %q: duplicate id or empty title", c.ID())
		}
		seen[c.ID()] = true
	}
}

// Finding IDs are fingerprints: the same in every run, different for
// different rules on one commit and for one rule on different commits, and
// every finding's requirements belong to its check.
func TestFindingIDsStable(t *testing.T) {
	r := newRepo(t, modelYAML("", ""))
	r.commit(bob, "Unreferenced self-approved\n\nReviewed-by: "+bob.String(), "crypto/aes.c")
	r.commit(bob, "Another\n\nno reference")
	run := func() []finding.Finding {
		var fs []finding.Finding
		for _, c := range All() {
			fs = append(fs, r.run(c).Findings...)
		}
		finding.Sort(fs)
		return fs
	}
	first, second := run(), run()
	if !reflect.DeepEqual(first, second) {
		t.Fatalf("two runs differ:\n%+v\n%+v", first, second)
	}
	reqs := Requirements()
	ids := map[string]string{}
	for _, f := range first {
		if prev, dup := ids[f.ID]; dup {
			t.Errorf("ID %s of %s is also the ID of %s", f.ID, f.Rule, prev)
		}
		ids[f.ID] = f.Rule + " " + f.Location.Commit
		for _, req := range f.Requirements {
			if !contains(reqs[f.Check], req) {
				t.Errorf("finding %s names %s, which check %s does not declare", f.Rule, req, f.Check)
			}
		}
	}
	rules := map[string]bool{}
	for _, f := range first {
		rules[f.Rule] = true
	}
	for _, want := range []string{RuleMissingReference, RuleSelfApproval, RuleSecurityArchitect, RuleInsufficientApprovals} {
		if !rules[want] {
			t.Errorf("no %s finding among %d; the test no longer covers it", want, len(first))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSecurityArchitects(t *testing.T) {
	tests := []struct {
		name   string
		remove string // a document to delete
		edit   func(string) string
		want   []string // "rule severity module"
	}{
		{name: "every document exists"},
		{name: "document missing", remove: "docs/net.md", want: []string{"architecture/doc-missing error net"}},
		{
			name: "document undeclared",
			edit: func(s string) string {
				return strings.Replace(s, "    architecture_doc: docs/index.md\n", "", 1)
			},
			want: []string{"architecture/doc-undeclared error docs"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			y := modelYAML("", "")
			if tc.edit != nil {
				y = tc.edit(y)
			}
			r := newRepo(t, y)
			if tc.remove != "" {
				if err := os.Remove(filepath.Join(r.dir, tc.remove)); err != nil {
					t.Fatal(err)
				}
			}
			out := r.run(SecurityArchitects{})
			var got []string
			for _, f := range out.Findings {
				mod := strings.Fields(strings.TrimPrefix(f.Message, "module "))[0]
				mod = strings.TrimSuffix(mod, ":")
				got = append(got, f.Rule+" "+string(f.Severity)+" "+mod)
				if f.Location.File != "security/assure.yaml" || f.Location.Line == 0 || f.ID != finding.Fingerprint(f.Rule, mod) {
					t.Errorf("finding %+v: want it at the module in the model", f)
				}
			}
			if !sameLines(got, tc.want) {
				t.Errorf("findings %q, want %q", got, tc.want)
			}
			if want := "3 modules, 2 security relevant"; !strings.Contains(out.Summary, want) {
				t.Errorf("summary %q, want %q", out.Summary, want)
			}
		})
	}
}
