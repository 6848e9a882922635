package threat

import (
	"errors"
	"strings"
	"testing"

	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"
)

// Reference scores from the CVSS v3.1 and v4.0 specifications' examples
// and the FIRST calculators.
func TestParseCVSSScores(t *testing.T) {
	tests := []struct {
		vector, version, severity, nomenclature string
		score                                   float64
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1", "CRITICAL", "base", 9.8},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "3.1", "CRITICAL", "base", 10.0},
		{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", "3.1", "MEDIUM", "base", 5.5},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "3.1", "MEDIUM", "base", 6.1},
		{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "3.1", "NONE", "base", 0.0},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U", "3.1", "HIGH", "temporal", 7.8},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X", "3.1", "CRITICAL", "base", 9.8},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:P", "3.1", "MEDIUM", "environmental", 6.8},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", "CRITICAL", "CVSS-B", 9.3},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", "4.0", "NONE", "CVSS-B", 0.0},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", "4.0", "CRITICAL", "CVSS-BT", 9.3},
	}
	for _, tc := range tests {
		s, err := ParseCVSS(tc.vector)
		if err != nil {
			t.Errorf("%s: %v", tc.vector, err)
			continue
		}
		if s.Version != tc.version || s.Severity != tc.severity || s.Score != tc.score || s.Nomenclature != tc.nomenclature || s.Vector != tc.vector {
			t.Errorf("%s = %+v, want %s %s %v %s", tc.vector, s, tc.version, tc.severity, tc.score, tc.nomenclature)
		}
	}
}

func TestParseCVSSErrorsNameTheMetric(t *testing.T) {
	tests := []struct{ vector, metric, msg string }{
		{"CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV", `metric AV (Attack Vector) has value "X"`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z", "E", `metric E (Exploit Code Maturity) has value "Z"`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "A", `base metric A (Availability) is missing`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L", "AV", `metric AV (Attack Vector) is given twice`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XY:Z", "XY", `unknown metric XY`},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "", `"" is not METRIC:VALUE`},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/AU:Y/CR:H", "CR", `metric CR comes after AU`},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "UI", `metric UI (User Interaction) has value "R"`},
		{"CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "AT", `base metric AT (Attack Requirements) is missing`},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "", `only versions 3.1 and 4.0 are scored`},
		{"AV:N/AC:L/Au:N/C:P/I:P/A:P", "", `only versions 3.1 and 4.0 are scored`},
		{"high", "", `does not start with CVSS:3.1/ or CVSS:4.0/`},
	}
	for _, tc := range tests {
		_, err := ParseCVSS(tc.vector)
		var ce *CVSSError
		if !errors.As(err, &ce) {
			t.Errorf("%s: err = %v", tc.vector, err)
			continue
		}
		if ce.Metric != tc.metric || !strings.Contains(ce.Msg, tc.msg) || ce.Hint == "" {
			t.Errorf("%s: got metric %q msg %q hint %q, want metric %q msg %q", tc.vector, ce.Metric, ce.Msg, ce.Hint, tc.metric, tc.msg)
		}
	}
}

// Every vector the metric tables accept must also be one the library
// accepts, and the other way round: the tables exist only to name the
// metric, never to change what is valid.
func FuzzParseCVSS(f *testing.F) {
	f.Add("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
	f.Add("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/CR:H/MAV:P")
	f.Add("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/CR:H/MSI:S/S:P/U:Amber")
	f.Add("CVSS:4.0/AV:N")
	f.Fuzz(func(t *testing.T, v string) {
		s, err := ParseCVSS(v)
		var libErr error
		switch {
		case strings.HasPrefix(v, "CVSS:3.1/"):
			_, libErr = gocvss31.ParseVector(v)
		case strings.HasPrefix(v, "CVSS:4.0/"):
			_, libErr = gocvss40.ParseVector(v)
		default:
			libErr = errors.New("not scored")
		}
		if (err == nil) != (libErr == nil) {
			t.Fatalf("%q: ParseCVSS says %v, the library %v", v, err, libErr)
		}
		if err != nil {
			var ce *CVSSError
			if !errors.As(err, &ce) || ce.Msg == "" {
				t.Fatalf("%q: error %T %v", v, err, err)
			}
			return
		}
		if s.Score < 0 || s.Score > 10 || SeverityRank(s.Severity) < 0 {
			t.Fatalf("%q scored %+v", v, s)
		}
	})
}
