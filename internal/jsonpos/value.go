// Package jsonpos is JSON decoded into a tree that remembers where every
// value was, so parsers of exported files can name file:line:col and the
// field path of a problem.
//
// encoding/json forgets where a value was once it is decoded, and its
// Decoder does not report reliable offsets for a stream of documents (which
// `gh api --paginate` and `gerrit query` both produce). The parser here
// accepts exactly the documents encoding/json accepts and decodes them to
// the same values; it is fuzzed against encoding/json to keep it so.
package jsonpos

// Kind is the type of a JSON value.
type Kind uint8

// The kinds of JSON values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// String names the kind the way an error message wants it: "a string".
func (k Kind) String() string {
	if k > Object {
		return "an unknown kind"
	}
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// Value is a parsed JSON value and the byte offset where it starts.
type Value struct {
	Kind  Kind
	Off   int      // byte offset of the value's first byte in the parsed data
	Str   string   // String: the unescaped value; Number: the literal as written
	Bool  bool     // Bool: the value
	Elems []*Value // Array: the elements
	// Object: the members in document order. A key that repeats is kept
	// each time; Get answers with the last, as encoding/json does.
	Keys []string
	Vals []*Value
}

// Get is the value of key, the last one when a key repeats, or nil when v
// is nil, not an object or has no such key. A null member is returned.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := len(v.Keys) - 1; i >= 0; i-- {
		if v.Keys[i] == key {
			return v.Vals[i]
		}
	}
	return nil
}

// First returns the value of the first of names that is present and not
// null, and that name. Exports spell one field several ways (html_url or
// url, key or id); a null member is as good as an absent one.
func (v *Value) First(names ...string) (*Value, string) {
	for _, k := range names {
		if m := v.Get(k); m != nil && m.Kind != Null {
			return m, k
		}
	}
	return nil, ""
}
