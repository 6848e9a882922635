package vuln

import (
	"errors"
	"fmt"
	"math"
	"strings"

	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"
)

// CVSS is a score recorded at triage: the vector as given (normalised to
// the library's canonical order), its version, base score and qualitative
// severity.
type CVSS struct {
	Version  string  `json:"version"` // "3.1" or "4.0"
	Vector   string  `json:"vector"`
	Score    float64 `json:"score"`
	Severity string  `json:"severity"` // NONE, LOW, MEDIUM, HIGH, CRITICAL
}

// maxVector bounds the input: the longest valid v4.0 vector with every
// supplemental and environmental metric is under 300 bytes.
const maxVector = 512

// ParseCVSS parses a CVSS v3.1 or v4.0 vector and computes its score. The
// error says what is wrong and which versions are accepted.
func ParseCVSS(vector string) (*CVSS, error) {
	v := strings.TrimSpace(vector)
	const hint = `write a CVSS v3.1 vector ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") or a v4.0 one ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")`
	switch {
	case v == "":
		return nil, invalid("cvss", hint, "empty CVSS vector")
	case len(v) > maxVector:
		return nil, invalid("cvss", hint, "CVSS vector of %d bytes is too long", len(v))
	case strings.HasPrefix(v, "CVSS:3.1/"):
		c, err := gocvss31.ParseVector(v)
		if err != nil {
			return nil, invalid("cvss", hint, "invalid CVSS v3.1 vector %q: %s", v, cvssErr("3.1", v, err))
		}
		s := c.BaseScore()
		return finish("3.1", c.Vector(), s)
	case strings.HasPrefix(v, "CVSS:4.0/"):
		c, err := gocvss40.ParseVector(v)
		if err != nil {
			return nil, invalid("cvss", hint, "invalid CVSS v4.0 vector %q: %s", v, cvssErr("4.0", v, err))
		}
		return finish("4.0", c.Vector(), c.Score())
	case strings.HasPrefix(v, "CVSS:3.0/"), strings.HasPrefix(v, "AV:"), strings.HasPrefix(v, "(AV:"):
		return nil, invalid("cvss", hint, "CVSS v3.0 and v2 vectors are not accepted: %q", v)
	}
	return nil, invalid("cvss", hint, "not a CVSS vector: %q", clip(v))
}

func finish(version, vector string, score float64) (*CVSS, error) {
	// Scores have one decimal; rounding removes binary noise such as 7.499999.
	score = math.Round(score*10) / 10
	sev, err := gocvss31.Rating(score) // v3.1 and v4.0 share the rating scale
	if err != nil {
		return nil, invalid("cvss", "", "score %.1f out of range", score)
	}
	return &CVSS{Version: version, Vector: vector, Score: score, Severity: sev}, nil
}

func cvssErr(version, vector string, err error) string {
	if p := cvssProblem(version, vector); p != "" {
		return p
	}
	var m31 *gocvss31.ErrMissing
	if errors.As(err, &m31) {
		return fmt.Sprintf("base metric %s is missing", m31.Abv)
	}
	return err.Error()
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
