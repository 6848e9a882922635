package threat

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/assure-dev/assure/internal/model"
)

// maxFileSize bounds one threat model file, as the root model does: the
// files are hand-written, anything bigger is a mistake.
const maxFileSize = 4 << 20

// ErrNotConfigured is returned by Load when the root model names no threat
// model files.
var ErrNotConfigured = errors.New("the model has no threat model: threat_model.files is not set")

// Source is one threat model file's name (as diagnostics show it) and bytes.
type Source struct {
	Name string
	Data []byte
}

// Load reads the threat model files the root model rm names
// (threat_model.files, globs relative to the repository root) and validates
// them. Files are read through an os.Root, so no glob or symlink reaches
// outside the repository. On bad input the error is a *model.Error listing
// every problem as file:line:col with a hint.
func Load(root string, rm *model.Model) (*Model, error) {
	if rm == nil || !rm.ThreatModel.Configured() {
		return nil, ErrNotConfigured
	}
	if root == "" {
		root = "."
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("cannot open the repository root %s: %w", root, err)
	}
	defer r.Close()
	fsys := r.FS()
	var ds diags
	var srcs []Source
	seen := map[string]bool{}
	tm := rm.ThreatModel
	for i, pattern := range tm.Files {
		at := rm.Root
		var where Pos
		if i < len(tm.FilesPos) {
			where = tm.FilesPos[i]
		} else {
			where = Pos{File: at}
		}
		matches, err := doublestar.Glob(fsys, pattern, doublestar.WithFilesOnly())
		if err != nil {
			ds.add(where, fmt.Sprintf("threat_model.files %q: %v", pattern, err), "")
			continue
		}
		if len(matches) == 0 {
			ds.add(where, fmt.Sprintf("threat_model.files %q matches no file", pattern),
				"globs are relative to the repository root, e.g. security/threats/*.yaml")
			continue
		}
		sort.Strings(matches)
		for _, name := range matches {
			if seen[name] {
				continue
			}
			seen[name] = true
			data, err := readFile(fsys, name)
			if err != nil {
				ds.add(Pos{File: name}, err.Error(), "")
				continue
			}
			srcs = append(srcs, Source{Name: name, Data: data})
		}
	}
	if len(ds) > 0 {
		return nil, ds.err()
	}
	return Parse(srcs, rm)
}

func readFile(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if st.Size() > maxFileSize {
		return nil, fmt.Errorf("file is larger than %d bytes", maxFileSize)
	}
	return fs.ReadFile(fsys, name)
}

// Parse builds the threat model from files already read; rm (may be nil)
// resolves modules and people. Each file is parsed and checked against the
// schema; when every file passes, the merged model is checked as a whole.
func Parse(srcs []Source, rm *model.Model) (*Model, error) {
	var ds diags
	var docs []*parsed
	for _, s := range srcs {
		d, err := model.ParseDocument(s.Name, s.Data)
		if err != nil {
			ds.addErr(s.Name, err)
			continue
		}
		if err := model.ValidateThreatModelFile(d); err != nil {
			ds.addErr(s.Name, err)
			continue
		}
		p := &parsed{doc: d}
		if d.Value != nil {
			if err := decode(d.Value, &p.raw); err != nil {
				ds.add(d.Pos(""), err.Error(), "")
				continue
			}
		}
		docs = append(docs, p)
	}
	if len(ds) > 0 {
		return nil, ds.err()
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].doc.File < docs[j].doc.File })
	m := assemble(docs)
	m.Root = rm
	validate(m, docs, &ds)
	if len(ds) > 0 {
		return nil, ds.err()
	}
	sortModel(m)
	m.Reindex()
	return m, nil
}

// parsed is one file: its document (for positions) and its decoded form.
type parsed struct {
	doc *model.Document
	raw rawFile
}

// rawFile is a file as written. Most lists decode straight into the model
// types; threats carry their treatment inline and not_applicable may say
// "all", so those two have their own shape.
type rawFile struct {
	Module           string           `json:"module"`
	Review           *Review          `json:"review"`
	Assets           []Asset          `json:"assets"`
	ExternalEntities []Element        `json:"external_entities"`
	Processes        []Element        `json:"processes"`
	DataStores       []Element        `json:"data_stores"`
	DataFlows        []Flow           `json:"data_flows"`
	TrustBoundaries  []Boundary       `json:"trust_boundaries"`
	Threats          []rawEntry       `json:"threats"`
	Countermeasures  []Countermeasure `json:"countermeasures"`
	Assumptions      []Assumption     `json:"assumptions"`
	NotApplicable    []rawNA          `json:"not_applicable"`
	Layout           map[string]any   `json:"layout"`
}

type rawEntry struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	STRIDE      STRIDE   `json:"stride"`
	Elements    []string `json:"elements"`
	Assets      []string `json:"assets"`
	CWE         []int    `json:"cwe"`
	CVSS        string   `json:"cvss"`
	Treatment
	TreatmentStatus Status `json:"treatment"`
}

type rawNA struct {
	Element string   `json:"element"`
	STRIDE  []string `json:"stride"`
	Reason  string   `json:"reason"`
}

// decode goes through encoding/json so the json tags are the one source of
// truth, as the root model does. The schema has checked types already;
// what can still fail is a number too large for an int.
func decode(v any, out *rawFile) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("cannot decode the threat model: %v", err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return fmt.Errorf("%s: number out of range", te.Field)
		}
		return fmt.Errorf("cannot decode the threat model: %v", err)
	}
	return nil
}

// assemble merges the files in path order and gives every item its
// position and, when it names none, its file's module.
func assemble(docs []*parsed) *Model {
	m := &Model{}
	for _, p := range docs {
		d, r := p.doc, &p.raw
		f := File{Path: d.File, Module: r.Module, Review: r.Review, Layout: r.Layout}
		if f.Review != nil {
			f.Review.Pos = d.Pos("/review")
		}
		m.Files = append(m.Files, f)
		mod := func(s string) string {
			if s == "" {
				return r.Module
			}
			return s
		}
		for i, a := range r.Assets {
			a.Pos, a.Module = d.Pos(ptr("assets", i)), mod(a.Module)
			m.Assets = append(m.Assets, a)
		}
		for _, list := range []struct {
			key   string
			kind  Kind
			items []Element
		}{{"external_entities", ExternalEntity, r.ExternalEntities}, {"processes", Process, r.Processes}, {"data_stores", DataStore, r.DataStores}} {
			for i, e := range list.items {
				e.Kind, e.Pos, e.Module = list.kind, d.Pos(ptr(list.key, i)), mod(e.Module)
				m.Elements = append(m.Elements, e)
			}
		}
		for i, fl := range r.DataFlows {
			fl.Pos, fl.Module = d.Pos(ptr("data_flows", i)), r.Module
			m.Flows = append(m.Flows, fl)
		}
		for i, b := range r.TrustBoundaries {
			b.Pos, b.Module = d.Pos(ptr("trust_boundaries", i)), r.Module
			m.Boundaries = append(m.Boundaries, b)
		}
		for i, t := range r.Threats {
			tr := t.Treatment
			tr.Status = t.TreatmentStatus
			if tr.Status == "" {
				tr.Status = Open
			}
			m.Entries = append(m.Entries, Entry{
				ID: t.ID, Title: t.Title, Description: t.Description, STRIDE: t.STRIDE,
				Elements: t.Elements, Assets: t.Assets, CWE: t.CWE, CVSS: t.CVSS, Treatment: tr,
				Module: r.Module, Pos: d.Pos(ptr("threats", i)), CVSSPos: d.Pos(ptr("threats", i) + "/cvss"),
			})
		}
		for i, c := range r.Countermeasures {
			c.Pos, c.Module = d.Pos(ptr("countermeasures", i)), r.Module
			if c.Status == "" {
				c.Status = "implemented"
			}
			for j := range c.Tests {
				c.Tests[j].Pos = d.Pos(ptr("countermeasures", i) + "/tests/" + strconv.Itoa(j))
			}
			m.Countermeasures = append(m.Countermeasures, c)
		}
		for i, a := range r.Assumptions {
			a.Pos, a.Module = d.Pos(ptr("assumptions", i)), r.Module
			m.Assumptions = append(m.Assumptions, a)
		}
		for i, n := range r.NotApplicable {
			e := NotApplicableEntry{Element: n.Element, Reason: n.Reason, Pos: d.Pos(ptr("not_applicable", i))}
			for _, s := range n.STRIDE {
				if s == "all" {
					e.STRIDE = append(e.STRIDE, Categories...)
					continue
				}
				e.STRIDE = append(e.STRIDE, STRIDE(s))
			}
			m.NotApplicable = append(m.NotApplicable, e)
		}
	}
	return m
}

func ptr(list string, i int) string { return "/" + list + "/" + strconv.Itoa(i) }

// sortModel orders every list by id so nothing downstream depends on the
// order of files or entries.
func sortModel(m *Model) {
	sort.SliceStable(m.Assets, func(i, j int) bool { return m.Assets[i].ID < m.Assets[j].ID })
	sort.SliceStable(m.Elements, func(i, j int) bool { return m.Elements[i].ID < m.Elements[j].ID })
	sort.SliceStable(m.Flows, func(i, j int) bool { return m.Flows[i].ID < m.Flows[j].ID })
	sort.SliceStable(m.Boundaries, func(i, j int) bool { return m.Boundaries[i].ID < m.Boundaries[j].ID })
	sort.SliceStable(m.Entries, func(i, j int) bool { return m.Entries[i].ID < m.Entries[j].ID })
	sort.SliceStable(m.Countermeasures, func(i, j int) bool { return m.Countermeasures[i].ID < m.Countermeasures[j].ID })
	sort.SliceStable(m.Assumptions, func(i, j int) bool { return m.Assumptions[i].ID < m.Assumptions[j].ID })
	sort.SliceStable(m.NotApplicable, func(i, j int) bool {
		a, b := m.NotApplicable[i], m.NotApplicable[j]
		if a.Element != b.Element {
			return a.Element < b.Element
		}
		return posLess(a.Pos, b.Pos)
	})
}

func posLess(a, b Pos) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

// diags collects diagnostics; the error is a *model.Error so callers treat
// the threat model's problems like the root model's.
type diags []model.Diagnostic

func (d *diags) add(pos Pos, msg, hint string) {
	*d = append(*d, model.Diagnostic{Pos: pos, Message: msg, Hint: hint})
}

func (d *diags) addErr(file string, err error) {
	var me *model.Error
	if errors.As(err, &me) {
		*d = append(*d, me.Diagnostics...)
		return
	}
	d.add(Pos{File: file}, err.Error(), "")
}

func (d diags) err() error {
	if len(d) == 0 {
		return nil
	}
	ds := append([]model.Diagnostic(nil), d...)
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Pos != ds[j].Pos {
			return posLess(ds[i].Pos, ds[j].Pos)
		}
		return ds[i].Message < ds[j].Message
	})
	out := ds[:0]
	for i, x := range ds {
		if i > 0 && x == ds[i-1] {
			continue
		}
		out = append(out, x)
	}
	return &model.Error{Diagnostics: out}
}
