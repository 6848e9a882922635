package vuln

import (
	"fmt"
	"slices"
	"strings"
)

// Stride is a STRIDE threat category (Microsoft's threat taxonomy), the
// classification the Security Overview asks the tracker to hold.
type Stride string

// The six STRIDE categories.
const (
	Spoofing              Stride = "spoofing"
	Tampering             Stride = "tampering"
	Repudiation           Stride = "repudiation"
	InformationDisclosure Stride = "information-disclosure"
	DenialOfService       Stride = "denial-of-service"
	ElevationOfPrivilege  Stride = "elevation-of-privilege"
)

// StrideCategories lists the categories in STRIDE order.
func StrideCategories() []Stride {
	return []Stride{Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege}
}

// Letter is the category's letter in S-T-R-I-D-E.
func (s Stride) Letter() string { return strings.ToUpper(string(s)[:1]) }

// ParseStride accepts a category's name or its letter, in any case.
func ParseStride(s string) (Stride, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, c := range StrideCategories() {
		if t == string(c) || t == strings.ToLower(c.Letter()) || t == strings.ReplaceAll(string(c), "-", " ") {
			return c, nil
		}
	}
	return "", invalid("stride", "use one of "+strideNames()+" or its letter S, T, R, I, D, E", "unknown STRIDE category %q", clip(s))
}

func strideNames() string {
	var n []string
	for _, c := range StrideCategories() {
		n = append(n, string(c))
	}
	return strings.Join(n, ", ")
}

// sortStride orders categories as STRIDE does and drops duplicates.
func sortStride(in []Stride) []Stride {
	order := StrideCategories()
	out := slices.Clone(in)
	slices.SortFunc(out, func(a, b Stride) int { return slices.Index(order, a) - slices.Index(order, b) })
	return slices.Compact(out)
}

// RejectReason is why a report is not a vulnerability that gets a CVE: the
// CVE criteria Zephyr's security team applies.
type RejectReason string

// The rejection reasons.
const (
	RejectNoExploit       RejectReason = "no-exploitability" // no exploitability shown
	RejectApplication     RejectReason = "application-level" // an issue of the application, not of the project
	RejectHardware        RejectReason = "hardware-attack"   // needs a hardware attack out of scope
	RejectPrivileged      RejectReason = "privileged-access" // needs privileged access already
	RejectTheoretical     RejectReason = "theoretical"       // theoretical only
	RejectInsufficientInf RejectReason = "insufficient-information"
)

// RejectReasons lists the reasons in a fixed order.
func RejectReasons() []RejectReason {
	return []RejectReason{RejectNoExploit, RejectApplication, RejectHardware, RejectPrivileged, RejectTheoretical, RejectInsufficientInf}
}

// ParseRejectReason checks that s is one of the CVE-criteria reasons.
func ParseRejectReason(s string) (RejectReason, error) {
	for _, r := range RejectReasons() {
		if string(r) == s {
			return r, nil
		}
	}
	var n []string
	for _, r := range RejectReasons() {
		n = append(n, string(r))
	}
	return "", invalid("reason", "use one of "+strings.Join(n, ", "), "unknown rejection reason %q", clip(s))
}

// Key builds an advisory id from a prefix and a report id.
func Key(prefix string, id int64) string { return fmt.Sprintf("%s-%04d", prefix, id) }
