package jsonpos

import (
	"sort"
	"strconv"
	"unicode/utf8"
)

// Error is a problem at a place in a JSON document: a syntax error (Path
// empty) or a value of the wrong type or form at Path. Off is a byte offset
// in the parsed data; turn it into a line and column with Lines or LineCol.
type Error struct {
	Off  int
	Path string
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Key appends an object key to a field path: a.b for a plain identifier,
// a["Code-Review"] for any other key, so that every path reads back
// unambiguously.
func Key(path, key string) string {
	plain := key != ""
	for i, r := range key {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			plain = false
			break
		}
	}
	switch {
	case !plain:
		return path + "[" + strconv.Quote(key) + "]"
	case path == "":
		return key
	}
	return path + "." + key
}

// Index appends an array index to a field path: a[3].
func Index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// Lines finds the line and column of many offsets without rescanning the
// data for each, which would make large exports quadratic.
type Lines struct {
	data   []byte
	starts []int // byte offset of each line's start
}

// NewLines indexes the lines of data.
func NewLines(data []byte) *Lines {
	l := &Lines{data: data, starts: []int{0}}
	for i, b := range data {
		if b == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// Pos is the 1-based line and 1-based column, counted in characters as an
// editor shows it, of a byte offset. Offsets outside the data are clamped.
func (l *Lines) Pos(off int) (line, col int) {
	off = max(0, min(off, len(l.data)))
	i := sort.SearchInts(l.starts, off+1) - 1
	return i + 1, 1 + utf8.RuneCount(l.data[l.starts[i]:off])
}

// LineCol is Lines.Pos for a single offset.
func LineCol(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	line, start := 1, 0
	for i, b := range data[:off] {
		if b == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, 1 + utf8.RuneCount(data[start:off])
}
