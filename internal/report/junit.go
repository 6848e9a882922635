package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/assure-dev/assure/internal/finding"
)

// The JUnit format has no standard; these elements and attributes are the
// subset that Jenkins (junit plugin), GitLab, Azure DevOps and the Ant
// schema all read: testsuites > testsuite > testcase with failure, error or
// skipped, in that child order. Times are "0" and there is no timestamp
// attribute, so the same run always gives the same bytes.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Time      string        `xml:"time,attr"`
	Skipped   *junitSkipped `xml:"skipped"`
	Error     *junitProblem `xml:"error"`
	Failure   *junitProblem `xml:"failure"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr,omitempty"`
}

// JUnit writes the report as JUnit XML: one test suite for the profile, one
// test case per check. A failing check carries one failure listing all its
// findings, a check that could not run an error, a skipped check skipped.
func JUnit(w io.Writer, r *Report) error {
	fs := sortedFindings(r)
	byCheck := map[string][]finding.Finding{}
	for _, f := range fs {
		byCheck[f.Check] = append(byCheck[f.Check], f)
	}
	suite := junitSuite{
		Name:  "assure " + r.Profile,
		Time:  "0",
		Cases: []junitCase{},
	}
	for _, p := range []junitProperty{
		{"profile", r.Profile},
		{"verdict", string(r.Verdict)},
		{"range", r.Subject.Range},
		{"head", r.Subject.Head},
		{"tool.version", r.Tool.Version},
	} {
		if p.Value != "" {
			suite.Properties = append(suite.Properties, p)
		}
	}
	for _, c := range r.Checks {
		tc := junitCase{Classname: "assure." + c.ID, Name: caseName(c), Time: "0", SystemOut: c.Summary}
		switch c.Status {
		case Fail:
			suite.Failures++
			tc.Failure = junitFailure(byCheck[c.ID])
		case Errored:
			suite.Errors++
			msg := c.Error
			if msg == "" {
				msg = "the check could not run"
			}
			tc.Error = &junitProblem{Message: oneLine(msg), Type: "error", Body: xmlText(msg)}
		case Skipped:
			suite.Skipped++
			tc.Skipped = &junitSkipped{Message: c.Summary}
		}
		suite.Tests++
		suite.Cases = append(suite.Cases, tc)
	}
	doc := junitSuites{
		Name: "assure", Time: "0",
		Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Skipped: suite.Skipped,
		Suites: []junitSuite{suite},
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	b.WriteString("\n")
	_, err := w.Write(b.Bytes())
	return err
}

// caseName is what CI shows as the test name; the title says what the check
// asks, the requirement ids say which process obligations it evidences.
func caseName(c CheckResult) string {
	name := c.Title
	if name == "" {
		name = c.ID
	}
	if len(c.Requirements) > 0 {
		name += " [" + strings.Join(c.Requirements, ", ") + "]"
	}
	return name
}

// junitFailure lists every finding of a failed check. The type attribute
// holds the distinct rule ids, which CI tools show as the failure type.
func junitFailure(fs []finding.Finding) *junitProblem {
	if len(fs) == 0 {
		return &junitProblem{Message: "the check failed without findings", Type: "rule"}
	}
	var rules []string
	var body strings.Builder
	for _, f := range fs {
		rules = append(rules, f.Rule)
		fmt.Fprintf(&body, "%s %s", severityWord(f), f.Rule)
		if loc := f.Location.String(); loc != "" {
			fmt.Fprintf(&body, " %s", loc)
		}
		fmt.Fprintf(&body, ": %s\n", oneLine(f.Message))
		if f.Waiver != nil {
			fmt.Fprintf(&body, "  waiver: %s\n", oneLine(waiverLine(f.Waiver)))
		}
		if f.Remediation != "" && !f.Waived() {
			fmt.Fprintf(&body, "  fix: %s\n", oneLine(f.Remediation))
		}
		if len(f.Requirements) > 0 {
			fmt.Fprintf(&body, "  requirements: %s\n", strings.Join(f.Requirements, ", "))
		}
		if f.ID != "" {
			fmt.Fprintf(&body, "  id: %s\n", f.ID)
		}
	}
	slices.Sort(rules)
	rules = slices.Compact(rules)
	msg := plural(len(fs), "finding") + ": " + strings.Join(countFindings(fs).parts(), ", ")
	if len(fs) == 1 {
		msg = oneLine(fs[0].Message)
	}
	return &junitProblem{Message: msg, Type: strings.Join(rules, ","), Body: xmlText(body.String())}
}

// xmlText keeps newlines, which make the failure text readable in CI, and
// turns every other character XML 1.0 cannot hold into \xNN or U+FFFD.
// Text goes into CDATA, which encoding/xml does not sanitise itself.
func xmlText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = oneLine(l)
		lines[i] = strings.Map(func(c rune) rune {
			if c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF) {
				return 0xFFFD
			}
			return c
		}, l)
	}
	return strings.Join(lines, "\n")
}
