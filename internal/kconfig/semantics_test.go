package kconfig

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestSemantics runs the fixtures in testdata/semantics: each txtar holds
// a small tree (Kconfig and the files it sources), optionally a "config"
// to load, an "env" (NAME=value lines) and the expected results:
//
//	want         one expectation a line: SYM=value (Symbol.Value),
//	             SYM.type=, SYM.vis=, SYM.assignable= (space separated),
//	             SYM.conf= (the .config line, without its newline),
//	             SYM.selected_by=, SYM.implied_by=, SYM.menu= (a > b),
//	             SYM.defined= (file:line, ...), choice:N.mode=,
//	             choice:N.sel=, choice:N.syms= (N counts choices from 0)
//	want.config  the exact .config text
//	want.diag    regular expressions, each matching one diagnostic
//
// The expected values were checked against Kconfiglib when written; with
// ASSURE_KCONFIGLIB set the test checks them again, comparing every symbol
// and the .config with Kconfiglib's.
func TestSemantics(t *testing.T) {
	files, err := filepath.Glob("testdata/semantics/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			fx := loadFixture(t, f)
			opts := OptionsFromEnv(fx.env)
			opts.SrcTree = fx.dir
			kc, err := Parse("Kconfig", opts)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if fx.config != nil {
				if err := kc.ReadConfig("config", fx.config, true); err != nil {
					t.Fatalf("config: %v", err)
				}
			}
			for _, w := range fx.want {
				if got := expectation(t, kc, w.key); got != w.value {
					t.Errorf("%s:%d: %s = %q, want %q", f, w.line, w.key, got, w.value)
				}
			}
			if fx.wantConfig != nil {
				if got := kc.ConfigText(); got != *fx.wantConfig {
					t.Errorf(".config:\n%s\nwant:\n%s", got, *fx.wantConfig)
				}
			}
			checkDiags(t, kc.Diagnostics(), fx.wantDiag)
			if lib := os.Getenv("ASSURE_KCONFIGLIB"); lib != "" {
				crossCheck(t, lib, fx, kc)
			}
		})
	}
}

type fixture struct {
	dir        string
	env        map[string]string
	config     []byte
	want       []wantLine
	wantConfig *string
	wantDiag   []string
	wantError  string
	hasError   bool
}

type wantLine struct {
	key, value string
	line       int
}

func loadFixture(t *testing.T, path string) fixture {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fx := fixture{dir: t.TempDir(), env: map[string]string{}}
	offset := strings.Count(string(ar.Comment), "\n") + 1
	for _, f := range ar.Files {
		offset++ // the -- name -- line
		data := string(f.Data)
		switch f.Name {
		case "env":
			for _, l := range strings.Split(strings.TrimSpace(data), "\n") {
				if k, v, ok := strings.Cut(l, "="); ok {
					fx.env[k] = v
				}
			}
		case "config":
			fx.config = f.Data
		case "want":
			for i, l := range strings.Split(data, "\n") {
				if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
					continue
				}
				k, v, ok := strings.Cut(l, "=")
				if !ok {
					t.Fatalf("%s:%d: want line without '='", path, offset+i)
				}
				fx.want = append(fx.want, wantLine{k, v, offset + i})
			}
		case "want.config":
			fx.wantConfig = &data
		case "want.diag":
			for _, l := range strings.Split(strings.TrimSpace(data), "\n") {
				if l != "" {
					fx.wantDiag = append(fx.wantDiag, l)
				}
			}
		case "error":
			fx.hasError = true
			fx.wantError = strings.TrimSpace(data)
		default:
			p := filepath.Join(fx.dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		offset += strings.Count(data, "\n")
	}
	return fx
}

// expectation computes the value a want key names.
func expectation(t *testing.T, kc *Kconfig, key string) string {
	t.Helper()
	if rest, ok := strings.CutPrefix(key, "choice:"); ok {
		idx, attr, _ := strings.Cut(rest, ".")
		i, err := strconv.Atoi(idx)
		if err != nil || i >= len(kc.Choices()) {
			t.Fatalf("no choice %q", idx)
		}
		c := kc.Choices()[i]
		switch attr {
		case "mode":
			return c.Value()
		case "sel":
			if s := c.Selection(); s != nil {
				return s.Name
			}
			return ""
		case "syms":
			return symNamesSpaced(c.Symbols())
		case "vis":
			return c.Visibility().String()
		case "type":
			return c.Type().String()
		case "assignable":
			return trisSpaced(c.Assignable())
		}
		t.Fatalf("unknown choice attribute %q", attr)
	}
	name, attr, _ := strings.Cut(key, ".")
	s := kc.Lookup(name)
	if s == nil {
		t.Fatalf("no symbol %s", name)
	}
	switch attr {
	case "":
		return s.Value()
	case "type":
		return s.Type().String()
	case "vis":
		return s.Visibility().String()
	case "assignable":
		return trisSpaced(s.Assignable())
	case "conf":
		return strings.TrimSuffix(s.ConfigString(), "\n")
	case "selected_by":
		return symNamesSpaced(s.SelectedBy())
	case "implied_by":
		return symNamesSpaced(s.ImpliedBy())
	case "menu":
		if len(s.Nodes()) == 0 {
			return ""
		}
		return strings.Join(s.Nodes()[0].MenuPath(), " > ")
	case "defined":
		var out []string
		for _, n := range s.Nodes() {
			out = append(out, n.Pos.String())
		}
		return strings.Join(out, ", ")
	case "user":
		v, _, ok := s.UserValue()
		if !ok {
			return "<none>"
		}
		return v
	case "help":
		if len(s.Nodes()) == 0 {
			return ""
		}
		return strconv.Quote(s.Nodes()[0].Help())
	case "deps":
		return s.DirectDeps().String()
	}
	t.Fatalf("unknown attribute %q", attr)
	return ""
}

func symNamesSpaced(syms []*Symbol) string {
	var out []string
	for _, s := range syms {
		out = append(out, s.Name)
	}
	return strings.Join(out, " ")
}

func trisSpaced(ts []Tri) string {
	var out []string
	for _, v := range ts {
		out = append(out, v.String())
	}
	return strings.Join(out, " ")
}

// checkDiags wants every pattern to match a distinct diagnostic.
func checkDiags(t *testing.T, diags []Diagnostic, patterns []string) {
	t.Helper()
	used := make([]bool, len(diags))
next:
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			t.Fatalf("want.diag %q: %v", p, err)
		}
		for i, d := range diags {
			if !used[i] && re.MatchString(d.String()) {
				used[i] = true
				continue next
			}
		}
		var all []string
		for _, d := range diags {
			all = append(all, "  "+d.String())
		}
		t.Errorf("no diagnostic matches %q; diagnostics:\n%s", p, strings.Join(all, "\n"))
	}
}

// crossCheck runs Kconfiglib on the fixture and compares every symbol,
// every choice and the .config text.
func crossCheck(t *testing.T, lib string, fx fixture, kc *Kconfig) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is needed to run Kconfiglib: apt-get install -y python3")
	}
	_, self, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(self), "..", "..", "scripts", "kconfiglib-dump.py")
	out := t.TempDir()
	args := []string{script, "--kconfiglib", lib, "--out", out, "Kconfig"}
	if fx.config != nil {
		if err := os.WriteFile(filepath.Join(fx.dir, "config"), fx.config, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "config")
	}
	cmd := exec.Command(python, args...)
	cmd.Dir = fx.dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	for k, v := range fx.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("Kconfiglib: %v\n%s", err, b)
	}
	var ref refDump
	readJSON(t, filepath.Join(out, "0.json"), &ref)
	for _, b := range compareDump(kc, ref) {
		t.Errorf("differs from Kconfiglib:\n%s", b)
	}
	want, err := os.ReadFile(filepath.Join(out, "0.config"))
	if err != nil {
		t.Fatal(err)
	}
	if got := kc.ConfigText(); got != string(want) {
		t.Errorf(".config differs from Kconfiglib's:\n%s\nKconfiglib:\n%s", got, want)
	}
}
