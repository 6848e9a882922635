package harden

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Text writes the table: one row per rule and marker, then the rationale of
// every row that fails, then stale exceptions. All is sorted and carries no
// time, so the same input gives the same bytes.
func (rep *Report) Text(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "hardening profile %s", rep.Profile)
	if len(rep.Chain) > 1 {
		fmt.Fprintf(&b, " (extends %s)", strings.Join(rep.Chain[1:], " -> "))
	}
	fmt.Fprintf(&b, ": %d PASS, %d FAIL, %d WAIVED, %d NA\n\n", rep.Count(Pass), rep.Count(Fail), rep.Count(Waived), rep.Count(NA))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RESULT\tSYMBOL\tCURRENT\tRECOMMENDED\tNOTE")
	for _, r := range rep.Results {
		cur := r.Current
		if cur == "" {
			cur = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Status, "CONFIG_"+r.Symbol, cur, r.Recommended, note(r))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(rep.Results) == 0 {
		b.WriteString("(the profile has no rules)\n")
	}
	var failing []Result
	for _, r := range rep.Results {
		if r.Status == Fail {
			failing = append(failing, r)
		}
	}
	if len(failing) > 0 {
		b.WriteString("\nWhy the failing rows matter:\n")
		for _, r := range failing {
			fmt.Fprintf(&b, "  CONFIG_%s: %s\n", r.Symbol, why(r))
		}
	}
	if len(rep.Stale) > 0 {
		b.WriteString("\nExceptions that accept nothing (remove them):\n")
		for _, e := range rep.Stale {
			fmt.Fprintf(&b, "  %s: CONFIG_%s\n", e.Pos, e.Symbol)
		}
	}
	_, err := io.WriteString(w, trimLines(b.String()))
	return err
}

func note(r Result) string {
	switch {
	case r.Status == Waived:
		n := "exception approved by " + r.Exception.Approver
		if r.Exception.Waiver != "" {
			n += " (" + r.Exception.Waiver + ")"
		}
		if r.Kind == "marker" {
			n = r.Reason + "; " + n
		}
		return n
	case r.Kind == "marker", r.Status == NA, r.Reason != "":
		return r.Reason
	case r.Rule != nil && len(r.Rule.References) > 0:
		return strings.Join(r.Rule.References, ", ")
	}
	return ""
}

// why is the one-line reason a failing row matters.
func why(r Result) string {
	if r.Kind == "marker" {
		return fmt.Sprintf("is enabled and %s; a hardened build enables no option marked %s", r.Reason, r.Marker)
	}
	s := strings.Join(strings.Fields(r.Rule.Rationale), " ")
	if len(r.Rule.References) > 0 {
		s += " [" + strings.Join(r.Rule.References, ", ") + "]"
	}
	if r.Reason != "" {
		s += " (" + r.Reason + ")"
	}
	return s
}

// trimLines drops the spaces tabwriter leaves after an empty last column.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
