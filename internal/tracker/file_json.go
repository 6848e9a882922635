package tracker

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"
)

func (f *fileTracker) readJSON(data []byte) error {
	root, err := parseJSON(data)
	if err != nil {
		return f.jsonErr(data, err, "fix the JSON or export the issue list again")
	}
	list, prefix := root, ""
	if root.kind == jObject {
		v, k := root.get("issues", "items")
		if v == nil {
			return f.jsonErr(data, &jsonError{off: root.off, msg: `want an array of issues or a search response {"issues": [...]}`},
				"export the issues as a JSON array, or save Jira's /rest/api/2/search response")
		}
		if v.kind != jArray {
			return f.jsonErr(data, v.wrongType(k, "an array of issues"), "")
		}
		list, prefix = v, k
		if err := incomplete(root, len(v.arr)); err != nil {
			return f.jsonErr(data, err, "export every page (raise maxResults or page with startAt) and merge them into one issues array")
		}
	}
	seen := map[string]where{}
	lines := newLineIndex(data)
	for i, n := range list.arr {
		path := prefix + "[" + strconv.Itoa(i) + "]"
		is, err := anyIssue(n, path)
		if err != nil {
			return f.jsonErr(data, err, "")
		}
		line, col := lines.pos(n.off)
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
func incomplete(root *jnode, n int) error {
	flag := func(name, val string) *jnode {
		v, _ := root.get(name)
		if v != nil && v.kind == jBool && v.str == val {
			return v
		}
		return nil
	}
	if v := flag("isLast", "false"); v != nil {
		return &jsonError{off: v.off, path: "isLast", msg: "the search response is one page of several"}
	}
	if v := flag("incomplete_results", "true"); v != nil {
		return &jsonError{off: v.off, path: "incomplete_results", msg: "GitHub says the search results are incomplete"}
	}
	start := 0
	if v, _ := root.get("startAt"); v != nil && v.kind == jNumber {
		start, _ = strconv.Atoi(v.str)
	}
	v, k := root.get("total", "total_count")
	if v == nil || v.kind != jNumber {
		return nil
	}
	if total, err := strconv.Atoi(v.str); err == nil && (start > 0 || total > n) {
		return &jsonError{off: v.off, path: k,
			msg: fmt.Sprintf("the search response holds %d issues from %d of %d", n, start, total)}
	}
	return nil
}

func (f *fileTracker) jsonErr(data []byte, err error, hint string) *ParseError {
	if hint == "" {
		hint = "correct the value, or export the issue list again with the tracker's own export"
	}
	pe := &ParseError{File: f.name, Msg: err.Error(), Hint: hint}
	var je *jsonError
	if errors.As(err, &je) {
		pe.Line, pe.Column = lineCol(data, je.off)
		pe.Path, pe.Msg = je.path, je.msg
	}
	return pe
}

// lineIndex finds the lines of many offsets without rescanning the
// document for each, which would make large exports quadratic.
type lineIndex struct {
	data   []byte
	starts []int // byte offset of each line's start
}

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{data: data, starts: []int{0}}
	for i, b := range data {
		if b == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

func (li *lineIndex) pos(off int) (line, col int) {
	off = max(0, min(off, len(li.data)))
	i := sort.SearchInts(li.starts, off+1) - 1
	return i + 1, 1 + utf8.RuneCount(li.data[li.starts[i]:off])
}

// lineCol turns a byte offset into the line and column an editor shows.
func lineCol(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[start:])
}
