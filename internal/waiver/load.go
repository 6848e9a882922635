package waiver

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// maxFileSize bounds the registry: 5,000 waivers take about 3 MB.
const maxFileSize = 32 << 20

// Version is the registry format this package reads and writes.
const Version = 1

// Keys of a waiver entry, in the order the commands write them.
var waiverKeys = []string{
	"id", "status", "tool", "tool_version", "rule", "file", "line", "fingerprint",
	"analysis_date", "branch", "revision", "category", "reason", "author", "approvers", "expires",
}

var topKeys = []string{"version", "next_id", "retired", "waivers"}

// Load reads the registry at file, relative to the repository root. A
// registry that does not exist yet is empty: a project starts without
// waivers. Problems with the file's shape are a *model.Error naming
// file:line:col; problems with what a waiver says are for Validate.
func Load(root, file string) (*Registry, error) {
	if file == "" {
		file = DefaultPath
	}
	name := path.Clean(filepath.ToSlash(file))
	if !fs.ValidPath(name) || name == "." {
		return nil, diagErr(model.Pos{File: file}, "the waiver registry must be a path inside the repository",
			"write it relative to the repository root, e.g. "+DefaultPath)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("opening the repository root %s: %w", root, err)
	}
	defer r.Close()
	f, err := r.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return &Registry{File: name, Version: Version, NextID: 1}, nil
	}
	if err != nil {
		return nil, diagErr(model.Pos{File: name}, "cannot read the waiver registry: "+unwrap(err).Error(), "")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, diagErr(model.Pos{File: name}, "cannot read the waiver registry: "+unwrap(err).Error(), "")
	}
	if len(data) > maxFileSize {
		return nil, diagErr(model.Pos{File: name}, fmt.Sprintf("the waiver registry is larger than %d MB", maxFileSize>>20),
			"a registry this large is a mistake; split nothing, remove stale waivers")
	}
	return Parse(name, data)
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse reads a registry from data, named file in diagnostics.
func Parse(file string, data []byte) (*Registry, error) {
	doc, err := model.ParseDocument(file, data)
	if err != nil {
		return nil, err
	}
	d := &decoder{doc: doc}
	reg := &Registry{File: file, Header: header(data), retired: map[string]model.Pos{}}
	d.registry(reg)
	if len(d.ds) > 0 {
		return nil, &model.Error{Diagnostics: d.ds}
	}
	return reg, nil
}

// header is the comment block at the top of the file.
func header(data []byte) string {
	var b strings.Builder
	for line := range strings.Lines(string(data)) {
		t := strings.TrimSpace(line)
		if t != "" && !strings.HasPrefix(t, "#") {
			break
		}
		b.WriteString(strings.TrimRight(line, " \t\r\n"))
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func diagErr(p model.Pos, msg, hint string) error {
	return &model.Error{Diagnostics: []model.Diagnostic{{Pos: p, Message: msg, Hint: hint}}}
}

// decoder turns the document into a Registry, collecting every problem of
// shape (wrong type, unknown key) with its position.
type decoder struct {
	doc *model.Document
	ds  []model.Diagnostic
}

func (d *decoder) fail(ptr, msg, hint string) {
	d.ds = append(d.ds, model.Diagnostic{Pos: d.doc.Pos(ptr), Message: msg, Hint: hint})
}

func (d *decoder) failKey(ptr, msg, hint string) {
	d.ds = append(d.ds, model.Diagnostic{Pos: d.doc.KeyPos(ptr), Message: msg, Hint: hint})
}

func (d *decoder) registry(reg *Registry) {
	if d.doc.Value == nil {
		reg.Version, reg.NextID = Version, 1
		return
	}
	top, ok := d.doc.Value.(map[string]any)
	if !ok {
		d.fail("", "the waiver registry must be a mapping with version, next_id and waivers",
			"start the file with \"version: 1\"; see docs/waivers.md")
		return
	}
	d.unknownKeys(top, "", topKeys, "the registry")
	reg.Version = d.integer(top, "", "version")
	if _, ok := top["version"]; !ok {
		d.fail("", "the waiver registry has no version", "add \"version: 1\" at the top")
	} else if reg.Version != Version {
		d.fail("/version", fmt.Sprintf("unsupported registry version %d", reg.Version), "this assure reads version 1")
	}
	reg.NextID = d.integer(top, "", "next_id")
	reg.nextIDPos = d.doc.Pos("/next_id")
	if _, ok := top["next_id"]; !ok {
		reg.NextID = 1
	} else if reg.NextID < 1 {
		d.fail("/next_id", "next_id must be 1 or more", "next_id is the number of the next waiver; it only grows")
	}
	for i, s := range d.stringList(top, "", "retired") {
		ptr := "/retired/" + strconv.Itoa(i)
		if !ValidID(s) {
			d.fail(ptr, fmt.Sprintf("retired id %q is not a waiver id", s), "waiver ids look like W-0042")
			continue
		}
		reg.Retired = append(reg.Retired, s)
		reg.retired[s] = d.doc.Pos(ptr)
	}
	switch ws := top["waivers"].(type) {
	case nil:
	case []any:
		for i, item := range ws {
			d.waiver(reg, item, "/waivers/"+strconv.Itoa(i))
		}
	default:
		d.fail("/waivers", "waivers must be a list", "write each waiver as a list item starting with \"- id: W-0001\"")
	}
}

func (d *decoder) waiver(reg *Registry, item any, ptr string) {
	m, ok := item.(map[string]any)
	if !ok {
		d.fail(ptr, "a waiver must be a mapping of fields", "start it with \"- id: W-0001\"; see docs/waivers.md")
		return
	}
	d.unknownKeys(m, ptr, waiverKeys, "a waiver")
	w := Waiver{Pos: d.doc.Pos(ptr), fields: map[string]model.Pos{}}
	str := func(key string) string {
		if _, ok := m[key]; ok {
			w.fields[key] = d.doc.Pos(ptr + "/" + key)
		}
		return d.str(m, ptr, key)
	}
	w.ID = str("id")
	w.Status = Status(str("status"))
	w.Tool = str("tool")
	w.ToolVersion = str("tool_version")
	w.Rule = str("rule")
	w.File = str("file")
	w.Fingerprint = str("fingerprint")
	w.AnalysisDate = str("analysis_date")
	w.Branch = str("branch")
	w.Revision = str("revision")
	w.Category = Category(str("category"))
	w.Reason = str("reason")
	w.Author = str("author")
	w.Expires = str("expires")
	if _, ok := m["line"]; ok {
		w.fields["line"] = d.doc.Pos(ptr + "/line")
		w.Line = d.integer(m, ptr, "line")
	}
	if _, ok := m["approvers"]; ok {
		w.fields["approvers"] = d.doc.Pos(ptr + "/approvers")
	}
	switch as := m["approvers"].(type) {
	case nil:
	case []any:
		for i, a := range as {
			ap := ptr + "/approvers/" + strconv.Itoa(i)
			am, ok := a.(map[string]any)
			if !ok {
				d.fail(ap, "an approver must be a mapping with person and date", "write \"- person: <id>\" and \"date: YYYY-MM-DD\"")
				continue
			}
			d.unknownKeys(am, ap, []string{"person", "date"}, "an approver")
			w.Approvers = append(w.Approvers, Approval{
				Person: d.str(am, ap, "person"), Date: d.str(am, ap, "date"), Pos: d.doc.Pos(ap),
			})
		}
	default:
		d.fail(ptr+"/approvers", "approvers must be a list", "write each approver as \"- person: <id>\" with \"date: YYYY-MM-DD\"")
	}
	reg.Waivers = append(reg.Waivers, w)
}

func (d *decoder) unknownKeys(m map[string]any, ptr string, known []string, what string) {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if contains(known, k) {
			continue
		}
		hint := "known fields: " + strings.Join(known, ", ")
		if best := closest(k, known); best != "" {
			hint = fmt.Sprintf("did you mean %q? %s", best, hint)
		}
		d.failKey(model.Pointer(ptr, k), fmt.Sprintf("unknown field %q in %s", k, what), hint)
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// str reads an optional text field. Numbers and booleans are refused rather
// than converted: YAML reads 2.10 as the number 2.1, and a version or a
// revision must stay what was written.
func (d *decoder) str(m map[string]any, ptr, key string) string {
	switch v := m[key].(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(v)
	default:
		d.fail(ptr+"/"+key, fmt.Sprintf("%s must be text, not %s", key, kind(v)),
			fmt.Sprintf("quote the value: %s: \"%v\"", key, v))
		return ""
	}
}

func (d *decoder) integer(m map[string]any, ptr, key string) int {
	switch v := m[key].(type) {
	case nil:
		return 0
	case int64:
		return int(min(max(v, -1), 1<<30))
	case uint64:
		return int(min(v, 1<<30))
	default:
		d.fail(ptr+"/"+key, fmt.Sprintf("%s must be a whole number, not %s", key, kind(v)), "")
		return 0
	}
}

func (d *decoder) stringList(m map[string]any, ptr, key string) []string {
	switch v := m[key].(type) {
	case nil:
		return nil
	case []any:
		out := make([]string, 0, len(v))
		for i, item := range v {
			s, ok := item.(string)
			if !ok {
				d.fail(ptr+"/"+key+"/"+strconv.Itoa(i), fmt.Sprintf("%s entries must be text, not %s", key, kind(item)), "")
				continue
			}
			out = append(out, s)
		}
		return out
	default:
		d.fail(ptr+"/"+key, key+" must be a list", "")
		return nil
	}
}

func kind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case bool:
		return "true/false"
	case int64, uint64, float64:
		return "a number"
	}
	return fmt.Sprintf("%T", v)
}

// closest suggests a known word within edit distance 2.
func closest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if dist := editDistance(s, k); dist < bestD {
			best, bestD = k, dist
		}
	}
	return best
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
