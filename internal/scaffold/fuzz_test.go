package scaffold

import (
	"os"
	"strings"
	"testing"
)

// checkProposal holds every proposal parser to the same contract: an error
// is one diagnostic naming the file, and a success is a valid model.
func checkProposal(t *testing.T, file string, err error, opts func() Options) {
	t.Helper()
	if err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, file+":") || strings.Contains(msg, "\n") {
			t.Fatalf("error is not one line naming %s: %q", file, msg)
		}
		return
	}
	loadStarter(t, opts())
}

func FuzzProposeFromMaintainers(f *testing.F) {
	if data, err := os.ReadFile("testdata/MAINTAINERS.yml"); err == nil {
		f.Add(string(data))
	}
	for _, s := range []string{
		"", "- a", "A: x", "A:\n  files: [a/, 'b/[']\n",
		"A:\n  maintainers: ['57300', '@x']\n  collaborators: x\n  files: [/, ./a/, '**']\n",
		"A: &a\n  files: [x]\nB: *a\n",
		"'': {files: [x]}\n'!!': {files: [y]}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		people, modules, err := ProposeFromMaintainers([]byte(src))
		checkProposal(t, MaintainersFile, err, func() Options {
			return Options{ProjectName: src, People: people, Modules: modules, Source: MaintainersFile}
		})
	})
}

func FuzzProposeFromCodeowners(f *testing.F) {
	if data, err := os.ReadFile("testdata/CODEOWNERS"); err == nil {
		f.Add(string(data))
	}
	for _, s := range []string{
		"", "*", "* @a", "!x @a", "a\\ b/ a@b", "[S] @x\n/x/ @a @o/t # c\n",
		"/ @a\n** @b\n.git @A\n", "*.c a@b A@B\n*.h @a\n*.c @b\n", "x{a,b}/ @a\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		people, modules, err := ProposeFromCodeowners([]byte(src))
		checkProposal(t, CodeownersFile, err, func() Options {
			return Options{Repository: src, People: people, Modules: modules, Source: CodeownersFile}
		})
	})
}
