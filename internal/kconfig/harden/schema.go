package harden

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// SchemaJSON is the JSON Schema of a hardening file: Zephyr's
// scripts/schemas/hardening-schema.yaml, written as JSON. Parse enforces
// the same rules in code so each problem gets its own message and hint; a
// test holds the two to the same verdicts.
//
//go:embed hardening.schema.json
var SchemaJSON []byte

var (
	profileName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	symbolName  = regexp.MustCompile(`^[A-Z0-9_]+$`)
	nonBlank    = regexp.MustCompile(`\S`)
)

// parser collects every problem of one file.
type parser struct {
	doc *model.Document
	ds  []model.Diagnostic
}

func (p *parser) add(ptr, msg, hint string) {
	p.ds = append(p.ds, model.Diagnostic{Pos: p.doc.Pos(ptr), Message: msg, Hint: hint})
}

func (p *parser) addKey(ptr, msg, hint string) {
	p.ds = append(p.ds, model.Diagnostic{Pos: p.doc.KeyPos(ptr), Message: msg, Hint: hint})
}

// Parse reads one hardening file from src; name is how errors name it.
// Every problem is reported, each as file:line:col with what to do.
func Parse(name string, src []byte) (*File, error) {
	doc, err := model.ParseDocument(name, src)
	if err != nil {
		return nil, err
	}
	p := &parser{doc: doc}
	f := p.file()
	if len(p.ds) > 0 {
		return nil, &model.Error{Diagnostics: p.ds}
	}
	return f, nil
}

func (p *parser) file() *File {
	f := &File{Path: p.doc.File}
	top, ok := p.doc.Value.(map[string]any)
	if !ok {
		p.add("", "a hardening file is a mapping with profiles and/or rules", "start the file with \"rules:\" (fragments) or \"profiles:\" (the central file)")
		return f
	}
	unknown := false
	for _, k := range sortedKeys(top) {
		if k != "profiles" && k != "rules" {
			unknown = true
			p.addKey("/"+esc(k), fmt.Sprintf("unknown key %q", k), hintFor(k, []string{"profiles", "rules"}, "a hardening file has only profiles and rules"))
		}
	}
	_, hasP := top["profiles"]
	_, hasR := top["rules"]
	if !hasP && !hasR && !unknown {
		p.add("", "a hardening file needs profiles or rules", "add a rules: mapping keyed by symbol name")
	}
	if hasP {
		f.HasProfiles = true
		f.Profiles = p.profiles(top["profiles"])
	}
	if hasR {
		f.Rules = p.rules(top["rules"])
	}
	return f
}

func (p *parser) profiles(v any) []*Profile {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		p.add("/profiles", "profiles must be a mapping of at least one profile name to its description",
			"e.g. profiles: {base: {description: Baseline hardening}}")
		return nil
	}
	var out []*Profile
	for _, name := range sortedKeys(m) {
		ptr := "/profiles/" + esc(name)
		if !profileName.MatchString(name) {
			p.addKey(ptr, fmt.Sprintf("invalid profile name %q", name), "profile names are lower case: letters, digits and '-', starting with a letter")
		}
		pm, ok := m[name].(map[string]any)
		if !ok {
			p.add(ptr, fmt.Sprintf("profile %s must be a mapping with a description", name), "write description: and optionally extends:")
			continue
		}
		prof := &Profile{Name: name, Pos: p.doc.KeyPos(ptr)}
		for _, k := range sortedKeys(pm) {
			switch k {
			case "description":
				prof.Description, ok = pm[k].(string)
				if !ok {
					p.add(ptr+"/description", "description must be text", "")
				}
			case "extends":
				prof.Extends, ok = pm[k].(string)
				if !ok {
					p.add(ptr+"/extends", "extends must name one profile", "e.g. extends: base")
				}
			default:
				p.addKey(ptr+"/"+esc(k), fmt.Sprintf("unknown key %q in profile %s", k, name), hintFor(k, []string{"description", "extends"}, "a profile has description and extends"))
			}
		}
		if _, ok := pm["description"]; !ok {
			p.add(ptr, fmt.Sprintf("profile %s has no description", name), "say what the profile is for: description: ...")
		}
		out = append(out, prof)
	}
	return out
}

var ruleKeys = []string{"value", "min", "max", "rationale", "references", "profiles"}

func (p *parser) rules(v any) []*Rule {
	m, ok := v.(map[string]any)
	if !ok {
		p.add("/rules", "rules must be a mapping keyed by symbol name", "e.g. rules: {BOOT_BANNER: {value: n, rationale: ...}}")
		return nil
	}
	var out []*Rule
	for _, sym := range sortedKeys(m) {
		ptr := "/rules/" + esc(sym)
		switch {
		case !symbolName.MatchString(sym):
			p.addKey(ptr, fmt.Sprintf("invalid symbol name %q", sym), "symbol names are upper case letters, digits and '_', without CONFIG_")
		case strings.HasPrefix(sym, "CONFIG_"):
			// The schema allows it, but such a rule would never match
			// the symbol it means and would be NA for ever, silently.
			p.addKey(ptr, fmt.Sprintf("rule %s names the symbol with its CONFIG_ prefix", sym), "drop the prefix: "+strings.TrimPrefix(sym, "CONFIG_"))
		}
		rm, ok := m[sym].(map[string]any)
		if !ok {
			p.add(ptr, fmt.Sprintf("rule %s must be a mapping with value (or min/max) and rationale", sym), "")
			continue
		}
		if r := p.rule(sym, ptr, rm); r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (p *parser) rule(sym, ptr string, m map[string]any) *Rule {
	r := &Rule{Symbol: sym, Pos: p.doc.KeyPos(ptr), Profiles: []string{DefaultProfile}}
	r.Source = r.Pos.String()
	n := len(p.ds)
	for _, k := range sortedKeys(m) {
		kp := ptr + "/" + esc(k)
		switch k {
		case "value":
			switch v := m[k].(type) {
			case string:
				r.Value, r.HasValue = normalizeText(v), true
			case bool:
				r.Value, r.HasValue = map[bool]string{true: "y", false: "n"}[v], true
			case int64:
				r.Value, r.HasValue = strconv.FormatInt(v, 10), true
			case uint64:
				r.Value, r.HasValue = strconv.FormatUint(v, 10), true
			default:
				p.add(kp, fmt.Sprintf("rule %s: value must be text, an integer or a boolean", sym), "e.g. value: y, value: 0, value: \"text\"")
			}
		case "min", "max":
			i, ok := integer(m[k])
			if !ok {
				p.add(kp, fmt.Sprintf("rule %s: %s must be an integer", sym, k), "min and max bound int and hex symbols")
				continue
			}
			if k == "min" {
				r.Min = &i
			} else {
				r.Max = &i
			}
		case "rationale":
			s, ok := m[k].(string)
			if !ok || !nonBlank.MatchString(s) {
				p.add(kp, fmt.Sprintf("rule %s: rationale must be text that says why", sym), "explain what the recommendation protects against")
				continue
			}
			r.Rationale = strings.TrimSpace(s)
		case "references", "profiles":
			list, ok := p.strings(kp, m[k])
			if !ok {
				p.add(kp, fmt.Sprintf("rule %s: %s must be a list of at least one text item", sym, k), map[string]string{
					"references": "e.g. references: [CWE-200]",
					"profiles":   "e.g. profiles: [strict]; leave it out for the base profile",
				}[k])
				continue
			}
			if k == "references" {
				r.References = list
			} else {
				r.Profiles = list
			}
		default:
			p.addKey(kp, fmt.Sprintf("unknown key %q in rule %s", k, sym), hintFor(k, ruleKeys, "a rule has value or min/max, rationale, references and profiles"))
		}
	}
	if _, ok := m["rationale"]; !ok {
		p.add(ptr, fmt.Sprintf("rule %s has no rationale", sym), "every rule says why: rationale: ...")
	}
	_, hasMin := m["min"]
	_, hasMax := m["max"]
	_, hasValue := m["value"]
	switch {
	case hasValue && (hasMin || hasMax):
		p.add(ptr, fmt.Sprintf("rule %s has both value and min/max", sym), "a rule recommends either an exact value or a range, not both")
	case !hasValue && !hasMin && !hasMax:
		p.add(ptr, fmt.Sprintf("rule %s recommends nothing", sym), "add value: (y, n, a number, text) or min:/max: for an int or hex symbol")
	}
	if r.Min != nil && r.Max != nil && *r.Min > *r.Max {
		p.add(ptr, fmt.Sprintf("rule %s has min %d greater than max %d, which no configuration can satisfy", sym, *r.Min, *r.Max), "swap or correct the bounds")
	}
	if len(p.ds) > n {
		return nil
	}
	return r
}

// integer accepts what the YAML decoder gives for an integer: int64, or
// uint64 for a positive one.
func integer(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case uint64:
		if v <= 1<<63-1 {
			return int64(v), true
		}
	}
	return 0, false
}

// strings reads a non-empty list of text items.
func (p *parser) strings(ptr string, v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, false
	}
	out := make([]string, 0, len(list))
	for _, it := range list {
		s, ok := it.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// normalizeText turns the words YAML 1.1 reads as booleans (Zephyr loads
// the file with PyYAML, a YAML 1.1 parser) into y and n, so "value: yes"
// means what it means to hardenconfig.
func normalizeText(s string) string {
	switch s {
	case "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE":
		return "y"
	case "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE":
		return "n"
	}
	return s
}

func esc(tok string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(tok) }

// hintFor suggests the closest known key, else says what is allowed.
func hintFor(got string, known []string, fallback string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(got, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	ks := append([]string(nil), known...)
	sort.Strings(ks)
	return fallback + " (" + strings.Join(ks, ", ") + ")"
}

// distance is the Levenshtein distance of two short keys.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
