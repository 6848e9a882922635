package complexity

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/assure-dev/assure/internal/sarif"
)

// RuleCCN is the SARIF rule of assure complexity's results.
const RuleCCN = "complexity/ccn"

// writeSARIF lists the report's functions as results: warnings when they
// are over a threshold (--over), notes otherwise (a metric, not a verdict).
func writeSARIF(w io.Writer, r *Report) error {
	level := sarif.LevelNote
	if r.Over > 0 {
		level = sarif.LevelWarning
	}
	idx := 0
	results := make([]sarif.Result, 0, len(r.Functions))
	for _, f := range r.Functions {
		msg := fmt.Sprintf("%s has cyclomatic complexity %d (%d lines of code, %d parameters, nesting %d)",
			f.DisplayName(), f.CCN, f.NLOC, f.Params, f.MaxNesting)
		if r.Over > 0 {
			msg += fmt.Sprintf(", over %d", r.Over)
		}
		results = append(results, sarif.Result{
			RuleID:    RuleCCN,
			RuleIndex: &idx,
			Level:     level,
			Message:   sarif.Message{Text: msg},
			Locations: []sarif.Location{{
				PhysicalLocation: &sarif.PhysicalLocation{
					ArtifactLocation: &sarif.ArtifactLocation{URI: fileURI(f.File), URIBaseID: sarif.SrcRoot},
					Region:           &sarif.Region{StartLine: max(f.StartLine, 1), EndLine: max(f.EndLine, f.StartLine, 1)},
				},
				LogicalLocations: []sarif.LogicalLocation{{Name: f.DisplayName(), FullyQualifiedName: f.LongName, Kind: "function"}},
			}},
			PartialFingerprints: map[string]string{"assureFunction/v1": functionPrint(f)},
			Properties: sarif.PropertyBag{
				"ccn": f.CCN, "nloc": f.NLOC, "params": f.Params, "max_nesting": f.MaxNesting, "language": string(f.Language),
			},
		})
	}
	var notes []sarif.Notification
	for _, wn := range r.Warnings {
		notes = append(notes, sarif.Notification{Level: sarif.LevelWarning, Message: sarif.Message{Text: wn.String()}})
	}
	log := sarif.Log{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: sarif.Version,
		Runs: []sarif.Run{{
			Tool: sarif.Tool{Driver: sarif.ToolComponent{
				Name:           "assure complexity",
				Version:        r.Version,
				InformationURI: "https://github.com/assure-dev/assure/blob/main/docs/complexity.md",
				Rules: []sarif.ReportingDescriptor{{
					ID:                   RuleCCN,
					Name:                 "CyclomaticComplexity",
					ShortDescription:     &sarif.MultiformatMessageString{Text: "Cyclomatic complexity (CCN) of a function, counted as lizard counts it."},
					FullDescription:      &sarif.MultiformatMessageString{Text: "CCN is 1 plus the decisions of the function: if, for, while, case, catch, ?:, && and ||, and #if, #ifdef and #elif inside it."},
					Help:                 &sarif.MultiformatMessageString{Text: "Split a complex function into smaller ones; docs/complexity.md explains the count."},
					DefaultConfiguration: &sarif.ReportingConfiguration{Level: level},
				}},
			}},
			Invocations: []sarif.Invocation{{ExecutionSuccessful: true, ToolExecutionNotifications: notes}},
			Results:     results,
			ColumnKind:  "unicodeCodePoints",
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// fileURI makes a relative URI reference of a slash path.
func fileURI(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// functionPrint identifies a function independent of its line, so a result
// keeps its identity when code above it moves.
func functionPrint(f Function) string {
	h := sha256.Sum256([]byte(f.File + "\x00" + f.Name))
	return hex.EncodeToString(h[:8])
}
