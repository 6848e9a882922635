package importer

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// field is one key of a mapping; value is string, bool, int, []string or
// []int. Empty values are left out.
type field struct {
	key   string
	value any
}

// item is one entry of a list in the threat model file, with comment lines
// written above it.
type item struct {
	comments []string
	fields   []field
}

// section is a top-level list of the file.
type section struct {
	key   string
	items []item
}

// file is the threat model file being written.
type file struct {
	header   []string
	module   string
	sections []section
}

func (f *file) add(key string, it item) {
	for i := range f.sections {
		if f.sections[i].key == key {
			f.sections[i].items = append(f.sections[i].items, it)
			return
		}
	}
	f.sections = append(f.sections, section{key: key, items: []item{it}})
}

// order is the order of sections in the file, as people write them.
var order = []string{"assets", "trust_boundaries", "external_entities", "processes", "data_stores", "data_flows", "threats", "countermeasures", "assumptions", "not_applicable"}

func (f *file) bytes() []byte {
	var b strings.Builder
	for _, h := range f.header {
		comment(&b, "", h)
	}
	if f.module != "" {
		b.WriteString("module: " + scalar(f.module) + "\n")
	}
	for _, key := range order {
		for _, s := range f.sections {
			if s.key != key || len(s.items) == 0 {
				continue
			}
			b.WriteString("\n" + key + ":\n")
			for _, it := range s.items {
				for _, c := range it.comments {
					comment(&b, "  ", c)
				}
				first := true
				for _, fl := range it.fields {
					v, ok := render(fl.value)
					if !ok {
						continue
					}
					if first {
						b.WriteString("  - ")
						first = false
					} else {
						b.WriteString("    ")
					}
					b.WriteString(fl.key + ": " + v + "\n")
				}
			}
		}
	}
	return []byte(b.String())
}

func comment(b *strings.Builder, indent, text string) {
	for _, l := range strings.Split(text, "\n") {
		b.WriteString(strings.TrimRight(indent+"# "+l, " ") + "\n")
	}
}

func render(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return "", false
		}
		return scalar(x), true
	case bool:
		if !x {
			return "", false
		}
		return "true", true
	case int:
		return strconv.Itoa(x), true
	case []string:
		if len(x) == 0 {
			return "", false
		}
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = scalar(s)
		}
		return "[" + strings.Join(parts, ", ") + "]", true
	case []int:
		if len(x) == 0 {
			return "", false
		}
		parts := make([]string, len(x))
		for i, n := range x {
			parts[i] = strconv.Itoa(n)
		}
		return "[" + strings.Join(parts, ", ") + "]", true
	}
	return "", false
}

// plain are strings YAML reads back as the same string without quotes.
var plain = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._@+/-]*$`)

// scalar writes s plain when YAML reads it back unchanged, else as a
// double-quoted string (JSON's quoting is valid YAML).
func scalar(s string) string {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n":
	default:
		if plain.MatchString(s) {
			return s
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}
