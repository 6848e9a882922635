package testresult

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// fwModule is a throwaway module whose tests pass, fail, skip, panic, fail
// to build and time out, so the reader is tested on what `go test -json`
// really writes, not on hand-made events.
var fwModule = map[string]string{
	"go.mod": "module example.com/fw\n\ngo 1.22\n",
	"ota/ota_test.go": `package ota

import "testing"

func TestSigned(t *testing.T) {}

func TestRollback(t *testing.T) {
	t.Run("older", func(t *testing.T) {})
	t.Run("same", func(t *testing.T) { t.Log("same version accepted"); t.Fail() })
}

func TestHardware(t *testing.T) { t.Skip("needs the board") }

func FuzzManifest(f *testing.F) {
	f.Add([]byte("v1"))
	f.Fuzz(func(t *testing.T, b []byte) {})
}
`,
	"keys/keys_test.go": `package keys

import "testing"

func TestStore(t *testing.T) {}

func TestWipe(t *testing.T) {
	t.Run("deep", func(t *testing.T) { var m map[string]int; m["x"] = 1 })
}
`,
	"radio/radio_test.go": `package radio

import "testing"

func TestFrame(t *testing.T) { undefinedHelper() }
`,
	"hang/hang_test.go": `package hang

import (
	"testing"
	"time"
)

func TestHangs(t *testing.T) { time.Sleep(time.Minute) }
`,
	"notests/doc.go": "package notests\n",
}

var (
	goRunOnce sync.Once
	goRunOut  []byte
	goRunErr  error
)

// realGoTestJSON runs `go test -json` over fwModule once per test binary.
func realGoTestJSON(t *testing.T) []byte {
	t.Helper()
	goRunOnce.Do(func() {
		dir, err := os.MkdirTemp("", "testresult-go")
		if err != nil {
			goRunErr = err
			return
		}
		defer os.RemoveAll(dir)
		for name, body := range fwModule {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				goRunErr = err
				return
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				goRunErr = err
				return
			}
		}
		// -timeout makes hang/ end the way a real timeout does; -p 1
		// keeps the load on a shared machine low.
		cmd := exec.Command("go", "test", "-json", "-p", "1", "-timeout", "2s", "./...")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-buildvcs=false", "GOTOOLCHAIN=local")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		goRunOut, err = cmd.Output()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			goRunErr = err
		}
		if len(goRunOut) == 0 {
			goRunErr = errors.New("go test -json wrote nothing: " + stderr.String())
		}
	})
	if goRunErr != nil {
		t.Fatalf("running go test -json on a throwaway module: %v", goRunErr)
	}
	return goRunOut
}

func byID(rs []Result) map[string]Result {
	m := map[string]Result{}
	for _, r := range rs {
		m[r.ID] = r
	}
	return m
}

func TestReadGoTestJSONRealRun(t *testing.T) {
	rs, err := ReadGoTestJSON("go.json", bytes.NewReader(realGoTestJSON(t)))
	if err != nil {
		t.Fatal(err)
	}
	got := byID(rs)
	tests := []struct {
		id      string
		status  Status
		pkg     bool
		message string // substring
		output  string // substring
	}{
		{"example.com/fw/ota.TestSigned", Pass, false, "", ""},
		{"example.com/fw/ota.TestRollback", Fail, false, "", ""},
		{"example.com/fw/ota.TestRollback/older", Pass, false, "", ""},
		{"example.com/fw/ota.TestRollback/same", Fail, false, "", "same version accepted"},
		{"example.com/fw/ota.TestHardware", Skip, false, "needs the board", ""},
		{"example.com/fw/ota.FuzzManifest", Pass, false, "", ""},
		{"example.com/fw/ota.FuzzManifest/seed#0", Pass, false, "", ""},
		{"example.com/fw/ota", Fail, true, "", ""},
		{"example.com/fw/keys.TestStore", Pass, false, "", ""},
		{"example.com/fw/keys.TestWipe/deep", Fail, false, "", ""},
		// test2json gives a subtest's panic to its parent.
		{"example.com/fw/keys.TestWipe", Fail, false, "", "assignment to entry in nil map"},
		{"example.com/fw/radio", Fail, true, "build failed", "undefined: undefinedHelper"},
		{"example.com/fw/hang.TestHangs", Fail, false, "panic or -timeout", "test timed out"},
		{"example.com/fw/notests", Skip, true, "", ""},
	}
	for _, tt := range tests {
		r, ok := got[tt.id]
		if !ok {
			t.Errorf("%s: no result", tt.id)
			continue
		}
		if r.Status != tt.status || r.Package != tt.pkg {
			t.Errorf("%s: status %s package %v, want %s %v", tt.id, r.Status, r.Package, tt.status, tt.pkg)
		}
		if !strings.Contains(r.Message, tt.message) {
			t.Errorf("%s: message %q, want it to contain %q", tt.id, r.Message, tt.message)
		}
		if !strings.Contains(r.Output, tt.output) {
			t.Errorf("%s: output %q, want it to contain %q", tt.id, r.Output, tt.output)
		}
		if r.Line < 1 || r.File != "go.json" || r.Format != GoTestJSON || r.Time.IsZero() {
			t.Errorf("%s: position/format/time not set: %+v", tt.id, r)
		}
	}
	if _, ok := got["example.com/fw/radio.TestFrame"]; ok {
		t.Errorf("a test of a package that did not build has a result")
	}
	if r := got["example.com/fw/ota.TestSigned"]; r.Output != "" {
		t.Errorf("a passing test keeps output %q", r.Output)
	}
}

// TestReadGoTestJSONCut cuts a real stream at every line boundary and in
// the middle of lines: each cut that loses a package's end is an error
// naming the last line, never a silent partial result.
func TestReadGoTestJSONCut(t *testing.T) {
	full := realGoTestJSON(t)
	lines := bytes.SplitAfter(full, []byte("\n"))
	for n := 1; n < len(lines)-1; n++ {
		cut := bytes.Join(lines[:n], nil)
		rs, err := ReadGoTestJSON("cut.json", bytes.NewReader(cut))
		if err == nil {
			// Only a cut right after a package's final event is
			// undetectable; then every package read must be complete.
			for _, r := range rs {
				if r.Package && r.Status == "" {
					t.Fatalf("cut after line %d: package %s without status", n, r.ID)
				}
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.File != "cut.json" || e.Line != n {
			t.Fatalf("cut after line %d: error %v, want cut.json:%d", n, err, n)
		}
		if !strings.Contains(e.Msg, "ends before package") {
			t.Fatalf("cut after line %d: %v", n, err)
		}
		// Half of the next line as well.
		half := append(append([]byte(nil), cut...), lines[n][:len(lines[n])/2]...)
		_, err = ReadGoTestJSON("cut.json", bytes.NewReader(half))
		if !errors.As(err, &e) || e.Line != n+1 || !strings.Contains(e.Msg, "middle of an event") {
			t.Fatalf("cut in line %d: error %v, want cut.json:%d in the middle of an event", n+1, err, n+1)
		}
	}
}

func TestReadGoTestJSONBad(t *testing.T) {
	ev := `{"Time":"2026-01-01T00:00:00Z","Action":"pass","Package":"p","Test":"TestA"}` + "\n"
	end := `{"Time":"2026-01-01T00:00:00Z","Action":"pass","Package":"p"}` + "\n"
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "bad.json:1: no `go test -json` events"},
		{"blank lines", "\n\n", "bad.json:2: no `go test -json` events"},
		{"plain go test", "=== RUN   TestA\n--- PASS: TestA (0.00s)\n", "bad.json:1: not a `go test -json` event: \"=== RUN   TestA\""},
		{"stderr mixed in", ev + "go: downloading example.com/x v1.0.0\n" + end, "bad.json:2: not a `go test -json` event"},
		{"broken json", ev + "{\"Action\": pass}\n" + end, "bad.json:2:12: not a `go test -json` event: invalid character"},
		{"test2json of one binary", `{"Action":"run","Test":"TestA"}` + "\n", "bad.json:1: \"run\" event names no Package"},
		{"not an event", `{"hello":"world"}` + "\n", "bad.json:1: event has no Action"},
		{"utf16", "\xff\xfe{\x00", "bad.json:1: the file is UTF-16"},
		{"cut mid-line", ev + `{"Time":"2026-01-01T00:00:00Z","Act`, "bad.json:2: the stream ends in the middle of an event"},
		{"cut mid-line, newline added", ev + `{"Time":"2026-01-01T00:00:00Z","Act` + "\n", "bad.json:2: the stream ends in the middle of an event"},
		{"package never ends", ev, "bad.json:1: the stream ends before package p finished"},
		{"test without result", `{"Action":"run","Package":"p","Test":"TestB"}` + "\n", "bad.json:1: the stream ends before package p finished; test TestB started at line 1 has no result"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadGoTestJSON("bad.json", strings.NewReader(tt.in))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("got %v, want prefix %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), "(hint: ") {
				t.Errorf("no hint: %v", err)
			}
		})
	}
}

func TestReadGoTestJSONRunTwice(t *testing.T) {
	// go test -count=2: the same test twice, failing once, is a failure.
	in := `{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"pass","Package":"p","Test":"TestA"}
{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"    a_test.go:3: flaky\n"}
{"Action":"fail","Package":"p","Test":"TestA"}
{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"pass","Package":"p","Test":"TestA"}
{"Action":"fail","Package":"p"}
`
	rs, err := ReadGoTestJSON("twice.json", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	s := NewSet(rs)
	got := s.Find("p.TestA")
	if len(got) != 1 || got[0].Status != Fail || !strings.Contains(got[0].Output, "flaky") {
		t.Fatalf("results %+v: want one failure with its output", got)
	}
}
