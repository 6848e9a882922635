package model

import (
	"sort"
	"strconv"
	"strings"
)

// String renders the position as file:line:col, leaving out what is unknown.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(p.Line))
		if p.Column > 0 {
			b.WriteString(":")
			b.WriteString(strconv.Itoa(p.Column))
		}
	}
	return b.String()
}

// Diagnostic is one problem in the model: where, what, and what to do.
type Diagnostic struct {
	Pos     Pos
	Message string
	Hint    string
}

// String renders the diagnostic the way compilers do, so editors can jump to
// it: file:line:col: message (hint: ...).
func (d Diagnostic) String() string {
	var b strings.Builder
	if p := d.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Error is every problem found while loading a model. Load returns all of
// them at once so a user fixes the model in one pass, not one error per run.
type Error struct {
	Diagnostics []Diagnostic
}

func (e *Error) Error() string {
	ds := sortedDiagnostics(e.Diagnostics)
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// sortedDiagnostics orders by file, line, column and drops exact duplicates
// (an aliased YAML node can produce the same problem twice).
func sortedDiagnostics(in []Diagnostic) []Diagnostic {
	ds := append([]Diagnostic(nil), in...)
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Hint < b.Hint
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// diags collects diagnostics during a load.
type diags []Diagnostic

func (d *diags) add(pos Pos, msg, hint string) {
	*d = append(*d, Diagnostic{Pos: pos, Message: msg, Hint: hint})
}

func (d diags) err() error {
	if len(d) == 0 {
		return nil
	}
	return &Error{Diagnostics: sortedDiagnostics(d)}
}
