package vuln

import (
	"strings"
	"testing"
)

// TestCVSSNamesTheMetric: a refused vector names the metric at fault and
// what it allows, for both versions.
func TestCVSSNamesTheMetric(t *testing.T) {
	cases := []struct{ vector, want string }{
		{"CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", `metric AV has value "X"; it takes N, A, L, P`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "base metric A is missing"},
		{"CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "metric AV is given twice"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1", "metric ZZ is not a CVSS v3.1 metric"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", `"" is not a metric`},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:Q/VA:H/SC:N/SI:N/SA:N", `metric VI has value "Q"; it takes H, L, N`},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/SC:N/SI:N/SA:N", "base metric VA is missing"},
		{"CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "metric AV is out of order: v4.0 vectors give it before AC"},
	}
	for _, c := range cases {
		_, err := ParseCVSS(c.vector)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseCVSS(%s) = %v, want an error naming %q", c.vector, err, c.want)
		}
		if e, ok := err.(*Error); !ok || e.Code != CodeInvalid || e.Field != "cvss" {
			t.Errorf("ParseCVSS(%s): %#v, want an invalid_field error on cvss", c.vector, err)
		}
	}
	// The tables accept what the library accepts.
	for _, v := range []string{
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:A",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MSI:S/U:Amber",
	} {
		if _, err := ParseCVSS(v); err != nil {
			t.Errorf("ParseCVSS(%s): %v", v, err)
		}
		if p := cvssProblem(v[5:8], v); p != "" {
			t.Errorf("cvssProblem(%s) = %q, want nothing", v, p)
		}
	}
}
