package kconfig

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestErrors runs testdata/errors: trees the reference rejects. Each must
// fail with one *Error whose text matches the regular expression in the
// fixture's "error" file (file:line, what, and a hint where there is one).
func TestErrors(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			fx := loadFixture(t, f)
			if !fx.hasError {
				t.Fatal("fixture has no error section")
			}
			_, err := Parse("Kconfig", Options{SrcTree: fx.dir, Env: fx.env})
			checkError(t, err, fx.wantError)
		})
	}
}

func checkError(t *testing.T, err error, pattern string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one matching %q", pattern)
	}
	var ke *Error
	if !errors.As(err, &ke) {
		t.Fatalf("error %T %v is not an *Error", err, err)
	}
	if strings.Contains(ke.Message, "internal error") {
		t.Fatalf("internal error: %v", err)
	}
	if !regexp.MustCompile(pattern).MatchString(err.Error()) {
		t.Errorf("error:\n  %s\nwant match for:\n  %s", err, pattern)
	}
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestInputErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		root  string
		want  string
	}{
		{"missing root", map[string]string{}, "Kconfig", `^Kconfig: cannot open the root Kconfig file: no such file or directory \(hint: check the path`},
		{"invalid UTF-8", map[string]string{"Kconfig": "config A\n\tbool \"\xff\"\n"}, "Kconfig", `^Kconfig:2: malformed UTF-8 in Kconfig`},
		{"invalid UTF-8 in sourced file", map[string]string{"Kconfig": "source \"b\"\n", "b": "\n\n\xc3\x28\n"}, "Kconfig", `^b:3: malformed UTF-8 in b`},
		{"source of a directory", map[string]string{"Kconfig": "source \"dir\"\n", "dir/x": ""}, "Kconfig", `^Kconfig:1: could not open '.*/dir' \(in 'source "dir"'\): is a directory`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			_, err := Parse(tt.root, Options{SrcTree: dir})
			checkError(t, err, tt.want)
		})
	}
}

func TestConfigErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": "config A\n\tbool \"a\"\n"})
	kc, err := Parse("Kconfig", Options{SrcTree: dir})
	if err != nil {
		t.Fatal(err)
	}
	checkError(t, kc.LoadConfig(filepath.Join(dir, "nope"), true), `nope: cannot read configuration: no such file or directory \(hint: check the path`)
	checkError(t, kc.ReadConfig(".config", []byte("CONFIG_A=y\n# \xff\n"), true), `^\.config:2: malformed UTF-8 in configuration file`)
}

// TestShellAllowed runs $(shell,...) when allowed, with only the given
// environment, and turns newlines into spaces.
func TestShellAllowed(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": `V := $(shell,printf 'a\nb\n'; echo "$GREETING")
config V
	string
	default "$(V)"
config ERR
	string
	default "$(shell,echo oops >&2)"
`})
	kc, err := Parse("Kconfig", Options{SrcTree: dir, AllowShell: true, Env: map[string]string{"GREETING": "hi"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := kc.Lookup("V").Value(); got != "a b hi" {
		t.Errorf("V = %q, want %q", got, "a b hi")
	}
	checkDiags(t, kc.Diagnostics(), []string{`Kconfig:7: warning: 'echo oops >&2' wrote to stderr: oops`})
}

// TestFunctions: user functions (Kconfiglib's kconfigfunctions) take
// precedence over built-ins, are checked for their number of arguments,
// and their errors stop the parse at the calling line.
func TestFunctions(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": `config A
	bool
	default $(has-node,/soc/uart)
config B
	string
	default "$(filename)"
`})
	opts := Options{SrcTree: dir, Functions: map[string]Function{
		"has-node": {Min: 1, Max: 1, Call: func(pos Pos, args []string) (string, error) {
			if args[0] == "/soc/uart" {
				return "y", nil
			}
			return "n", nil
		}},
		"filename": {Min: 0, Max: 0, Call: func(Pos, []string) (string, error) { return "overridden", nil }},
	}}
	kc, err := Parse("Kconfig", opts)
	if err != nil {
		t.Fatal(err)
	}
	if kc.Lookup("A").Value() != "y" || kc.Lookup("B").Value() != "overridden" {
		t.Errorf("A=%s B=%s", kc.Lookup("A").Value(), kc.Lookup("B").Value())
	}
	opts.Functions["has-node"] = Function{Min: 1, Max: 1, Call: func(Pos, []string) (string, error) {
		return "", errors.New("no devicetree")
	}}
	_, err = Parse("Kconfig", opts)
	checkError(t, err, `^Kconfig:3: \$\(has-node,\.\.\.\): no devicetree`)
}
