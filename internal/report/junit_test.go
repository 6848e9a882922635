package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/finding"
)

// consumerSuites is what a JUnit consumer (Jenkins, GitLab) reads, declared
// independently of the writer's types so the test checks the wire format.
type consumerSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Time     string `xml:"time,attr"`
		Cases    []struct {
			Classname string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			Time      string `xml:"time,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
			Skipped *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func renderJUnit(t *testing.T, r *Report) (consumerSuites, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := JUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	var doc consumerSuites
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("output does not parse as XML: %v\n%s", err, b.Bytes())
	}
	return doc, b.Bytes()
}

func TestJUnitCounts(t *testing.T) {
	hostile := fixture()
	hostile.Findings[0].Message = "ends CDATA ]]> early \x00\x1b\xff \ufffe"
	hostile.Checks[4].Error = "line one\nline two ]]>\x07"
	hostile.Profile = `a"<&>`
	for name, r := range map[string]*Report{
		"fixture": fixture(), "hostile text": hostile, "no checks": {Profile: "pr", Verdict: Pass},
	} {
		t.Run(name, func(t *testing.T) {
			doc, raw := renderJUnit(t, r)
			if len(doc.Suites) != 1 {
				t.Fatalf("%d suites, want 1", len(doc.Suites))
			}
			s := doc.Suites[0]
			if s.Name != "assure "+r.Profile || s.Time != "0" {
				t.Errorf("suite name %q time %q", s.Name, s.Time)
			}
			var fail, errs, skip int
			for _, c := range s.Cases {
				if c.Failure != nil {
					fail++
				}
				if c.Error != nil {
					errs++
				}
				if c.Skipped != nil {
					skip++
				}
				if !strings.HasPrefix(c.Classname, "assure.") || c.Name == "" || c.Time != "0" {
					t.Errorf("test case %+v", c)
				}
			}
			if s.Tests != len(s.Cases) || s.Tests != len(r.Checks) || s.Failures != fail || s.Errors != errs || s.Skipped != skip {
				t.Errorf("suite counts tests=%d failures=%d errors=%d skipped=%d, cases say %d/%d/%d/%d",
					s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), fail, errs, skip)
			}
			if doc.Tests != s.Tests || doc.Failures != s.Failures || doc.Errors != s.Errors || doc.Skipped != s.Skipped {
				t.Error("testsuites counts differ from the suite's")
			}
			if bytes.Contains(raw, []byte("timestamp")) {
				t.Error("output has a timestamp; it must be deterministic")
			}
		})
	}
}

func TestJUnitFailureListsEveryFinding(t *testing.T) {
	r := fixture()
	doc, _ := renderJUnit(t, r)
	for _, c := range doc.Suites[0].Cases {
		if c.Failure == nil {
			continue
		}
		check := strings.TrimPrefix(c.Classname, "assure.")
		for _, f := range r.Findings {
			if f.Check == check && !strings.Contains(c.Failure.Text, f.ID) {
				t.Errorf("failure of %s does not list finding %s", check, f.ID)
			}
			if f.Check == check && !strings.Contains(c.Failure.Type, f.Rule) {
				t.Errorf("failure type %q lacks rule %s", c.Failure.Type, f.Rule)
			}
		}
	}
}

// TestJUnitElementOrder checks the child order the Ant/Jenkins schema
// requires: in a testcase skipped, error, failure before system-out; in a
// testsuite properties before the test cases.
func TestJUnitElementOrder(t *testing.T) {
	_, raw := renderJUnit(t, fixture())
	rank := map[string]int{"skipped": 0, "error": 1, "failure": 2, "system-out": 3, "system-err": 4}
	d := xml.NewDecoder(bytes.NewReader(raw))
	var stack []string
	last := -1
	seenCase := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			name := tok.Name.Local
			switch parent {
			case "testcase":
				if rank[name] < last {
					t.Errorf("<%s> after a later element in a testcase", name)
				}
				last = rank[name]
			case "testsuite":
				if name == "properties" && seenCase {
					t.Error("<properties> after <testcase>")
				}
				if name == "testcase" {
					seenCase, last = true, -1
				}
			}
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Errorf("unbalanced elements: %v", stack)
	}
}

func TestJUnitFailedCheckWithoutFindings(t *testing.T) {
	r := &Report{Profile: "pr", Verdict: Fail, Checks: []CheckResult{{ID: "c", Status: Fail}},
		Findings: []finding.Finding{{Rule: "other/r", Check: "other", Severity: finding.Error}}}
	doc, _ := renderJUnit(t, r)
	if f := doc.Suites[0].Cases[0].Failure; f == nil || f.Message == "" {
		t.Fatalf("a failed check must carry a failure with a message: %+v", f)
	}
}
