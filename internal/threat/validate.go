package threat

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/assure-dev/assure/internal/model"
)

// validate checks the merged model for what a schema cannot express. It
// walks the files again rather than the merged lists so every problem
// points at the exact key.
func validate(m *Model, docs []*parsed, ds *diags) {
	v := &validator{m: m, ds: ds, rm: m.Root,
		dfd: map[string]def{}, assets: map[string]def{}, cms: map[string]def{},
		assumptions: map[string]def{}, entries: map[string]def{},
		elementAt: map[string]int{}, assetAt: map[string]int{}, planned: map[string]bool{}}
	for _, c := range m.Countermeasures {
		if !c.Implemented() {
			v.planned[c.ID] = true
		}
	}
	for i, e := range m.Elements {
		firstOf(v.elementAt, e.ID, i)
	}
	for i, a := range m.Assets {
		firstOf(v.assetAt, a.ID, i)
	}
	for _, p := range docs {
		v.register(p)
	}
	for _, p := range docs {
		v.check(p)
	}
	v.boundaryCycles()
	v.notApplicableDuplicates()
}

// def is where an id was first defined and as what.
type def struct {
	what string
	pos  Pos
	kind Kind // for the DFD namespace: element kinds, DataFlow, or "" for a boundary
}

type validator struct {
	m  *Model
	rm *model.Model
	ds *diags
	// dfd is the one namespace of elements, flows and boundaries: threats
	// and not-applicable statements name any of the first two by id alone.
	dfd, assets, cms, assumptions, entries map[string]def
	// elementAt and assetAt index the merged lists (first of a duplicate id).
	elementAt, assetAt map[string]int
	planned            map[string]bool
}

func (v *validator) define(ns map[string]def, id, what string, kind Kind, at Pos) {
	if first, dup := ns[id]; dup {
		v.ds.add(at, fmt.Sprintf("duplicate id %q: already the id of %s", id, first.what),
			"first defined at "+first.pos.String()+"; ids are unique across all threat model files")
		return
	}
	ns[id] = def{what: what + " " + strconv.Quote(id), pos: at, kind: kind}
}

func (v *validator) register(p *parsed) {
	d, r := p.doc, &p.raw
	for i, a := range r.Assets {
		v.define(v.assets, a.ID, "asset", "", d.Pos(ptr("assets", i)+"/id"))
	}
	for i, e := range r.ExternalEntities {
		v.define(v.dfd, e.ID, "external entity", ExternalEntity, d.Pos(ptr("external_entities", i)+"/id"))
	}
	for i, e := range r.Processes {
		v.define(v.dfd, e.ID, "process", Process, d.Pos(ptr("processes", i)+"/id"))
	}
	for i, e := range r.DataStores {
		v.define(v.dfd, e.ID, "data store", DataStore, d.Pos(ptr("data_stores", i)+"/id"))
	}
	for i, f := range r.DataFlows {
		v.define(v.dfd, f.ID, "data flow", DataFlow, d.Pos(ptr("data_flows", i)+"/id"))
	}
	for i, b := range r.TrustBoundaries {
		v.define(v.dfd, b.ID, "trust boundary", "", d.Pos(ptr("trust_boundaries", i)+"/id"))
	}
	for i, c := range r.Countermeasures {
		v.define(v.cms, c.ID, "countermeasure", "", d.Pos(ptr("countermeasures", i)+"/id"))
	}
	for i, a := range r.Assumptions {
		v.define(v.assumptions, a.ID, "assumption", "", d.Pos(ptr("assumptions", i)+"/id"))
	}
	for i, t := range r.Threats {
		v.define(v.entries, t.ID, "threat", "", d.Pos(ptr("threats", i)+"/id"))
	}
}

func (v *validator) check(p *parsed) {
	d, r := p.doc, &p.raw
	v.module(d.Pos("/module"), r.Module)
	if r.Review != nil {
		v.person(d.Pos("/review/by"), "review.by", r.Review.By)
		if r.Review.Date != "" {
			v.date(d.Pos("/review/date"), "review.date", r.Review.Date)
		}
	}
	for i, a := range r.Assets {
		v.module(d.Pos(ptr("assets", i)+"/module"), a.Module)
	}
	for _, list := range []struct {
		key   string
		items []Element
	}{{"external_entities", r.ExternalEntities}, {"processes", r.Processes}, {"data_stores", r.DataStores}} {
		for i, e := range list.items {
			at := ptr(list.key, i)
			v.module(d.Pos(at+"/module"), e.Module)
			if e.Boundary != "" {
				v.ref(d.Pos(at+"/boundary"), "boundary", e.Boundary, "a trust boundary", isBoundary)
			}
			for j, a := range e.Assets {
				v.asset(d.Pos(at+"/assets/"+strconv.Itoa(j)), a, "")
			}
		}
	}
	for i, f := range r.DataFlows {
		v.flow(d, ptr("data_flows", i), f)
	}
	for i, b := range r.TrustBoundaries {
		if b.Parent == "" {
			continue
		}
		at := d.Pos(ptr("trust_boundaries", i) + "/parent")
		if b.Parent == b.ID {
			v.ds.add(at, fmt.Sprintf("trust boundary %q is its own parent", b.ID), "remove parent, or name the boundary around it")
			continue
		}
		v.ref(at, "parent", b.Parent, "a trust boundary", isBoundary)
	}
	for i, t := range r.Threats {
		v.entry(d, ptr("threats", i), t)
	}
	for i, c := range r.Countermeasures {
		at := ptr("countermeasures", i)
		for j, e := range c.Elements {
			v.ref(d.Pos(at+"/elements/"+strconv.Itoa(j)), "element", e, "an element or data flow", isElementOrFlow)
		}
		for j, t := range c.Tests {
			v.test(d.Pos(at+"/tests/"+strconv.Itoa(j)), t)
		}
	}
	for i, a := range r.Assumptions {
		if a.Owner != "" {
			v.person(d.Pos(ptr("assumptions", i)+"/owner"), "owner", a.Owner)
		}
	}
	for i, n := range r.NotApplicable {
		at := ptr("not_applicable", i)
		k, ok := v.ref(d.Pos(at+"/element"), "element", n.Element, "an element or data flow", isElementOrFlow)
		if !ok {
			continue
		}
		logs := false
		if e := v.element(n.Element); e != nil {
			logs = e.Logs
		}
		for j, s := range n.STRIDE {
			if s == "all" || contains(strideNames(Applicable(k, logs)), s) {
				continue
			}
			v.ds.add(d.Pos(at+"/stride/"+strconv.Itoa(j)), fmt.Sprintf("%s does not apply to %s %q, so it needs no statement", s, k, n.Element),
				"STRIDE per element: "+string(k)+" has "+strings.Join(strideNames(Applicable(k, logs)), ", "))
		}
	}
}

func (v *validator) element(id string) *Element {
	if i, ok := v.elementAt[id]; ok {
		return &v.m.Elements[i]
	}
	return nil
}

func strideNames(ss []STRIDE) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

func isBoundary(d def) bool { return d.kind == "" }
func isElement(d def) bool {
	return d.kind == ExternalEntity || d.kind == Process || d.kind == DataStore
}
func isElementOrFlow(d def) bool { return d.kind != "" }

// ref resolves id in the DFD namespace and checks that it is the right
// sort of thing; it returns the kind it found.
func (v *validator) ref(at Pos, field, id, want string, ok func(def) bool) (Kind, bool) {
	d, found := v.dfd[id]
	switch {
	case !found:
		var cands []string
		for k, d := range v.dfd {
			if ok(d) {
				cands = append(cands, k)
			}
		}
		sort.Strings(cands)
		v.ds.add(at, fmt.Sprintf("%s %q is not %s of the threat model", field, id, want),
			didYouMean(id, cands, "define it, or correct the id"))
		return "", false
	case !ok(d):
		v.ds.add(at, fmt.Sprintf("%s %q is %s, not %s", field, id, d.what, want), "")
		return "", false
	}
	return d.kind, true
}

func (v *validator) asset(at Pos, id, want string) {
	if _, ok := v.assets[id]; !ok {
		v.ds.add(at, fmt.Sprintf("asset %q is not an asset of the threat model", id),
			didYouMean(id, sortedKeys(v.assets), "add it under assets:, or correct the id"))
		return
	}
	if want != "" {
		if a, ok := v.assetByID(id); ok && a.Kind != want {
			v.ds.add(at, fmt.Sprintf("asset %q is a %s asset; a data flow carries data assets", id, a.Kind),
				"list the data the flow moves; technical assets are the elements themselves")
		}
	}
}

func (v *validator) assetByID(id string) (*Asset, bool) {
	if i, ok := v.assetAt[id]; ok {
		return &v.m.Assets[i], true
	}
	return nil, false
}

// flow checks that both ends are elements and that data moves the way a
// DFD allows: through a process. A flow between two stores or entities,
// or from a store to an entity, skips the process that really moves the
// data, and that process is where most threats live.
func (v *validator) flow(d *model.Document, at string, f Flow) {
	from, okFrom := v.ref(d.Pos(at+"/from"), "from", f.From, "an element (external entity, process or data store)", isElement)
	to, okTo := v.ref(d.Pos(at+"/to"), "to", f.To, "an element (external entity, process or data store)", isElement)
	for j, a := range f.Assets {
		v.asset(d.Pos(at+"/assets/"+strconv.Itoa(j)), a, "data")
	}
	if !okFrom || !okTo {
		return
	}
	if f.From == f.To {
		v.ds.add(d.Pos(at+"/to"), fmt.Sprintf("data flow %q goes from %q to itself", f.ID, f.From),
			"a DFD flow connects two elements; what happens inside a process is not a flow")
		return
	}
	if from != Process && to != Process {
		v.ds.add(d.Pos(at), fmt.Sprintf("data flow %q connects %s %q to %s %q directly", f.ID, from, f.From, to, f.To),
			"data moves between entities and stores only through a process: add the process that moves it and two flows")
	}
}

func (v *validator) entry(d *model.Document, at string, t rawEntry) {
	pos := func(sub string) Pos { return d.Pos(at + sub) }
	if strings.Contains(t.ID, "@") {
		for _, f := range []struct{ key, val string }{{"title", t.Title}, {"stride", string(t.STRIDE)}} {
			if f.val != "" {
				v.ds.add(pos("/"+f.key), fmt.Sprintf("threat %q is raised by a rule, which sets its %s", t.ID, f.key),
					"remove "+f.key+"; to describe a different threat, write it by hand with an id without @")
			}
		}
		if len(t.Elements) > 0 {
			v.ds.add(pos("/elements"), fmt.Sprintf("threat %q is raised by a rule, which sets its elements", t.ID),
				"remove elements; the id says which elements the rule matched")
		}
	} else {
		if t.Title == "" {
			v.ds.add(pos(""), fmt.Sprintf("threat %q: missing title", t.ID), "say what can go wrong in one line")
		}
		if t.STRIDE == "" {
			v.ds.add(pos(""), fmt.Sprintf("threat %q: missing stride", t.ID),
				"name its STRIDE category: spoofing, tampering, repudiation, information-disclosure, denial-of-service or elevation-of-privilege")
		}
		if len(t.Elements) == 0 {
			v.ds.add(pos(""), fmt.Sprintf("threat %q: missing elements", t.ID),
				"list the element or data flow it threatens (the subject) first, then any others involved")
		}
		if t.CVSS == "" {
			v.ds.add(pos(""), fmt.Sprintf("threat %q: missing cvss", t.ID),
				"score it with a CVSS v3.1 or v4.0 vector, e.g. cvss: CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")
		}
		for j, e := range t.Elements {
			k, ok := v.ref(pos("/elements/"+strconv.Itoa(j)), "element", e, "an element or data flow", isElementOrFlow)
			if ok && j == 0 && t.STRIDE != "" {
				logs := false
				if el := v.element(e); el != nil {
					logs = el.Logs
				}
				if !contains(strideNames(Applicable(k, logs)), string(t.STRIDE)) {
					v.ds.add(pos("/stride"), fmt.Sprintf("threat %q: %s does not apply to %s %q, its subject", t.ID, t.STRIDE, k, e),
						"STRIDE per element: "+string(k)+" has "+strings.Join(strideNames(Applicable(k, logs)), ", ")+"; list the element it applies to first")
				}
			}
		}
	}
	for j, a := range t.Assets {
		v.asset(pos("/assets/"+strconv.Itoa(j)), a, "")
	}
	if t.CVSS != "" {
		if _, err := ParseCVSS(t.CVSS); err != nil {
			ce := err.(*CVSSError)
			v.ds.add(pos("/cvss"), ce.Msg, ce.Hint)
		}
	}
	v.treatment(pos, t)
}

// treatment checks that a treatment says what its status needs. An
// accepted threat without approver or expiry loads (the gate reports it
// against the process), but one without a reason or the assumption or
// waiver it rests on is incomplete.
func (v *validator) treatment(pos func(string) Pos, t rawEntry) {
	tr := t.Treatment
	status := t.TreatmentStatus
	if status == "" {
		status = Open
	}
	for j, c := range tr.Countermeasures {
		at := pos("/countermeasures/" + strconv.Itoa(j))
		if _, ok := v.cms[c]; !ok {
			v.ds.add(at, fmt.Sprintf("countermeasure %q is not a countermeasure of the threat model", c),
				didYouMean(c, sortedKeys(v.cms), "add it under countermeasures:, or correct the id"))
			continue
		}
		if status == Mitigated && v.planned[c] {
			v.ds.add(at, fmt.Sprintf("threat %q is mitigated by countermeasure %q, which is only planned", t.ID, c),
				"set treatment: open until it is implemented, or mark the countermeasure implemented")
		}
	}
	if tr.Assumption != "" {
		if _, ok := v.assumptions[tr.Assumption]; !ok {
			v.ds.add(pos("/assumption"), fmt.Sprintf("assumption %q is not an assumption of the threat model", tr.Assumption),
				didYouMean(tr.Assumption, sortedKeys(v.assumptions), "add it under assumptions:, or correct the id"))
		}
	}
	if tr.Approver != "" {
		v.person(pos("/approver"), "approver", tr.Approver)
	}
	if tr.Expires != "" {
		v.date(pos("/expires"), "expires", tr.Expires)
	}
	need := func(ok bool, what, hint string) {
		if !ok {
			v.ds.add(pos("/treatment"), fmt.Sprintf("threat %q is %s but %s", t.ID, status, what), hint)
		}
	}
	switch status {
	case Mitigated:
		need(len(tr.Countermeasures) > 0, "names no countermeasure", "list the countermeasures that mitigate it: countermeasures: [id]")
	case Accepted:
		need(tr.Reason != "", "gives no reason", "say why the risk is acceptable: reason: …")
		need(tr.Assumption != "" || tr.Waiver != "", "rests on no assumption or waiver", "name the assumption (assumption: id) or the waiver (waiver: id) the acceptance rests on")
	case Transferred:
		need(tr.TransferredTo != "", "says not to whom", "name who carries the risk now: transferred_to: …")
		need(tr.Reason != "", "gives no reason", "say why they carry it: reason: …")
	case NotApplicable:
		need(tr.Reason != "", "gives no reason", "say why it cannot happen here: reason: …")
	}
}

func (v *validator) test(at Pos, t TestRef) {
	n := 0
	for _, s := range []string{t.Go, t.JUnit, t.Fuzz} {
		if s != "" {
			n++
		}
	}
	switch {
	case n == 0:
		v.ds.add(at, "test names no test", "write go: TestName, junit: classname.name or fuzz: FuzzName")
	case n > 1:
		v.ds.add(at, "test names more than one kind of test", "one entry per test: go:, junit: or fuzz:")
	case t.JUnit != "" && t.Package != "":
		v.ds.add(at, "package applies to go tests and fuzz targets, not JUnit test cases", "write the JUnit classname into the id: junit: classname.name")
	}
}

func (v *validator) module(at Pos, id string) {
	if id == "" || v.rm == nil {
		return
	}
	for _, mod := range v.rm.Modules {
		if mod.ID == id {
			return
		}
	}
	ids := make([]string, len(v.rm.Modules))
	for i, mod := range v.rm.Modules {
		ids[i] = mod.ID
	}
	sort.Strings(ids)
	v.ds.add(at, fmt.Sprintf("module %q is not a module of the security model", id),
		didYouMean(id, ids, "modules are declared in "+v.rm.Root))
}

func (v *validator) person(at Pos, field, ref string) {
	if v.rm == nil {
		return
	}
	if _, ok := v.rm.PersonByRef(ref); ok {
		return
	}
	ids := make([]string, len(v.rm.People))
	for i, p := range v.rm.People {
		ids[i] = p.ID
	}
	sort.Strings(ids)
	v.ds.add(at, fmt.Sprintf("%s %q is not a person in the model", field, ref),
		didYouMean(ref, ids, "name a person by id or by one of their e-mails"))
}

func (v *validator) date(at Pos, field, s string) {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		v.ds.add(at, fmt.Sprintf("%s %q is not a date", field, s), "write YYYY-MM-DD, e.g. 2027-06-30")
	}
}

// boundaryCycles finds parents that loop (a in b, b in a): nesting must
// be a tree, or no element would have a defined set of boundaries.
func (v *validator) boundaryCycles() {
	parent := map[string]string{}
	pos := map[string]Pos{}
	for _, b := range v.m.Boundaries {
		if b.Parent != "" && b.Parent != b.ID {
			parent[b.ID] = b.Parent
			pos[b.ID] = b.Pos
		}
	}
	reported := map[string]bool{}
	for _, id := range sortedKeys(parent) {
		path := []string{id}
		seen := map[string]int{id: 0}
		for cur := parent[id]; cur != ""; cur = parent[cur] {
			if i, loop := seen[cur]; loop {
				cycle := append(path[i:], cur)
				key := canonicalCycle(cycle[:len(cycle)-1])
				if !reported[key] {
					reported[key] = true
					first := cycle[0]
					for _, c := range cycle[:len(cycle)-1] {
						if c < first {
							first = c
						}
					}
					v.ds.add(pos[first], "trust boundaries nest in a cycle: "+strings.Join(rotate(cycle[:len(cycle)-1], first), " in ")+" in "+first,
						"a boundary lies inside its parent; remove one parent so the nesting is a tree")
				}
				break
			}
			seen[cur] = len(path)
			path = append(path, cur)
		}
	}
}

func canonicalCycle(c []string) string {
	s := append([]string(nil), c...)
	sort.Strings(s)
	return strings.Join(s, "\x00")
}

func rotate(c []string, first string) []string {
	for i, x := range c {
		if x == first {
			return append(append([]string(nil), c[i:]...), c[:i]...)
		}
	}
	return c
}

// notApplicableDuplicates: two statements for the same cell would let one
// reason hide another.
func (v *validator) notApplicableDuplicates() {
	seen := map[string]Pos{}
	for _, n := range v.m.NotApplicable {
		for _, s := range n.STRIDE {
			key := n.Element + "\x00" + string(s)
			if first, dup := seen[key]; dup {
				v.ds.add(n.Pos, fmt.Sprintf("%s of %q is already stated not applicable", s, n.Element), "first stated at "+first.String())
				continue
			}
			seen[key] = n.Pos
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
