package scaffold

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

// brief renders people and modules compactly for comparison.
func briefPeople(ps []model.Person) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID+" name="+p.Name+" github="+p.GitHub+" emails="+strings.Join(p.Emails, ",")+" roles="+strings.Join(p.Roles, ","))
	}
	return out
}

func briefModules(ms []model.Module) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.ID+" name="+m.Name+" paths="+strings.Join(m.Paths, ",")+" maintainers="+strings.Join(m.Maintainers, ",")+
			" relevant="+map[bool]string{true: "yes", false: "no"}[m.SecurityRelevant])
	}
	return out
}

func TestProposeFromMaintainers(t *testing.T) {
	data, err := os.ReadFile("testdata/MAINTAINERS.yml")
	if err != nil {
		t.Fatal(err)
	}
	people, modules, err := ProposeFromMaintainers(data)
	if err != nil {
		t.Fatal(err)
	}
	wantPeople := []string{
		"57300 name=57300 github=57300 emails= roles=contributor",
		"ceolin name=ceolin github=ceolin emails= roles=maintainer",
		"ithinuel name=ithinuel github=ithinuel emails= roles=maintainer",
		"kartben name=kartben github=kartben emails= roles=maintainer",
		"nashif name=nashif github=nashif emails= roles=maintainer",
		"tejlmand name=tejlmand github=tejlmand emails= roles=maintainer",
		"ycsin name=ycsin github=ycsin emails= roles=maintainer",
	}
	if got := briefPeople(people); !reflect.DeepEqual(got, wantPeople) {
		t.Errorf("people:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantPeople, "\n"))
	}
	wantModules := []string{
		"arm-platforms name=ARM Platforms paths=boards/arm/mps*/**,dts/arm/armv*.dtsi maintainers=ithinuel relevant=no",
		"build-system name=Build system paths=cmake/**,CMakeLists.txt maintainers=tejlmand relevant=no",
		"crypto name=Crypto paths=subsys/crypto/**,dts/bindings/*/ambiq,* maintainers=ceolin,nashif relevant=no",
		"debug-symtab name=Debug: Symtab paths=include/zephyr/debug/symtab.h,subsys/debug/symtab/** maintainers=ycsin relevant=no",
		"debug-symtab-2 name=Debug_Symtab paths=scripts/build/gen_symtab.py maintainers= relevant=no",
	}
	if got := briefModules(modules); !reflect.DeepEqual(got, wantModules) {
		t.Errorf("modules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantModules, "\n"))
	}
	loadStarter(t, Options{ProjectName: "Zephyr", People: people, Modules: modules, Source: MaintainersFile})
}

func TestProposeFromMaintainersErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "a: [\n", "MAINTAINERS.yml:1:"},
		{"not a mapping", "- a\n", "MAINTAINERS.yml:1:1: expected a mapping of area names to areas (hint: is this Zephyr's MAINTAINERS.yml?)"},
		{"area not a mapping", "A: x\n", `MAINTAINERS.yml:1:4: area "A": expected a mapping with maintainers and files`},
		{"maintainers not a list", "A:\n  maintainers: {x: 1}\n", `MAINTAINERS.yml:2:16: area "A": maintainers must be a list (hint: write one "- item" per line)`},
		{"maintainer not text", "A:\n  maintainers:\n    - [x]\n", `MAINTAINERS.yml:3:7: area "A": maintainers[0] must be text (hint: quote the value)`},
		{"bad login", "A:\n  maintainers:\n    - a b\n  files: [x]\n", `MAINTAINERS.yml:3:7: area "A": "a b" is not a GitHub login (hint: maintainers list GitHub logins)`},
		{"bad collaborator", "A:\n  collaborators: [ok, 'no!']\n", `MAINTAINERS.yml:2:23: area "A": "no!" is not a GitHub login`},
		{"bad glob", "A:\n  files:\n    - ok/\n    - 'x/[a'\n", `MAINTAINERS.yml:4:7: area "A": files entry "x/[a": path "x/[a" is not a valid glob`},
		{"escaping path", "A:\n  files: [../x/]\n", `MAINTAINERS.yml:2:11: area "A": files entry "../x/": path "../x/**" leaves the repository`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ProposeFromMaintainers([]byte(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v\nwant one line starting %s", err, tt.want)
			}
		})
	}
}

func TestProposeFromCodeowners(t *testing.T) {
	data, err := os.ReadFile("testdata/CODEOWNERS")
	if err != nil {
		t.Fatal(err)
	}
	people, modules, err := ProposeFromCodeowners(data)
	if err != nil {
		t.Fatal(err)
	}
	wantPeople := []string{
		"docs name=docs@example.com github= emails=docs@example.com roles=maintainer",
		"doctocat name=doctocat github=doctocat emails= roles=maintainer",
		"global-owner1 name=global-owner1 github=global-owner1 emails= roles=maintainer",
		"global-owner2 name=global-owner2 github=global-owner2 emails= roles=maintainer",
		"js-owner name=js-owner github=js-owner emails= roles=maintainer",
		"octocat name=octocat github=octocat emails= roles=maintainer",
	}
	if got := briefPeople(people); !reflect.DeepEqual(got, wantPeople) {
		t.Errorf("people:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantPeople, "\n"))
	}
	wantModules := []string{
		"all name=* paths=**/* maintainers=global-owner1,global-owner2 relevant=no",
		"apps name=apps/ paths=**/apps/** maintainers=octocat relevant=no",
		"build-logs name=/build/logs/ paths=build/logs/** maintainers=doctocat relevant=no",
		"docs name=docs/* paths=docs/* maintainers=docs relevant=no",
		"docs-2 name=/docs/ paths=docs/** maintainers=doctocat relevant=no",
		"go name=*.go paths=**/*.go maintainers=docs relevant=no",
		"js name=*.js paths=**/*.js maintainers=js-owner relevant=no",
		"logs name=**/logs paths=**/logs,**/logs/** maintainers=octocat relevant=no",
		"release-notes name=/release notes/ paths=release notes/** maintainers=doctocat relevant=no",
		"scripts name=/scripts/ paths=scripts/** maintainers=doctocat relevant=no",
	}
	if got := briefModules(modules); !reflect.DeepEqual(got, wantModules) {
		t.Errorf("modules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantModules, "\n"))
	}
	loadStarter(t, Options{ProjectName: "octo", People: people, Modules: modules, Source: CodeownersFile})
}

func TestCodeownersGlobs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"*", []string{"**/*"}},
		{"/", []string{"**"}},
		{"**", []string{"**"}},
		{"*.js", []string{"**/*.js"}},
		{"/docs/", []string{"docs/**"}},
		{"docs/", []string{"**/docs/**"}},
		{"docs/*", []string{"docs/*"}},
		{"docs/**/*.md", []string{"docs/**/*.md"}},
		{"/build/logs/", []string{"build/logs/**"}},
		{"Makefile", []string{"**/Makefile", "**/Makefile/**"}},
		{"/src/main.c", []string{"src/main.c"}},
		{".github", []string{"**/.github", "**/.github/**"}},
		{"/apps/github", []string{"apps/github", "apps/github/**"}},
		{"**/logs", []string{"**/logs", "**/logs/**"}},
	}
	for _, tt := range tests {
		got, err := codeownersGlobs(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("codeownersGlobs(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestProposeFromCodeownersErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"negation", "# c\n!x @a\n", `CODEOWNERS:2: negated pattern "!x" (hint: CODEOWNERS does not support !; remove the line)`},
		{"bad owner", "* @a\nsrc/ owner\n", `CODEOWNERS:2: owner "owner" is neither @user, @org/team nor an e-mail address`},
		{"bad glob", "\n\nsrc/[ @a\n", `CODEOWNERS:3: pattern "src/[": path "src/[" is not a valid glob`},
		{"escape outside", "../x @a\n", `CODEOWNERS:1: pattern "../x": path "../x" leaves the repository`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ProposeFromCodeowners([]byte(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v\nwant one line starting %s", err, tt.want)
			}
		})
	}
}

func TestWithFile(t *testing.T) {
	_, _, err := ProposeFromCodeowners([]byte("!x @a\n"))
	got := WithFile(err, ".github/CODEOWNERS").Error()
	if !strings.HasPrefix(got, ".github/CODEOWNERS:1: ") {
		t.Errorf("WithFile = %q", got)
	}
	if !strings.HasPrefix(err.Error(), "CODEOWNERS:1: ") {
		t.Errorf("WithFile changed the original error: %q", err)
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Bluetooth Host":              "bluetooth-host",
		"Debug: Symtab":               "debug-symtab",
		"C++":                         "c",
		"+++":                         "fallback",
		"  ARM64  arch ":              "arm64-arch",
		"Ünïcode Thing":               "n-code-thing",
		"x" + strings.Repeat("y", 80): "x" + strings.Repeat("y", 47),
	}
	for in, want := range tests {
		if got := slugify(in, "fallback"); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
