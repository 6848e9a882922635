package model

// Document is a YAML file decoded to plain values — map[string]any, []any,
// string, int64, uint64, float64, bool and nil — that remembers where each
// value was written. The model loader is built on it; other readers of
// hand-written YAML (MAINTAINERS.yml for assure init) use it to report
// problems as file:line:col too.
type Document struct {
	File  string
	Value any
	idx   posIndex
}

// ParseDocument parses src, one YAML document, named file in diagnostics.
// Anchors, aliases and merge keys are resolved. The error is an *Error.
func ParseDocument(file string, src []byte) (*Document, error) {
	v, idx, ds := parseYAML(file, src)
	if len(ds) > 0 {
		return nil, ds.err()
	}
	return &Document{File: file, Value: v, idx: idx}, nil
}

// Pos returns where the value at pointer (RFC 6901, "" for the whole
// document, "/a/0/b" for a.0.b) was written, or where its closest known
// ancestor was.
func (d *Document) Pos(pointer string) Pos { return d.idx.at(d.File, pointer) }

// KeyPos is Pos for the key of a mapping entry; for list items it is Pos.
func (d *Document) KeyPos(pointer string) Pos { return d.idx.keyAt(d.File, pointer) }

// Pointer joins a JSON pointer and one more reference token, escaping it.
func Pointer(base string, token string) string { return joinPtr(base, token) }
