package vuln

import (
	"strings"
	"testing"
)

func TestParseCVSS(t *testing.T) {
	for _, c := range []struct {
		in, version, vector string
		score               float64
		severity            string
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "CRITICAL"},
		{" CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N ", "3.1", "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.8, "LOW"},
		{"CVSS:3.1/S:C/AV:A/AC:L/PR:N/UI:N/C:H/I:H/A:H", "3.1", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 9.6, "CRITICAL"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0, "NONE"},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, "CRITICAL"},
		{"CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.7, "HIGH"},
	} {
		got, err := ParseCVSS(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if got.Version != c.version || got.Vector != c.vector || got.Score != c.score || got.Severity != c.severity {
			t.Errorf("%s = %+v", c.in, got)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"", "empty CVSS vector"},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "base metric A is missing"},
		{"CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid CVSS v3.1 vector"},
		{"CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid CVSS v3.1 vector"},
		{"CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "invalid CVSS v4.0 vector"},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "v3.0 and v2 vectors are not accepted"},
		{"AV:N/AC:L/Au:N/C:P/I:P/A:P", "v3.0 and v2 vectors are not accepted"},
		{"high", "not a CVSS vector"},
		{"CVSS:3.1/" + strings.Repeat("A", 600), "too long"},
	} {
		_, err := ParseCVSS(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) || ErrorCode(err) != CodeInvalid || !strings.HasPrefix(err.Error(), "cvss: ") {
			t.Errorf("ParseCVSS(%q) = %v, want a cvss error about %q", c.in, err, c.want)
		}
	}
}

// FuzzParseCVSS: never panics; a vector it accepts parses again to itself
// with the same score, and every refusal is one field error with a hint.
func FuzzParseCVSS(f *testing.F) {
	for _, s := range []string{
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:L",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MSI:S",
		"CVSS:3.1/", "CVSS:4.0/AV:N", "CVSS:3.1/AV:N/AV:N", "CVSS:3.1//", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCVSS(s)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Code != CodeInvalid || e.Field != "cvss" || e.Hint == "" {
				t.Fatalf("ParseCVSS(%q): error %#v", s, err)
			}
			return
		}
		if c.Score < 0 || c.Score > 10 {
			t.Fatalf("ParseCVSS(%q): score %v", s, c.Score)
		}
		again, err := ParseCVSS(c.Vector)
		if err != nil || *again != *c {
			t.Fatalf("ParseCVSS(%q) = %+v, but its vector parses to %+v, %v", s, c, again, err)
		}
	})
}

func TestStrideAndReasons(t *testing.T) {
	for in, want := range map[string]Stride{"S": Spoofing, "t": Tampering, "Information Disclosure": InformationDisclosure, "denial-of-service": DenialOfService, "e": ElevationOfPrivilege} {
		if got, err := ParseStride(in); err != nil || got != want {
			t.Errorf("ParseStride(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseStride("X"); err == nil {
		t.Error("ParseStride(X) succeeded")
	}
	if got := sortStride([]Stride{ElevationOfPrivilege, Spoofing, ElevationOfPrivilege}); len(got) != 2 || got[0] != Spoofing {
		t.Errorf("sortStride = %v", got)
	}
	for _, r := range RejectReasons() {
		if got, err := ParseRejectReason(string(r)); err != nil || got != r {
			t.Errorf("ParseRejectReason(%q) = %q, %v", r, got, err)
		}
	}
}
