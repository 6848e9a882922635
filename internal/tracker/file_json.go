package tracker

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/assure-dev/assure/internal/jsonpos"
)

func (f *fileTracker) readJSON(data []byte) error {
	root, err := parseJSON(data)
	if err != nil {
		return f.jsonErr(data, err, "fix the JSON or export the issue list again")
	}
	list, prefix := root, ""
	if root.Kind == jsonpos.Object {
		v, k := root.First("issues", "items")
		if v == nil {
			return f.jsonErr(data, &jsonpos.Error{Off: root.Off, Msg: `want an array of issues or a search response {"issues": [...]}`},
				"export the issues as a JSON array, or save Jira's /rest/api/2/search response")
		}
		if v.Kind != jsonpos.Array {
			return f.jsonErr(data, wrongType(v, k, "an array of issues"), "")
		}
		list, prefix = v, k
		if err := incomplete(root, len(v.Elems)); err != nil {
			return f.jsonErr(data, err, "export every page (raise maxResults or page with startAt) and merge them into one issues array")
		}
	}
	seen := map[string]where{}
	lines := jsonpos.NewLines(data)
	for i, n := range list.Elems {
		path := jsonpos.Index(prefix, i)
		is, err := anyIssue(n, path)
		if err != nil {
			return f.jsonErr(data, err, "")
		}
		line, col := lines.Pos(n.Off)
		if perr := f.add(is, where{line, col}, seen); perr != nil {
			perr.Path = path
			return perr
		}
	}
	return nil
}

// incomplete catches a search response that holds one page of many: its
// missing issues would otherwise surface as "no such issue" for references
// that are fine.
func incomplete(root *jsonpos.Value, n int) error {
	flag := func(name string, val bool) *jsonpos.Value {
		v, _ := root.First(name)
		if v != nil && v.Kind == jsonpos.Bool && v.Bool == val {
			return v
		}
		return nil
	}
	if v := flag("isLast", false); v != nil {
		return &jsonpos.Error{Off: v.Off, Path: "isLast", Msg: "the search response is one page of several"}
	}
	if v := flag("incomplete_results", true); v != nil {
		return &jsonpos.Error{Off: v.Off, Path: "incomplete_results", Msg: "GitHub says the search results are incomplete"}
	}
	start := 0
	if v, _ := root.First("startAt"); v != nil && v.Kind == jsonpos.Number {
		start, _ = strconv.Atoi(v.Str)
	}
	v, k := root.First("total", "total_count")
	if v == nil || v.Kind != jsonpos.Number {
		return nil
	}
	if total, err := strconv.Atoi(v.Str); err == nil && (start > 0 || total > n) {
		return &jsonpos.Error{Off: v.Off, Path: k,
			Msg: fmt.Sprintf("the search response holds %d issues from %d of %d", n, start, total)}
	}
	return nil
}

func (f *fileTracker) jsonErr(data []byte, err error, hint string) *ParseError {
	if hint == "" {
		hint = "correct the value, or export the issue list again with the tracker's own export"
	}
	pe := &ParseError{File: f.name, Msg: err.Error(), Hint: hint}
	var je *jsonpos.Error
	if errors.As(err, &je) {
		pe.Line, pe.Column = jsonpos.LineCol(data, je.Off)
		pe.Path, pe.Msg = je.Path, je.Msg
	}
	return pe
}
