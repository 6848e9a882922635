package complexity

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Formats are the output formats of Write.
func Formats() []string { return []string{"table", "csv", "json", "sarif"} }

// Report is what assure complexity prints: the functions to show, worst
// first, and what they were taken from.
type Report struct {
	// Functions to show, in order.
	Functions []Function
	// Total functions and files analysed.
	Total, Files int
	// Over is the threshold of --over (0: none); Hidden is how many
	// functions the table leaves out (--top).
	Over, Hidden int
	Warnings     []Warning
	// Version of assure, for SARIF.
	Version string
}

// Write renders the report in one of Formats.
func Write(w io.Writer, format string, r *Report) error {
	switch format {
	case "table":
		return writeTable(w, r)
	case "csv":
		return writeCSV(w, r)
	case "json":
		return writeJSON(w, r)
	case "sarif":
		return writeSARIF(w, r)
	}
	return fmt.Errorf("unknown format %q (hint: use one of %s)", format, strings.Join(Formats(), ", "))
}

func writeTable(w io.Writer, r *Report) error {
	nameW, locW := len("FUNCTION"), len("LOCATION")
	locs := make([]string, len(r.Functions))
	for i, f := range r.Functions {
		locs[i] = f.File + ":" + strconv.Itoa(f.StartLine) + "-" + strconv.Itoa(f.EndLine)
		nameW = max(nameW, min(len(f.DisplayName()), 60))
		locW = max(locW, len(locs[i]))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%5s %6s %6s %5s  %-*s  %s\n", "CCN", "NLOC", "PARAMS", "NEST", nameW, "FUNCTION", "LOCATION")
	for i, f := range r.Functions {
		name := f.DisplayName()
		if len(name) > 60 {
			name = name[:57] + "..."
		}
		fmt.Fprintf(&b, "%5d %6d %6d %5d  %-*s  %s\n", f.CCN, f.NLOC, f.Params, f.MaxNesting, nameW, name, locs[i])
	}
	fmt.Fprintf(&b, "\n%s in %s", plural(r.Total, "function"), plural(r.Files, "file"))
	if r.Over > 0 {
		fmt.Fprintf(&b, ", %d with CCN over %d", len(r.Functions)+r.Hidden, r.Over)
	}
	if r.Hidden > 0 {
		fmt.Fprintf(&b, "; %d more not shown (--top 0 shows all)", r.Hidden)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"file", "function", "long_name", "start_line", "end_line", "ccn", "nloc", "params", "max_nesting", "language"})
	for _, f := range r.Functions {
		_ = cw.Write([]string{f.File, f.Name, f.LongName, strconv.Itoa(f.StartLine), strconv.Itoa(f.EndLine),
			strconv.Itoa(f.CCN), strconv.Itoa(f.NLOC), strconv.Itoa(f.Params), strconv.Itoa(f.MaxNesting), string(f.Language)})
	}
	cw.Flush()
	return cw.Error()
}

// jsonReport is the JSON form; version changes when a field changes
// meaning.
type jsonReport struct {
	Version   int        `json:"version"`
	Files     int        `json:"files"`
	Total     int        `json:"total_functions"`
	Over      int        `json:"over,omitempty"`
	Functions []Function `json:"functions"`
	Warnings  []Warning  `json:"warnings"`
}

func writeJSON(w io.Writer, r *Report) error {
	jr := jsonReport{Version: 1, Files: r.Files, Total: r.Total, Over: r.Over, Functions: r.Functions, Warnings: r.Warnings}
	if jr.Functions == nil {
		jr.Functions = []Function{}
	}
	if jr.Warnings == nil {
		jr.Warnings = []Warning{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jr)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
