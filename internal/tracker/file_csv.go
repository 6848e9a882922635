package tracker

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvColumns maps Issue fields to the header names that may hold them, in
// order of preference: Jira's export has both "Issue key" and "Issue id",
// and the key is what commits name.
var csvColumns = []struct {
	field string
	names []string
}{
	{"key", []string{"key", "issue key", "number", "id", "issue id"}},
	{"state", []string{"state", "status"}},
	{"title", []string{"title", "summary"}},
	{"url", []string{"url", "html url", "link", "issue url"}},
	{"kind", []string{"kind", "type", "issue type"}},
}

func normHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.NewReplacer("_", " ", "-", " ").Replace(h)
	return strings.Join(strings.Fields(h), " ")
}

func (f *fileTracker) readCSV(data []byte) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffComma(data)
	r.FieldsPerRecord = -1 // checked below, for a message that says more
	header, err := r.Read()
	if err != nil {
		return f.csvErr(err)
	}
	cols, perr := f.columns(header)
	if perr != nil {
		return perr
	}
	seen := map[string]where{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return f.csvErr(err)
		}
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(rec) != len(header) {
			return &ParseError{File: f.name, Line: line,
				Msg:  fmt.Sprintf("row has %d fields, the header has %d", len(rec), len(header)),
				Hint: "give every row one field per header column; quote fields that hold the separator"}
		}
		get := func(field string) string {
			if i, ok := cols[field]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		is := Issue{Key: get("key"), State: get("state"), Title: get("title"), URL: get("url"), Kind: get("kind")}
		if perr := f.add(is, where{line: line}, seen); perr != nil {
			return perr
		}
	}
}

// columns finds the column of each field; only the key is required, since
// a list of keys alone still says which issues exist.
func (f *fileTracker) columns(header []string) (map[string]int, *ParseError) {
	byName := map[string][]int{}
	for i, h := range header {
		n := normHeader(h)
		byName[n] = append(byName[n], i)
	}
	cols := map[string]int{}
	for _, c := range csvColumns {
		for _, n := range c.names {
			idx := byName[n]
			if len(idx) == 0 {
				continue
			}
			if len(idx) > 1 {
				return nil, &ParseError{File: f.name, Line: 1,
					Msg:  fmt.Sprintf("column %q appears %d times", strings.TrimSpace(header[idx[0]]), len(idx)),
					Hint: "keep one column of that name"}
			}
			cols[c.field] = idx[0]
			break
		}
	}
	if _, ok := cols["key"]; !ok {
		shown := header
		if len(shown) > 8 {
			shown = append(shown[:8:8], "...")
		}
		return nil, &ParseError{File: f.name, Line: 1,
			Msg:  fmt.Sprintf("the header names no key column (it has: %s)", strings.Join(shown, ", ")),
			Hint: `start the file with a header row naming a column key, id, number or "Issue key"`}
	}
	return cols, nil
}

func (f *fileTracker) csvErr(err error) *ParseError {
	pe := &ParseError{File: f.name, Msg: err.Error(),
		Hint: "quote fields that hold quotes or the separator, and double the quotes inside"}
	var ce *csv.ParseError
	if errors.As(err, &ce) {
		pe.Line, pe.Column, pe.Msg = ce.Line, ce.Column, ce.Err.Error()
	}
	return pe
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// sniffComma picks the separator of the header line: spreadsheets in many
// locales export with ";" and some tools with tabs.
func sniffComma(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, b := range data {
		if b == '"' {
			quoted = !quoted
		}
		if !quoted && b == '\n' {
			break
		}
		if !quoted && (b == ',' || b == ';' || b == '\t') {
			counts[rune(b)]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}
