package testresult

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkFuzzOutcome holds both readers to their promise: results are whole
// or there is one *Error naming the file and a line.
func checkFuzzOutcome(t *testing.T, rs []Result, err error) {
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error is not an *Error: %v", err)
		}
		if e.File != "f" || e.Line < 1 || !strings.HasPrefix(err.Error(), "f:") {
			t.Fatalf("error without file:line: %v", err)
		}
		return
	}
	for _, r := range rs {
		if r.ID == "" || r.File != "f" || r.Line < 1 {
			t.Fatalf("result without id or position: %+v", r)
		}
		switch r.Status {
		case Pass, Fail, Skip:
		default:
			t.Fatalf("result %s with status %q", r.ID, r.Status)
		}
	}
	_ = NewSet(rs)
}

func FuzzReadGoTestJSON(f *testing.F) {
	f.Add([]byte(`{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"x\n"}
{"Action":"fail","Package":"p","Test":"TestA","Elapsed":0.1}
{"Action":"fail","Package":"p"}
`))
	f.Add([]byte(`{"ImportPath":"p [p.test]","Action":"build-output","Output":"x"}
{"ImportPath":"p [p.test]","Action":"build-fail"}
{"Action":"fail","Package":"p","FailedBuild":"p [p.test]"}`))
	f.Add([]byte("\xff\xfe{"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, err := ReadGoTestJSON("f", bytes.NewReader(b))
		checkFuzzOutcome(t, rs, err)
	})
}

func FuzzReadJUnit(f *testing.F) {
	for _, name := range []string{"twister.xml", "surefire.xml", "not-junit.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<testsuites timestamp="2026-01-01T00:00:00"><testsuite name="s"><testcase name="a" classname="c" time="1"><failure message="m">out</failure><system-out>o</system-out></testcase><testcase name="b" status="notrun"><skipped/></testcase></testsuite></testsuites>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, err := ReadJUnit("f", bytes.NewReader(b))
		checkFuzzOutcome(t, rs, err)
	})
}
