package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"io"
	"slices"
)

//go:embed report.schema.json
var reportSchema []byte

// JSONSchema returns the JSON Schema (draft 2020-12) of the JSON report,
// versioned by SchemaVersion, for consumers that validate what they read.
func JSONSchema() []byte { return bytes.Clone(reportSchema) }

// JSON writes the report as indented JSON with a trailing newline. Field
// order is the struct order; findings are in report order; absent lists are
// written as [] rather than null so consumers need not special-case them.
func JSON(w io.Writer, r *Report) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(normalized(r)); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// normalized returns a copy with the schema version filled in, findings
// sorted and nil slices made empty.
func normalized(r *Report) Report {
	out := *r
	if out.Schema == "" {
		out.Schema = SchemaVersion
	}
	out.Checks = nonNil(slices.Clone(r.Checks))
	for i := range out.Checks {
		out.Checks[i].Requirements = nonNil(out.Checks[i].Requirements)
	}
	out.Findings = nonNil(sortedFindings(r))
	for i := range out.Findings {
		out.Findings[i].Requirements = nonNil(out.Findings[i].Requirements)
	}
	out.Conformance.Requirements = nonNil(slices.Clone(r.Conformance.Requirements))
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
