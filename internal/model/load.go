package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// DefaultPath is where the root model file lives in a repository.
const DefaultPath = "security/assure.yaml"

// maxFileSize bounds one model file; a security model is hand-written and
// small, anything bigger is a mistake (or an attack on the gate).
const maxFileSize = 4 << 20

// LoadOptions tune validation to the caller. The model package knows
// nothing about checks, so the caller hands in what it knows.
type LoadOptions struct {
	// KnownChecks are the check ids profiles may name. Nil skips the test.
	KnownChecks []string
}

// Load reads the model rooted at path (relative to the repository root
// root), follows its includes and validates everything. On failure the
// error is an *Error listing every problem found.
func Load(root, path string) (*Model, error) {
	return LoadWith(root, path, LoadOptions{})
}

// LoadWith is Load with options.
func LoadWith(root, file string, opts LoadOptions) (*Model, error) {
	if root == "" {
		root = "."
	}
	name, err := rootRelative(root, file)
	if err != nil {
		return nil, &Error{Diagnostics: []Diagnostic{{Pos: Pos{File: filepath.ToSlash(file)}, Message: err.Error(),
			Hint: "give the model file relative to the repository root"}}}
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, &Error{Diagnostics: []Diagnostic{{Pos: Pos{File: name},
			Message: fmt.Sprintf("cannot open the repository root %s: %v", root, unwrapPathError(err))}}}
	}
	defer r.Close()
	l := &loader{fsys: r.FS(), seen: map[string]Pos{}}
	l.load(name, Pos{}, false)
	if len(l.ds) > 0 {
		return nil, l.ds.err()
	}
	m := l.assemble(name)
	if ds := validateSemantics(m, l.srcs, opts); len(ds) > 0 {
		return nil, ds.err()
	}
	m.Reindex()
	return m, nil
}

func rootRelative(root, file string) (string, error) {
	if file == "" {
		file = DefaultPath
	}
	if filepath.IsAbs(file) {
		absRoot, err := filepath.Abs(root)
		if err != nil {
			return "", err
		}
		rel, err := filepath.Rel(absRoot, file)
		if err != nil {
			return "", fmt.Errorf("model file is not inside the repository root %s", root)
		}
		file = rel
	}
	name := path.Clean(filepath.ToSlash(file))
	if !fs.ValidPath(name) || name == "." {
		return "", fmt.Errorf("model file is not inside the repository root %s", root)
	}
	return name, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fileDoc is one file as decoded; only the root may set the first three.
type fileDoc struct {
	Version int      `json:"version"`
	Project Project  `json:"project"`
	Policy  Policy   `json:"policy"`
	Include []string `json:"include"`
	People  []Person `json:"people"`
	Modules []Module `json:"modules"`

	Analysis    Analysis    `json:"analysis"`
	Complexity  Complexity  `json:"complexity"`
	Kconfig     Kconfig     `json:"kconfig"`
	ThreatModel ThreatModel `json:"threat_model"`
}

type loadedFile struct {
	name string
	idx  posIndex
	doc  fileDoc
}

// src remembers where a merged list entry came from, so semantic problems
// found after merging still point into the right file.
type src struct {
	file string
	idx  posIndex
	ptr  string
}

func (s src) pos(sub string) Pos   { return s.idx.at(s.file, s.ptr+sub) }
func (s src) child(sub string) src { return src{file: s.file, idx: s.idx, ptr: s.ptr + sub} }

type sources struct {
	root    src
	people  []src
	modules []src
}

type loader struct {
	fsys  fs.FS
	ds    diags
	files []*loadedFile
	seen  map[string]Pos // file -> where it was first included
	stack []string
	srcs  sources
}

// load reads one file and, depth-first, what it includes. from is the
// include entry that named it (zero for the root file).
func (l *loader) load(name string, from Pos, included bool) {
	for i, s := range l.stack {
		if s == name {
			cycle := append(append([]string(nil), l.stack[i:]...), name)
			l.ds.add(from, "include cycle: "+strings.Join(cycle, " -> "), "remove one of these includes")
			return
		}
	}
	if first, ok := l.seen[name]; ok {
		l.ds.add(from, fmt.Sprintf("%s is included more than once", name), "first included at "+first.String())
		return
	}
	l.seen[name] = from
	data, ok := l.read(name, from, included)
	if !ok {
		return
	}
	doc, idx, ds := parseYAML(name, data)
	l.ds = append(l.ds, ds...)
	if idx == nil || len(ds) > 0 {
		return
	}
	schemaDs := validateSchema(name, doc, idx, included)
	l.ds = append(l.ds, schemaDs...)
	f := &loadedFile{name: name, idx: idx}
	if len(schemaDs) == 0 {
		if field, err := decode(doc, &f.doc); err != nil {
			l.ds.add(idx.at(name, "/"+strings.ReplaceAll(field, ".", "/")), err.Error(), "")
		}
	}
	l.files = append(l.files, f)
	l.stack = append(l.stack, name)
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()
	for i, entry := range includeEntries(doc) {
		if entry == "" {
			continue // the schema has already complained
		}
		l.include(name, entry, idx.at(name, "/include/"+strconv.Itoa(i)))
	}
}

func (l *loader) read(name string, from Pos, included bool) ([]byte, bool) {
	where, subject := from, "included file "+strconv.Quote(name)
	if !included {
		where, subject = Pos{File: name}, ""
	}
	say := func(msg, hint string) {
		if subject != "" {
			msg = subject + ": " + msg
		}
		l.ds.add(where, msg, hint)
	}
	st, err := fs.Stat(l.fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		hint := "check the include path; it is relative to the including file"
		if !included {
			hint = `run "assure init" to create a starter model`
		}
		say("no such file", hint)
		return nil, false
	case err != nil:
		say(unwrapPathError(err).Error(), "")
		return nil, false
	case st.IsDir():
		say("is a directory, not a YAML file", "name a file, or a glob such as dir/*.yaml")
		return nil, false
	case st.Size() > maxFileSize:
		say(fmt.Sprintf("file is larger than %d bytes", maxFileSize), "")
		return nil, false
	}
	data, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		say(unwrapPathError(err).Error(), "")
		return nil, false
	}
	return data, true
}

func (l *loader) include(from, entry string, at Pos) {
	if strings.HasPrefix(entry, "/") || filepath.IsAbs(entry) {
		l.ds.add(at, fmt.Sprintf("include %q is an absolute path", entry), "include paths are relative to the including file")
		return
	}
	target := path.Join(path.Dir(from), entry)
	if !fs.ValidPath(target) {
		l.ds.add(at, fmt.Sprintf("include %q points outside the repository", entry), "keep the model inside the repository")
		return
	}
	if !hasMeta(entry) {
		l.load(target, at, true)
		return
	}
	if !doublestar.ValidatePattern(target) {
		l.ds.add(at, fmt.Sprintf("include %q is not a valid glob", entry), "check brackets and braces")
		return
	}
	matches, err := doublestar.Glob(l.fsys, target, doublestar.WithFilesOnly())
	if err != nil {
		l.ds.add(at, fmt.Sprintf("include %q: %v", entry, err), "")
		return
	}
	if len(matches) == 0 {
		l.ds.add(at, fmt.Sprintf("include %q matches no file", entry), "remove the entry or fix the pattern")
		return
	}
	sort.Strings(matches)
	for _, m := range matches {
		l.load(m, at, true)
	}
}

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[{\\") }

// includeEntries reads the include list from a document that may not have
// passed the schema; wrong-typed entries come back as "".
func includeEntries(doc any) []string {
	m, _ := doc.(map[string]any)
	list, _ := m["include"].([]any)
	out := make([]string, len(list))
	for i, v := range list {
		out[i], _ = v.(string)
	}
	return out
}

// decode turns a schema-valid document into its Go form. Going through
// encoding/json keeps a single source of truth: the json tags. The schema
// has already checked types, so what can still fail is a number too large
// for an int; field is its dotted path.
func decode(doc any, out *fileDoc) (field string, err error) {
	b, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("cannot decode the model: %v", err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return te.Field, fmt.Errorf("%s: number out of range", te.Field)
		}
		return "", fmt.Errorf("cannot decode the model: %v", err)
	}
	return "", nil
}

// assemble merges the loaded files: the root's settings, then everyone's
// people and modules in include order.
func (l *loader) assemble(root string) *Model {
	m := &Model{Root: root}
	for i, f := range l.files {
		m.Files = append(m.Files, f.name)
		if i == 0 {
			m.Version, m.Project, m.Policy, m.Include = f.doc.Version, f.doc.Project, f.doc.Policy, f.doc.Include
			m.Analysis, m.Complexity, m.Kconfig, m.ThreatModel = f.doc.Analysis, f.doc.Complexity, f.doc.Kconfig, f.doc.ThreatModel
			l.srcs.root = src{file: f.name, idx: f.idx}
		}
		for j, p := range f.doc.People {
			s := src{file: f.name, idx: f.idx, ptr: "/people/" + strconv.Itoa(j)}
			p.Pos = s.pos("")
			m.People = append(m.People, p)
			l.srcs.people = append(l.srcs.people, s)
		}
		for j, mod := range f.doc.Modules {
			s := src{file: f.name, idx: f.idx, ptr: "/modules/" + strconv.Itoa(j)}
			mod.Pos = s.pos("")
			m.Modules = append(m.Modules, mod)
			l.srcs.modules = append(l.srcs.modules, s)
		}
	}
	return m
}
