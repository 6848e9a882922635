package kconfig

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzParse feeds arbitrary text to the lexer, preprocessor and parser as a
// root Kconfig file (which may source a second, fixed one). Every input
// must either parse, evaluate and write a .config, or fail with an *Error
// naming a position; never panic, never hang.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.txtar")
	for _, s := range seeds {
		if ar, err := txtar.ParseFile(s); err == nil {
			for _, file := range ar.Files {
				if file.Name == "Kconfig" {
					f.Add(file.Data)
				}
			}
		}
	}
	f.Add([]byte("config A\n\tbool \"a\"\n\tdepends on B && (C || !D) && E = \"x\"\n\thelp\n\t  text\nsource \"sub\"\n"))
	f.Add([]byte("X = $(Y)\nY = $(X)\nconfig $(X)\n"))
	f.Add([]byte("choice\n\toptional\nconfig A\n\ttristate \"a\"\nendchoice\nconfig MODULES\n\tdef_bool y\n"))
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sub"), []byte("config SUB\n\tint \"sub\"\n\trange 1 10\n\tdefault 20\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, "Kconfig"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		timer := time.AfterFunc(10*time.Second, func() {
			select {
			case <-done:
			default:
				panic("Parse did not finish within 10 s")
			}
		})
		defer timer.Stop()
		defer close(done)
		kc, err := Parse("Kconfig", Options{SrcTree: dir, Env: map[string]string{"ENV": "value"}})
		if err != nil {
			var ke *Error
			if !errors.As(err, &ke) {
				t.Fatalf("error %T: %v", err, err)
			}
			if strings.Contains(ke.Message, "internal error") {
				t.Fatalf("%v", err)
			}
			if ke.Pos.File == "" && !strings.HasPrefix(ke.Message, "dependency loop") {
				t.Fatalf("error without a file: %v", err)
			}
			return
		}
		_ = kc.ConfigText()
		_ = kc.Diagnostics()
		for _, s := range kc.AllSymbols() {
			_ = s.Assignable()
			for _, n := range s.Nodes() {
				_ = n.MenuPath()
			}
		}
	})
}

// fuzzTree has a symbol of every type, a choice and a range, so a .config
// exercises every path of the reader.
const fuzzTree = `config MODULES
	bool "modules"
config B
	bool "b"
config T
	tristate "t"
config S
	string "s"
config I
	int "i"
	range 0 100
config H
	hex "h"
choice
	tristate "c"
config C1
	tristate "c1"
config C2
	tristate "c2"
endchoice
config U
	prompt "untyped"
`

// FuzzReadConfig feeds arbitrary text to the .config reader. It must never
// fail on text (only warn), never panic, and what it writes must read back
// to the same .config: writing is a fixed point.
func FuzzReadConfig(f *testing.F) {
	f.Add([]byte("CONFIG_B=y\n# CONFIG_T is not set\nCONFIG_S=\"a\\\"b\"\nCONFIG_I=50\nCONFIG_H=0x10\n"))
	f.Add([]byte("CONFIG_MODULES=y\nCONFIG_C1=m\nCONFIG_C2=m\nCONFIG_T=m\n"))
	f.Add([]byte("CONFIG_C2=y\nCONFIG_C1=y\nCONFIG_I=1000\nCONFIG_NOPE=y\ngarbage\n\r\n"))
	f.Add([]byte("CONFIG_S=\"unterminated\nCONFIG_I= 0x1\nCONFIG_H=-1\nCONFIG_U=y\n"))
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Kconfig"), []byte(fuzzTree), 0o644); err != nil {
		f.Fatal(err)
	}
	kc, err := Parse("Kconfig", Options{SrcTree: dir})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := kc.ReadConfig("fuzz.config", data, true); err != nil {
			var ke *Error
			if !errors.As(err, &ke) || ke.Pos.Line == 0 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		first := kc.ConfigText()
		_ = kc.Diagnostics()
		if err := kc.ReadConfig("written.config", []byte(first), true); err != nil {
			t.Fatal(err)
		}
		if second := kc.ConfigText(); second != first {
			t.Fatalf("writing is not a fixed point:\nfirst:\n%s\nsecond:\n%s", first, second)
		}
	})
}
