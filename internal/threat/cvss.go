package threat

import (
	"fmt"
	"strings"

	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"
)

// Score is a validated CVSS vector with its score and severity. v3.1
// vectors score as the environmental score when environmental metrics are
// set, else the temporal, else the base score (the spec's rule for the
// score that describes the vector); v4.0 vectors score as CVSS-B, -BT, -BE
// or -BTE, which Nomenclature says.
type Score struct {
	Vector   string  `json:"vector"`
	Version  string  `json:"version"` // 3.1 or 4.0
	Score    float64 `json:"score"`
	Severity string  `json:"severity"` // NONE, LOW, MEDIUM, HIGH, CRITICAL
	// Nomenclature is the v4.0 name of what was scored (CVSS-B …) or, for
	// v3.1, base, temporal or environmental.
	Nomenclature string `json:"nomenclature"`
}

// CVSSError says what is wrong with a vector and which metric it is.
type CVSSError struct {
	Vector string
	Metric string // "" when the problem is not one metric's
	Msg    string
	Hint   string
}

func (e *CVSSError) Error() string { return e.Msg }

// metric is one metric of a version: its abbreviation, whether the base
// needs it, and the values it takes.
type metric struct {
	abv      string
	name     string
	required bool
	values   []string
}

var cvss31Metrics = []metric{
	{"AV", "Attack Vector", true, []string{"N", "A", "L", "P"}},
	{"AC", "Attack Complexity", true, []string{"L", "H"}},
	{"PR", "Privileges Required", true, []string{"N", "L", "H"}},
	{"UI", "User Interaction", true, []string{"N", "R"}},
	{"S", "Scope", true, []string{"U", "C"}},
	{"C", "Confidentiality", true, []string{"H", "L", "N"}},
	{"I", "Integrity", true, []string{"H", "L", "N"}},
	{"A", "Availability", true, []string{"H", "L", "N"}},
	{"E", "Exploit Code Maturity", false, []string{"X", "H", "F", "P", "U"}},
	{"RL", "Remediation Level", false, []string{"X", "U", "W", "T", "O"}},
	{"RC", "Report Confidence", false, []string{"X", "C", "R", "U"}},
	{"CR", "Confidentiality Requirement", false, []string{"X", "H", "M", "L"}},
	{"IR", "Integrity Requirement", false, []string{"X", "H", "M", "L"}},
	{"AR", "Availability Requirement", false, []string{"X", "H", "M", "L"}},
	{"MAV", "Modified Attack Vector", false, []string{"X", "N", "A", "L", "P"}},
	{"MAC", "Modified Attack Complexity", false, []string{"X", "L", "H"}},
	{"MPR", "Modified Privileges Required", false, []string{"X", "N", "L", "H"}},
	{"MUI", "Modified User Interaction", false, []string{"X", "N", "R"}},
	{"MS", "Modified Scope", false, []string{"X", "U", "C"}},
	{"MC", "Modified Confidentiality", false, []string{"X", "H", "L", "N"}},
	{"MI", "Modified Integrity", false, []string{"X", "H", "L", "N"}},
	{"MA", "Modified Availability", false, []string{"X", "H", "L", "N"}},
}

// cvss40Metrics are in the order the v4.0 spec requires them to be written.
var cvss40Metrics = []metric{
	{"AV", "Attack Vector", true, []string{"N", "A", "L", "P"}},
	{"AC", "Attack Complexity", true, []string{"L", "H"}},
	{"AT", "Attack Requirements", true, []string{"N", "P"}},
	{"PR", "Privileges Required", true, []string{"N", "L", "H"}},
	{"UI", "User Interaction", true, []string{"N", "P", "A"}},
	{"VC", "Vulnerable System Confidentiality", true, []string{"H", "L", "N"}},
	{"VI", "Vulnerable System Integrity", true, []string{"H", "L", "N"}},
	{"VA", "Vulnerable System Availability", true, []string{"H", "L", "N"}},
	{"SC", "Subsequent System Confidentiality", true, []string{"H", "L", "N"}},
	{"SI", "Subsequent System Integrity", true, []string{"H", "L", "N"}},
	{"SA", "Subsequent System Availability", true, []string{"H", "L", "N"}},
	{"E", "Exploit Maturity", false, []string{"X", "A", "P", "U"}},
	{"CR", "Confidentiality Requirement", false, []string{"X", "H", "M", "L"}},
	{"IR", "Integrity Requirement", false, []string{"X", "H", "M", "L"}},
	{"AR", "Availability Requirement", false, []string{"X", "H", "M", "L"}},
	{"MAV", "Modified Attack Vector", false, []string{"X", "N", "A", "L", "P"}},
	{"MAC", "Modified Attack Complexity", false, []string{"X", "L", "H"}},
	{"MAT", "Modified Attack Requirements", false, []string{"X", "N", "P"}},
	{"MPR", "Modified Privileges Required", false, []string{"X", "N", "L", "H"}},
	{"MUI", "Modified User Interaction", false, []string{"X", "N", "P", "A"}},
	{"MVC", "Modified Vulnerable System Confidentiality", false, []string{"X", "H", "L", "N"}},
	{"MVI", "Modified Vulnerable System Integrity", false, []string{"X", "H", "L", "N"}},
	{"MVA", "Modified Vulnerable System Availability", false, []string{"X", "H", "L", "N"}},
	{"MSC", "Modified Subsequent System Confidentiality", false, []string{"X", "H", "L", "N"}},
	{"MSI", "Modified Subsequent System Integrity", false, []string{"X", "S", "H", "L", "N"}},
	{"MSA", "Modified Subsequent System Availability", false, []string{"X", "S", "H", "L", "N"}},
	{"S", "Safety", false, []string{"X", "N", "P"}},
	{"AU", "Automatable", false, []string{"X", "N", "Y"}},
	{"R", "Recovery", false, []string{"X", "A", "U", "I"}},
	{"V", "Value Density", false, []string{"X", "D", "C"}},
	{"RE", "Vulnerability Response Effort", false, []string{"X", "L", "M", "H"}},
	{"U", "Provider Urgency", false, []string{"X", "Clear", "Green", "Amber", "Red"}},
}

// ParseCVSS validates a CVSS v3.1 or v4.0 vector and scores it with
// pandatix/go-cvss. The library says that a value is invalid but not
// which metric holds it, so the vector is first checked metric by metric
// here; the error is a *CVSSError naming the metric.
func ParseCVSS(vector string) (Score, error) {
	var metrics []metric
	var version string
	switch {
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		metrics, version = cvss31Metrics, "3.1"
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		metrics, version = cvss40Metrics, "4.0"
	case strings.HasPrefix(vector, "CVSS:3.0/"), strings.HasPrefix(vector, "CVSS:2"), strings.HasPrefix(vector, "AV:"):
		return Score{}, &CVSSError{Vector: vector, Msg: fmt.Sprintf("CVSS vector %q: only versions 3.1 and 4.0 are scored", vector),
			Hint: "rewrite it as CVSS:3.1/AV:…/AC:…/PR:…/UI:…/S:…/C:…/I:…/A:… or CVSS:4.0/…"}
	default:
		return Score{}, &CVSSError{Vector: vector, Msg: fmt.Sprintf("CVSS vector %q does not start with CVSS:3.1/ or CVSS:4.0/", vector),
			Hint: "e.g. CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"}
	}
	if err := checkMetrics(vector, version, metrics); err != nil {
		return Score{}, err
	}
	s := Score{Vector: vector, Version: version}
	if version == "3.1" {
		v, err := gocvss31.ParseVector(vector)
		if err != nil {
			return Score{}, &CVSSError{Vector: vector, Msg: fmt.Sprintf("CVSS vector %q: %v", vector, err)}
		}
		s.Score, s.Nomenclature = v.BaseScore(), "base"
		if hasAny(vector, "E", "RL", "RC") {
			s.Score, s.Nomenclature = v.TemporalScore(), "temporal"
		}
		if hasAny(vector, "CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA") {
			s.Score, s.Nomenclature = v.EnvironmentalScore(), "environmental"
		}
		s.Severity, _ = gocvss31.Rating(s.Score)
		return s, nil
	}
	v, err := gocvss40.ParseVector(vector)
	if err != nil {
		return Score{}, &CVSSError{Vector: vector, Msg: fmt.Sprintf("CVSS vector %q: %v", vector, err)}
	}
	s.Score, s.Nomenclature = v.Score(), v.Nomenclature()
	s.Severity, _ = gocvss40.Rating(s.Score)
	return s, nil
}

// checkMetrics names the first metric that is unknown, repeated, out of
// order (v4.0), missing or set to a value it cannot take.
func checkMetrics(vector, version string, metrics []metric) error {
	fail := func(abv, msg, hint string) error {
		return &CVSSError{Vector: vector, Metric: abv, Msg: fmt.Sprintf("CVSS %s vector %q: %s", version, vector, msg), Hint: hint}
	}
	pos := map[string]int{}
	for i, m := range metrics {
		pos[m.abv] = i
	}
	body := vector[len("CVSS:x.y/"):]
	seen := map[string]bool{}
	last := -1
	for _, part := range strings.Split(body, "/") {
		abv, val, ok := strings.Cut(part, ":")
		if !ok || abv == "" {
			return fail("", fmt.Sprintf("%q is not METRIC:VALUE", part), "separate metrics with / and write each as METRIC:VALUE, e.g. AV:N")
		}
		i, known := pos[abv]
		if !known {
			return fail(abv, fmt.Sprintf("unknown metric %s", abv), "CVSS "+version+" metrics: "+abvs(metrics))
		}
		m := metrics[i]
		if seen[abv] {
			return fail(abv, fmt.Sprintf("metric %s (%s) is given twice", abv, m.name), "give each metric once")
		}
		seen[abv] = true
		if !contains(m.values, val) {
			return fail(abv, fmt.Sprintf("metric %s (%s) has value %q", abv, m.name, val),
				fmt.Sprintf("%s takes %s", abv, strings.Join(m.values, ", ")))
		}
		if version == "4.0" && i < last {
			return fail(abv, fmt.Sprintf("metric %s comes after %s", abv, metrics[last].abv),
				"CVSS 4.0 fixes the order: "+abvs(metrics))
		}
		last = max(last, i)
	}
	for _, m := range metrics {
		if m.required && !seen[m.abv] {
			return fail(m.abv, fmt.Sprintf("base metric %s (%s) is missing", m.abv, m.name),
				fmt.Sprintf("add /%s:%s (values %s)", m.abv, m.values[0], strings.Join(m.values, ", ")))
		}
	}
	return nil
}

func abvs(ms []metric) string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.abv
	}
	return strings.Join(out, "/")
}

// hasAny reports whether a v3.1 vector sets one of the metrics to a value
// other than X (not defined).
func hasAny(vector string, abvs ...string) bool {
	for _, part := range strings.Split(vector, "/")[1:] {
		abv, val, _ := strings.Cut(part, ":")
		if val != "X" && contains(abvs, abv) {
			return true
		}
	}
	return false
}

// SeverityRank orders CVSS severities: NONE 0 … CRITICAL 4; -1 unknown.
func SeverityRank(s string) int {
	switch strings.ToUpper(s) {
	case "NONE":
		return 0
	case "LOW":
		return 1
	case "MEDIUM":
		return 2
	case "HIGH":
		return 3
	case "CRITICAL":
		return 4
	}
	return -1
}
