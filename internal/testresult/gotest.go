package testresult

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// event is one line of `go test -json` (cmd/test2json), with the build
// events `go test` adds since Go 1.24 (ImportPath, FailedBuild).
type event struct {
	Time        time.Time
	Action      string
	Package     string
	Test        string
	Elapsed     float64
	Output      string
	ImportPath  string
	FailedBuild string
}

type goTest struct {
	Result
	done   bool
	output strings.Builder
	// prev is the result of an earlier run of the same test (go test
	// -count=N); the worse of the runs stands.
	prev *Result
}

type goPackage struct {
	goTest
	tests map[string]*goTest
	order []string
}

// ReadGoTestJSON reads a `go test -json` stream; name is how errors and
// results name the file. A stream that ends while a package is still
// running (the run was killed, the file cut off) is an error naming the
// last line: its missing results could be failures.
func ReadGoTestJSON(name string, r io.Reader) ([]Result, error) {
	g := goReader{name: name, pkgs: map[string]*goPackage{}, builds: map[string]*strings.Builder{}}
	br := bufio.NewReaderSize(r, 64*1024)
	line := 0
	for {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			line++
			// The last line of a cut stream may still end in a newline
			// (an editor, a shell, txtar add one): what matters is
			// whether more follows.
			last := err != nil
			if !last {
				_, perr := br.Peek(1)
				last = perr == io.EOF
			}
			if e := g.line(line, b, last); e != nil {
				return nil, e
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &Error{File: name, Line: line + 1, Msg: "reading: " + err.Error()}
		}
	}
	return g.finish(line)
}

type goReader struct {
	name   string
	pkgs   map[string]*goPackage
	order  []string
	builds map[string]*strings.Builder
	events int
}

func (g *goReader) line(n int, b []byte, last bool) error {
	if n == 1 && (bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff})) {
		return &Error{File: g.name, Line: 1, Msg: "the file is UTF-16, not the UTF-8 `go test -json` writes",
			Hint: "PowerShell's > writes UTF-16; use `go test -json ./... | Out-File -Encoding utf8 FILE`"}
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	t := bytes.TrimSpace(b)
	if len(t) == 0 {
		return nil
	}
	var ev event
	if t[0] != '{' {
		return &Error{File: g.name, Line: n, Msg: fmt.Sprintf("not a `go test -json` event: %q", clip(string(t))),
			Hint: "write only the standard output of `go test -json` to the file (no 2>&1, no plain `go test -v`)"}
	}
	if err := json.Unmarshal(t, &ev); err != nil {
		if last && strings.Contains(err.Error(), "unexpected end of JSON input") {
			return &Error{File: g.name, Line: n, Msg: "the stream ends in the middle of an event",
				Hint: "the output of `go test -json` was cut off; run the tests again and keep the whole output"}
		}
		var se *json.SyntaxError
		col := 0
		if errors.As(err, &se) {
			col = int(se.Offset)
		}
		return &Error{File: g.name, Line: n, Column: col, Msg: "not a `go test -json` event: " + err.Error(),
			Hint: "write only the standard output of `go test -json` to the file"}
	}
	g.events++
	return g.event(n, ev)
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

func (g *goReader) event(n int, ev event) error {
	switch ev.Action {
	case "build-output":
		bo := g.builds[ev.ImportPath]
		if bo == nil {
			bo = &strings.Builder{}
			g.builds[ev.ImportPath] = bo
		}
		if bo.Len() < maxOutput*2 {
			bo.WriteString(ev.Output)
		}
		return nil
	case "build-fail":
		return nil
	}
	if ev.Package == "" {
		if ev.Action == "" {
			return &Error{File: g.name, Line: n, Msg: "event has no Action", Hint: "this is not `go test -json` output"}
		}
		return &Error{File: g.name, Line: n, Msg: fmt.Sprintf("%q event names no Package", ev.Action),
			Hint: "this is `go tool test2json` output of a single test binary; use `go test -json`, which names the package of every event"}
	}
	p := g.pkg(n, ev)
	if ev.Test == "" {
		return g.pkgEvent(n, p, ev)
	}
	t := p.test(n, ev)
	switch ev.Action {
	case "run":
		if t.done {
			prev := t.Result
			t.prev, t.done = &prev, false
		}
	case "output":
		if !t.done {
			appendOutput(&t.output, ev.Output)
		}
	case "pass", "fail", "skip":
		t.finish(n, ev)
	}
	return nil
}

func (g *goReader) pkg(n int, ev event) *goPackage {
	p := g.pkgs[ev.Package]
	if p == nil {
		p = &goPackage{tests: map[string]*goTest{}}
		p.Result = Result{ID: ev.Package, Suite: ev.Package, Name: ev.Package, Package: true,
			File: g.name, Line: n, Format: GoTestJSON, Time: ev.Time.UTC()}
		g.pkgs[ev.Package] = p
		g.order = append(g.order, ev.Package)
	}
	return p
}

func (g *goReader) pkgEvent(n int, p *goPackage, ev event) error {
	switch ev.Action {
	case "output":
		if !p.done {
			appendOutput(&p.output, ev.Output)
		}
	case "pass", "fail", "skip":
		p.finish(n, ev)
		if ev.FailedBuild != "" {
			p.Message = "build failed"
			if bo := g.builds[ev.FailedBuild]; bo != nil {
				p.Output = tail(bo.String())
			}
		}
	}
	return nil
}

func (p *goPackage) test(n int, ev event) *goTest {
	t := p.tests[ev.Test]
	if t == nil {
		t = &goTest{Result: Result{ID: ev.Package + "." + ev.Test, Suite: ev.Package, Name: ev.Test,
			File: p.File, Line: n, Format: GoTestJSON, Time: ev.Time.UTC()}}
		p.tests[ev.Test] = t
		p.order = append(p.order, ev.Test)
	}
	return t
}

func (t *goTest) finish(n int, ev event) {
	t.done = true
	t.Line = n
	t.Status = Status(ev.Action)
	t.Duration = time.Duration(ev.Elapsed * float64(time.Second))
	out := t.output.String()
	t.output.Reset()
	switch t.Status {
	case Fail:
		t.Output = tail(out)
	case Skip:
		t.Message = skipReason(out)
	}
	if t.prev != nil && t.prev.Status.Worse(t.Status) {
		t.Result = *t.prev
	}
	t.prev = nil
}

// appendOutput keeps what a reader of a failure needs: the test's own
// lines, not the === RUN / --- FAIL framing test2json already turned into
// events.
func appendOutput(b *strings.Builder, s string) {
	for _, frame := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME", "--- PASS", "--- FAIL", "--- SKIP"} {
		if strings.HasPrefix(strings.TrimLeft(s, " "), frame) {
			return
		}
	}
	if b.Len() > 16*maxOutput {
		return // tail keeps the end anyway; this bounds memory
	}
	b.WriteString(s)
}

func skipReason(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			return l
		}
	}
	return ""
}

func (g *goReader) finish(last int) ([]Result, error) {
	if g.events == 0 {
		return nil, &Error{File: g.name, Line: max(last, 1), Msg: "no `go test -json` events",
			Hint: "run `go test -json ./... > FILE`; an empty file proves no test"}
	}
	var out []Result
	for _, pn := range g.order {
		p := g.pkgs[pn]
		if !p.done {
			running := ""
			for _, tn := range p.order {
				if t := p.tests[tn]; !t.done {
					running = fmt.Sprintf("; test %s started at line %d has no result", tn, t.Line)
					break
				}
			}
			return nil, &Error{File: g.name, Line: last,
				Msg:  fmt.Sprintf("the stream ends before package %s finished%s", pn, running),
				Hint: "the output of `go test -json` was cut off or the run was killed; run the tests again and keep the whole output"}
		}
		names := append([]string(nil), p.order...)
		sort.Strings(names)
		for _, tn := range names {
			t := p.tests[tn]
			if !t.done {
				// The package ended while the test ran: a panic or a
				// timeout, which test2json reports only on the package.
				t.Status = Fail
				t.Line = p.Line
				t.Message = "no result: the test binary exited while it ran (panic or -timeout)"
				t.Output = tail(t.output.String())
			}
			out = append(out, t.Result)
		}
		if p.Status == Fail && p.Output == "" {
			p.Output = tail(p.output.String())
		}
		out = append(out, p.Result)
	}
	return out, nil
}
