package threat

import (
	"sort"
	"strings"
)

// Analyze runs rules over m and joins what they raise with the threats
// written by hand and the treatments of the model: every threat with its
// stable id, CVSS score and treatment, every STRIDE-per-element obligation
// with what covers it. The result depends only on the model and the rules,
// never on the order of either.
func Analyze(m *Model, rules []Rule) *Analysis {
	a := &Analysis{Model: m}
	rs := append([]Rule(nil), rules...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	byID := map[string]int{}
	for _, r := range rs {
		a.Rules = append(a.Rules, RuleInfo{ID: r.ID, Pack: r.Pack, Title: r.Title, STRIDE: r.STRIDE, CWE: r.CWE,
			Description: r.Description, Mitigation: r.Mitigation, CVSS: r.CVSS, Crossing: r.Crossing})
		if r.Match == nil {
			continue
		}
		for _, h := range r.Match(m) {
			if len(h.Elements) == 0 {
				continue
			}
			id := ThreatID(r.ID, h.Elements)
			if _, dup := byID[id]; dup {
				continue
			}
			t := Threat{
				ID: id, Rule: r.ID, Pack: r.Pack, Title: h.Title, Description: r.Description,
				STRIDE: r.STRIDE, CWE: r.CWE, Elements: h.Elements, Assets: h.Assets,
				Mitigation: r.Mitigation, Treatment: Treatment{Status: Open},
			}
			if t.Title == "" {
				t.Title = r.Title
			}
			vector := r.CVSS
			if h.CVSS != "" {
				vector = h.CVSS
			}
			t.CVSS = score(vector)
			a.place(&t)
			byID[id] = len(a.Threats)
			a.Threats = append(a.Threats, t)
		}
	}
	for _, e := range m.Entries {
		if e.Generated() {
			i, ok := byID[e.ID]
			if !ok {
				a.Stale = append(a.Stale, e)
				continue
			}
			t := &a.Threats[i]
			t.Treatment, t.Declared, t.Pos = e.Treatment, true, e.Pos
			if e.CVSS != "" {
				t.CVSS = score(e.CVSS)
			}
			if e.Description != "" {
				t.Description = e.Description
			}
			if len(e.Assets) > 0 {
				t.Assets = e.Assets
			}
			if len(e.CWE) > 0 {
				t.CWE = e.CWE
			}
			continue
		}
		t := Threat{
			ID: e.ID, Title: e.Title, Description: e.Description, STRIDE: e.STRIDE, CWE: e.CWE,
			Elements: e.Elements, Assets: e.Assets, CVSS: score(e.CVSS), Treatment: e.Treatment,
			Declared: true,
		}
		a.place(&t)
		t.Pos = e.Pos
		if e.Module != "" {
			t.Module = e.Module
		}
		a.Threats = append(a.Threats, t)
	}
	sort.SliceStable(a.Threats, func(i, j int) bool { return a.Threats[i].ID < a.Threats[j].ID })
	a.Obligations = obligations(m, a.Threats)
	return a
}

// ThreatID is the id of the threat rule raises on elements: the rule id
// and the element ids, so it changes only when what it is about changes.
func ThreatID(rule string, elements []string) string {
	return rule + "@" + strings.Join(elements, "+")
}

// place fills in what the subject says: module, position, crossed
// boundaries, and, when the threat names no asset, the assets its elements
// handle, hold or carry (the impact lands on those).
func (a *Analysis) place(t *Threat) {
	m := a.Model
	if len(t.Assets) == 0 {
		t.Assets = involvedAssets(m, t.Elements)
	}
	subj := t.Subject()
	if e, ok := m.Element(subj); ok {
		t.Module, t.Pos = e.Module, e.Pos
	} else if f, ok := m.Flow(subj); ok {
		t.Module, t.Pos = f.Module, f.Pos
		if t.Module == "" {
			if e, ok := m.Element(f.To); ok {
				t.Module = e.Module
			}
		}
	}
	// An interaction threat crosses what its flow crosses.
	for _, id := range t.Elements {
		if f, ok := m.Flow(id); ok {
			t.Crossed = m.Crossed(f)
			break
		}
	}
}

func involvedAssets(m *Model, ids []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(list []string) {
		for _, id := range list {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	for _, id := range ids {
		if e, ok := m.Element(id); ok {
			add(e.Assets)
		} else if f, ok := m.Flow(id); ok {
			add(f.Assets)
		}
	}
	sort.Strings(out)
	return out
}

// score parses a vector the loader or the rule tests have already
// validated; should one still fail, the threat keeps the vector and no
// score rather than a made-up one.
func score(vector string) Score {
	s, err := ParseCVSS(vector)
	if err != nil {
		return Score{Vector: vector}
	}
	return s
}

func obligations(m *Model, threats []Threat) []Obligation {
	covering := map[string][]string{}
	for _, t := range threats {
		key := t.Subject() + "\x00" + string(t.STRIDE)
		covering[key] = append(covering[key], t.ID)
	}
	na := map[string]string{}
	for _, n := range m.NotApplicable {
		for _, s := range n.STRIDE {
			key := n.Element + "\x00" + string(s)
			if _, ok := na[key]; !ok {
				na[key] = n.Reason
			}
		}
	}
	type subject struct {
		id   string
		kind Kind
		logs bool
		pos  Pos
	}
	var subs []subject
	for _, e := range m.Elements {
		subs = append(subs, subject{e.ID, e.Kind, e.Logs, e.Pos})
	}
	for _, f := range m.Flows {
		subs = append(subs, subject{f.ID, DataFlow, false, f.Pos})
	}
	sort.SliceStable(subs, func(i, j int) bool { return subs[i].id < subs[j].id })
	var out []Obligation
	for _, s := range subs {
		for _, c := range Applicable(s.kind, s.logs) {
			key := s.id + "\x00" + string(c)
			ts := append([]string(nil), covering[key]...)
			sort.Strings(ts)
			out = append(out, Obligation{Element: s.id, Kind: s.kind, STRIDE: c, Threats: ts, NotApplicable: na[key], Pos: s.pos})
		}
	}
	return out
}
