package testresult

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ReadJUnit reads a JUnit XML report: <testsuites> or a single <testsuite>
// at the root, suites nested in suites, <testcase> with <failure>, <error>
// or <skipped>. It reads the shapes ctest (--output-junit), pytest
// (--junitxml), Zephyr twister (twister.xml, twister_report.xml) and Maven
// surefire (TEST-*.xml) write; ctest's status="notrun"/"disabled" count
// as skipped. name is how errors and results name the file.
func ReadJUnit(name string, r io.Reader) ([]Result, error) {
	j := &junitReader{name: name}
	br := bufio.NewReader(r)
	if head, _ := br.Peek(4); len(head) == 0 {
		return nil, &Error{File: name, Line: 1, Msg: "empty file, not JUnit XML",
			Hint: "the test run wrote no report; check that the tests ran and were told where to write it"}
	} else if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return nil, &Error{File: name, Line: 1, Msg: "the file is UTF-16; JUnit readers here take UTF-8",
			Hint: "write the report as UTF-8"}
	}
	j.dec = xml.NewDecoder(br)
	j.dec.Strict = true
	j.dec.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q is not supported (write the report as UTF-8)", charset)
	}
	return j.read()
}

type junitReader struct {
	name string
	dec  *xml.Decoder
	out  []Result
	// line and col are where the last token began: errors about an
	// element point at its "<".
	line, col int
}

func (j *junitReader) token() (xml.Token, error) {
	j.line, j.col = j.dec.InputPos()
	return j.dec.Token()
}

func (j *junitReader) errAt(line, col int, msg, hint string) error {
	return &Error{File: j.name, Line: line, Column: col, Msg: msg, Hint: hint}
}

func (j *junitReader) syntax(err error) error {
	line, col := j.line, j.col
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line = se.Line
		if err == io.ErrUnexpectedEOF || strings.Contains(se.Msg, "unexpected EOF") {
			return j.errAt(line, 0, "the file ends in the middle of the XML",
				"the report was cut off or the run was killed while writing it; run the tests again")
		}
		return j.errAt(line, 0, "not JUnit XML: "+se.Msg, "give the XML report the test tool wrote (ctest --output-junit, pytest --junitxml, twister, surefire)")
	}
	if err == io.ErrUnexpectedEOF {
		return j.errAt(line, 0, "the file ends in the middle of the XML",
			"the report was cut off or the run was killed while writing it; run the tests again")
	}
	return j.errAt(line, col, "not JUnit XML: "+err.Error(), "give the XML report the test tool wrote")
}

func (j *junitReader) read() ([]Result, error) {
	for {
		tok, err := j.token()
		if err == io.EOF {
			return nil, j.errAt(1, 0, "no root element: not JUnit XML", "give the XML report the test tool wrote")
		}
		if err != nil {
			return nil, j.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, col := j.line, j.col
			switch t.Name.Local {
			case "testsuites":
				if err := j.suites(t); err != nil {
					return nil, err
				}
			case "testsuite":
				if err := j.suite(t, suiteInfo{}); err != nil {
					return nil, err
				}
			default:
				return nil, j.errAt(line, col, fmt.Sprintf("root element <%s> is not <testsuites> or <testsuite>: not a JUnit report", t.Name.Local),
					"give the XML report the test tool wrote")
			}
			return j.out, j.rest()
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return nil, j.errAt(j.line, 0, "text before the root element: not JUnit XML", "give the XML report the test tool wrote")
			}
		}
	}
}

// rest makes sure nothing but comments follows the root: a second root
// element means two reports were concatenated.
func (j *junitReader) rest() error {
	for {
		tok, err := j.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return j.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return j.errAt(j.line, j.col, fmt.Sprintf("a second root element <%s>: two reports in one file", t.Name.Local),
				"write each report to its own file")
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return j.errAt(j.line, 0, "text after the root element", "give the XML report the test tool wrote")
			}
		}
	}
}

type suiteInfo struct {
	name string
	time time.Time
}

func attr(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

func (j *junitReader) suites(start xml.StartElement) error {
	parent := suiteInfo{}
	if ts, ok := attr(start, "timestamp"); ok && ts != "" {
		line, col := j.line, j.col
		t, err := parseTimestamp(ts)
		if err != nil {
			return j.errAt(line, col, fmt.Sprintf("<testsuites timestamp=%q>: %v", ts, err), "write ISO 8601, e.g. 2026-01-02T15:04:05")
		}
		parent.time = t
	}
	return j.children(start, parent)
}

func (j *junitReader) suite(start xml.StartElement, parent suiteInfo) error {
	line, col := j.line, j.col
	s := suiteInfo{name: parent.name, time: parent.time}
	if n, ok := attr(start, "name"); ok {
		s.name = n
	}
	if ts, ok := attr(start, "timestamp"); ok && ts != "" {
		t, err := parseTimestamp(ts)
		if err != nil {
			return j.errAt(line, col, fmt.Sprintf("<testsuite timestamp=%q>: %v", ts, err), "write ISO 8601, e.g. 2026-01-02T15:04:05")
		}
		s.time = t
	}
	return j.children(start, s)
}

// children reads the content of a <testsuites> or <testsuite> element.
func (j *junitReader) children(start xml.StartElement, s suiteInfo) error {
	for {
		tok, err := j.token()
		if err != nil {
			return j.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var err error
			switch t.Name.Local {
			case "testsuite":
				err = j.suite(t, s)
			case "testcase":
				err = j.testcase(t, s)
			default: // properties, system-out of the suite, vendor extensions
				err = j.dec.Skip()
				if err != nil {
					err = j.syntax(err)
				}
			}
			if err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (j *junitReader) testcase(start xml.StartElement, s suiteInfo) error {
	line, col := j.line, j.col
	name, _ := attr(start, "name")
	if strings.TrimSpace(name) == "" {
		return j.errAt(line, col, "<testcase> without a name", "every test case needs name=\"…\" so a countermeasure can name it")
	}
	class, _ := attr(start, "classname")
	r := Result{Suite: class, Name: name, File: j.name, Line: line, Format: JUnit, Status: Pass, Time: s.time}
	if class == "" {
		r.Suite = s.name
	}
	r.ID = junitID(r.Suite, name)
	if v, ok := attr(start, "time"); ok && strings.TrimSpace(v) != "" {
		d, err := parseSeconds(v)
		if err != nil {
			return j.errAt(line, col, fmt.Sprintf("<testcase name=%q time=%q>: not a number of seconds", name, v), "write time in seconds, e.g. time=\"0.012\"")
		}
		r.Duration = d
	}
	if st, _ := attr(start, "status"); st == "notrun" || st == "disabled" {
		r.Status = Skip // ctest marks tests it did not run this way
		r.Message = "ctest: " + st
	}
	var out strings.Builder
	for {
		tok, err := j.token()
		if err != nil {
			return j.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			text, err := j.text()
			if err != nil {
				return err
			}
			switch t.Name.Local {
			case "failure", "error":
				r.Status = Fail
				r.Message = firstNonEmpty(firstLine(attrOr(t, "message")), t.Name.Local)
				out.WriteString(text)
			case "skipped":
				if r.Status != Fail {
					r.Status = Skip
					r.Message = firstNonEmpty(firstLine(attrOr(t, "message")), firstLine(text), "skipped")
				}
			case "system-out", "system-err":
				if r.Status == Fail || out.Len() > 0 {
					out.WriteString(text)
				}
			case "flakyFailure", "flakyError":
				// surefire: failed, then passed on a rerun; the pass stands.
				if r.Message == "" {
					r.Message = "flaky: passed on a rerun"
				}
			}
		case xml.EndElement:
			if r.Status == Fail {
				r.Output = tail(strings.TrimSpace(out.String()))
			}
			j.out = append(j.out, r)
			return nil
		}
	}
}

// text reads the character content of the element just started, up to its
// end, skipping nested elements.
func (j *junitReader) text() (string, error) {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := j.token()
		if err != nil {
			return "", j.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if b.Len() < 16*maxOutput {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}

func attrOr(t xml.StartElement, name string) string {
	v, _ := attr(t, name)
	return strings.TrimSpace(v)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// junitID names a test case the way tools print it: classname.name, or the
// name alone when the tool already put the class in it (twister writes
// classname="kernel.common" name="kernel.common.errno"; ctest writes the
// same value twice).
func junitID(class, name string) string {
	switch {
	case class == "", class == name, strings.HasPrefix(name, class+"."):
		return name
	case strings.HasSuffix(class, ":"+name):
		return class // twister's per-suite report: classname="platform:suite" name="suite"
	default:
		return class + "." + name
	}
}

func parseSeconds(v string) (time.Duration, error) {
	// Surefire wrote locale-formatted times ("1,234.5") for years.
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", ""), 64)
	if err != nil || f < 0 || f > 1e9 {
		return 0, fmt.Errorf("bad seconds %q", v)
	}
	return time.Duration(f * float64(time.Second)), nil
}

var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999-0700",
}

// parseTimestamp reads the ISO 8601 forms the tools write. pytest,
// twister and surefire write local time without a zone; it is read as UTC
// because the file does not say, and the same file must read the same
// everywhere.
func parseTimestamp(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) {
		return time.Time{}, fmt.Errorf("not UTF-8")
	}
	for _, l := range timestampLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("not an ISO 8601 time")
}
