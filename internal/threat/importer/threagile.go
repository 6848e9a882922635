package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/model"
)

// Threagile reads a Threagile model (threagile.yaml, version 1.x) named
// file: data assets become assets, technical assets external entities,
// processes and data stores, communication links data flows (a link's
// response, when it carries data back, a second flow), trust boundaries
// keep their nesting, out-of-scope assets become not-applicable
// statements, and individual risks become threats written by hand.
// Threagile's own risk rules, risk tracking, shared runtimes, questions,
// abuse cases and diagram tweaks have no place in assure's model and are
// listed as lost.
func Threagile(name string, src []byte, module string) (*Result, error) {
	d, err := model.ParseDocument(name, src)
	if err != nil {
		return nil, err
	}
	root, ok := d.Value.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a Threagile model: the top level is not a mapping (hint: give the threagile.yaml file)", d.Pos(""))
	}
	if _, ok := root["technical_assets"]; !ok {
		if _, ok := root["data_assets"]; !ok {
			return nil, fmt.Errorf("%s: not a Threagile model: it has neither technical_assets nor data_assets (hint: give the threagile.yaml file)", d.Pos(""))
		}
	}
	t := &tgImport{d: d, root: root, n: newNotes(), ids: newIDs(), f: &file{module: module}}
	if err := t.run(); err != nil {
		return nil, err
	}
	title := str(root["title"])
	t.f.header = []string{
		fmt.Sprintf("Imported from the Threagile model %s%s by assure threat import.", name, quoted(title)),
		"Review it: what could not be carried over is listed in the import report,",
		"and CVSS vectors marked \"approximated\" stand in for Threagile's severities.",
	}
	r := t.result
	r.YAML, r.Lost, r.Approximated = t.f.bytes(), sorted(t.n.lost), sorted(t.n.approx)
	return &r, nil
}

func quoted(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

type tgImport struct {
	d      *model.Document
	root   map[string]any
	n      *notes
	ids    *ids
	f      *file
	result Result
	// asset ids and element ids as Threagile names them → ours
	assetID, elemID map[string]string
	kinds           map[string]string
	links           map[string]string // "source>link title" → flow id
}

// handled are the top-level keys the import reads.
var tgHandled = map[string]bool{
	"threagile_version": true, "title": true, "data_assets": true, "technical_assets": true, "trust_boundaries": true,
	"individual_risk_categories": true, "risk_tracking": true,
}

func (t *tgImport) run() error {
	for _, k := range sortedKeys(t.root) {
		if tgHandled[k] || strings.HasPrefix(k, "diagram_tweak") {
			continue
		}
		if isEmpty(t.root[k]) {
			continue
		}
		switch k {
		case "questions", "abuse_cases", "security_requirements":
			t.n.lose("%s (%d entries): assure's threat model has no place for them; keep them in the module's architecture document", k, size(t.root[k]))
		default:
			t.n.lose("%s: not part of assure's threat model", k)
		}
	}
	for k := range t.root {
		if strings.HasPrefix(k, "diagram_tweak") && !isEmpty(t.root[k]) {
			t.n.lose("diagram_tweak_* settings: layout is Graphviz's in assure")
			break
		}
	}
	t.assetID, t.elemID, t.kinds, t.links = map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	if err := t.dataAssets(); err != nil {
		return err
	}
	inside, err := t.boundaries()
	if err != nil {
		return err
	}
	if err := t.technicalAssets(inside); err != nil {
		return err
	}
	if err := t.flows(); err != nil {
		return err
	}
	if err := t.risks(); err != nil {
		return err
	}
	t.riskTracking()
	return nil
}

// entries lists the values of a name → mapping section, sorted by the id
// they give (their name when they give none).
type tgEntry struct {
	name string
	m    map[string]any
	ptr  string
}

func (t *tgImport) entries(section string) ([]tgEntry, error) {
	v, ok := t.root[section]
	if !ok || v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: %s is not a mapping of names to entries", t.d.Pos("/"+section), section)
	}
	var out []tgEntry
	for _, k := range sortedKeys(m) {
		p := model.Pointer("/"+section, k)
		e, ok := m[k].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: %s %q is not a mapping", t.d.Pos(p), section, k)
		}
		out = append(out, tgEntry{k, e, p})
	}
	sort.SliceStable(out, func(i, j int) bool { return idOr(out[i]) < idOr(out[j]) })
	return out, nil
}

func idOr(e tgEntry) string {
	if id := str(e.m["id"]); id != "" {
		return id
	}
	return e.name
}

func (t *tgImport) newID(src, name, fallback string) string {
	if id, ok := t.ids.reserve(src); ok {
		return id
	}
	return t.ids.make(firstNonEmpty(src, name), fallback)
}

var confidentiality = map[string]string{"public": "none", "internal": "low", "restricted": "medium", "confidential": "high", "strictly-confidential": "high"}
var criticality = map[string]string{"archive": "none", "operational": "low", "important": "medium", "critical": "high", "mission-critical": "high"}

func (t *tgImport) level(table map[string]string, v any, what string) string {
	s := str(v)
	if s == "" {
		return ""
	}
	l, ok := table[s]
	if !ok {
		t.n.lose("%s %q: not a Threagile value; left unset", what, s)
		return ""
	}
	if s == "strictly-confidential" || s == "mission-critical" {
		t.n.approxf("%s %s is written as high: assure's levels stop at high", what, s)
	}
	return l
}

func (t *tgImport) dataAssets() error {
	es, err := t.entries("data_assets")
	if err != nil {
		return err
	}
	for _, e := range es {
		id := t.newID(str(e.m["id"]), e.name, "asset")
		t.assetID[firstNonEmpty(str(e.m["id"]), e.name)] = id
		desc := str(e.m["description"])
		if j := str(e.m["justification_cia_rating"]); j != "" {
			desc = strings.TrimSpace(desc + "\n" + "CIA rating: " + j)
		}
		t.f.add("assets", item{fields: []field{
			{"id", id}, {"name", e.name}, {"description", strings.TrimSpace(desc)}, {"kind", "data"},
			{"confidentiality", t.level(confidentiality, e.m["confidentiality"], "confidentiality")},
			{"integrity", t.level(criticality, e.m["integrity"], "integrity")},
			{"availability", t.level(criticality, e.m["availability"], "availability")},
		}})
		t.result.Assets++
		for _, k := range []string{"usage", "origin", "owner", "quantity", "tags"} {
			if !isEmpty(e.m[k]) {
				t.n.lose("data asset fields usage, origin, owner, quantity and tags: no place in assure's assets")
				break
			}
		}
	}
	return nil
}

// boundaries writes the trust boundaries and returns the innermost
// boundary of each technical asset.
func (t *tgImport) boundaries() (map[string]string, error) {
	es, err := t.entries("trust_boundaries")
	if err != nil {
		return nil, err
	}
	bid := map[string]string{}
	for _, e := range es {
		bid[firstNonEmpty(str(e.m["id"]), e.name)] = t.newID(str(e.m["id"]), e.name, "boundary")
	}
	parent := map[string]string{}
	inside := map[string]string{}
	for _, e := range es {
		me := bid[firstNonEmpty(str(e.m["id"]), e.name)]
		for _, n := range strs(e.m["trust_boundaries_nested"]) {
			if c, ok := bid[n]; ok {
				parent[c] = me
			} else {
				t.n.lose("trust boundary %s nests %q, which is no trust boundary of the model", me, n)
			}
		}
		for _, a := range strs(e.m["technical_assets_inside"]) {
			inside[a] = me
		}
		if str(e.m["type"]) != "" {
			t.n.lose("trust boundary types (network-on-prem, execution-environment, …): assure's boundaries have no type")
		}
	}
	// A technical asset listed in nested boundaries belongs to the innermost.
	for _, e := range es {
		me := bid[firstNonEmpty(str(e.m["id"]), e.name)]
		for _, a := range strs(e.m["technical_assets_inside"]) {
			if depth(parent, me) > depth(parent, inside[a]) {
				inside[a] = me
			}
		}
	}
	for _, e := range es {
		me := bid[firstNonEmpty(str(e.m["id"]), e.name)]
		t.f.add("trust_boundaries", item{fields: []field{{"id", me}, {"name", e.name}, {"description", str(e.m["description"])}, {"parent", parent[me]}}})
		t.result.Boundaries++
	}
	return inside, nil
}

func depth(parent map[string]string, b string) int {
	n := 0
	for seen := map[string]bool{}; b != "" && !seen[b]; b = parent[b] {
		seen[b] = true
		n++
	}
	return n
}

var tgElementKind = map[string]string{"external-entity": "external_entities", "process": "processes", "datastore": "data_stores"}

// tgLostAssetFields are technical asset fields assure's elements do not have.
var tgLostAssetFields = []string{"size", "technology", "machine", "owner", "confidentiality", "integrity", "availability", "multi_tenant", "redundant", "custom_developed_parts", "data_formats_accepted", "usage", "tags"}

func (t *tgImport) technicalAssets(inside map[string]string) error {
	es, err := t.entries("technical_assets")
	if err != nil {
		return err
	}
	for _, e := range es {
		src := firstNonEmpty(str(e.m["id"]), e.name)
		t.elemID[src] = t.newID(str(e.m["id"]), e.name, "element")
	}
	for _, e := range es {
		src := firstNonEmpty(str(e.m["id"]), e.name)
		id := t.elemID[src]
		section, ok := tgElementKind[str(e.m["type"])]
		if !ok {
			return fmt.Errorf("%s: technical asset %q has type %q (hint: Threagile types are external-entity, process, datastore)", t.d.Pos(e.ptr+"/type"), e.name, str(e.m["type"]))
		}
		t.kinds[id] = section
		var traits, controls []string
		if b, _ := e.m["used_as_client_by_human"].(bool); b {
			traits = append(traits, "human")
		}
		if b, _ := e.m["internet"].(bool); b {
			traits = append(traits, "network")
		}
		if enc := str(e.m["encryption"]); enc != "" && enc != "none" && section == "data_stores" {
			controls = append(controls, "protected-storage")
			t.n.approxf("datastore encryption (%s) is written as the control protected-storage", enc)
		}
		fields := []field{{"id", id}, {"name", e.name}, {"description", str(e.m["description"])}, {"boundary", inside[src]},
			{"traits", traits}, {"controls", controls}}
		if section != "external_entities" {
			var assets []string
			for _, key := range []string{"data_assets_processed", "data_assets_stored"} {
				for _, a := range strs(e.m[key]) {
					if aid, ok := t.assetID[a]; ok {
						assets = appendNew(assets, aid)
					} else {
						t.n.lose("technical asset %s names data asset %q, which the model does not define", id, a)
					}
				}
			}
			fields = append(fields, field{"assets", assets})
		} else if len(strs(e.m["data_assets_processed"]))+len(strs(e.m["data_assets_stored"])) > 0 {
			t.n.lose("data assets processed or stored by external entities: assure records them on the flows to and from them")
		}
		t.f.add(section, item{fields: fields})
		t.result.Elements++
		if b, _ := e.m["out_of_scope"].(bool); b {
			reason := strings.TrimSpace("out of scope in the Threagile model: " + str(e.m["justification_out_of_scope"]))
			t.f.add("not_applicable", item{fields: []field{{"element", id}, {"stride", []string{"all"}}, {"reason", reason}}})
			t.n.approxf("out-of-scope technical assets are written as not_applicable for all STRIDE categories")
		}
		for _, k := range tgLostAssetFields {
			if !isEmpty(e.m[k]) {
				t.n.lose("technical asset fields %s: assure's elements carry traits and controls instead", strings.Join(tgLostAssetFields, ", "))
				break
			}
		}
	}
	return nil
}

var tgEncrypted = map[string]bool{"https": true, "wss": true, "ssh": true, "ssh-tunnel": true, "ftps": true, "sftp": true, "scp": true, "ldaps": true}

func (t *tgImport) flows() error {
	es, err := t.entries("technical_assets")
	if err != nil {
		return err
	}
	for _, e := range es {
		src := firstNonEmpty(str(e.m["id"]), e.name)
		from := t.elemID[src]
		lm, ok := e.m["communication_links"].(map[string]any)
		if !ok {
			continue
		}
		for _, title := range sortedKeys(lm) {
			l, ok := lm[title].(map[string]any)
			p := model.Pointer(e.ptr+"/communication_links", title)
			if !ok {
				return fmt.Errorf("%s: communication link %q is not a mapping", t.d.Pos(p), title)
			}
			to, ok := t.elemID[str(l["target"])]
			if !ok {
				t.n.lose("communication link %q of %s: target %q is no technical asset of the model", title, from, str(l["target"]))
				continue
			}
			if t.kinds[from] != "processes" && t.kinds[to] != "processes" {
				t.n.lose("communication link %q of %s: it connects %s to %s directly; in a DFD data moves between entities and stores only through a process (model the process and two flows)", title, from, kindName(t.kinds[from]), kindName(t.kinds[to]))
				continue
			}
			if to == from {
				t.n.lose("communication link %q of %s: it leads back to %s itself, which is no data flow of a DFD", title, from, from)
				continue
			}
			id := t.ids.make(from+"-"+title, "flow")
			t.links[src+">"+title] = id
			t.links[src+">"+strings.ToLower(strings.ReplaceAll(title, " ", "-"))] = id
			proto := str(l["protocol"])
			vpn, _ := l["vpn"].(bool)
			encrypts := vpn || tgEncrypted[proto] || strings.HasSuffix(proto, "-encrypted")
			auth := str(l["authentication"])
			authenticates := auth != "" && auth != "none"
			if encrypts {
				t.n.approxf("links over an encrypted protocol or VPN are written with integrity: true (TLS, SSH and IPsec protect integrity)")
			}
			flow := func(fid, name, a, b string, assets []string) {
				var ours []string
				for _, x := range assets {
					if aid, ok := t.assetID[x]; ok {
						ours = appendNew(ours, aid)
					} else {
						t.n.lose("communication link %q names data asset %q, which the model does not define", title, x)
					}
				}
				t.f.add("data_flows", item{fields: []field{{"id", fid}, {"name", name}, {"description", str(l["description"])},
					{"from", a}, {"to", b}, {"protocol", proto}, {"assets", ours},
					{"authenticates", authenticates}, {"encrypts", encrypts}, {"integrity", encrypts}}})
				t.result.Flows++
			}
			flow(id, title, from, to, strs(l["data_assets_sent"]))
			if recv := strs(l["data_assets_received"]); len(recv) > 0 {
				flow(t.ids.make(id+"-response", "flow"), title+" (response)", to, from, recv)
			}
			if a := str(l["authorization"]); a != "" && a != "none" {
				t.n.lose("communication link authorization (technical-user, end-user-identity-propagation): assure's flows record authentication only")
			}
			for _, k := range []string{"ip_filtered", "readonly", "tags", "usage"} {
				if !isEmpty(l[k]) {
					if b, isBool := l[k].(bool); !isBool || b {
						t.n.lose("communication link fields ip_filtered, readonly, tags and usage: no place in assure's flows")
					}
				}
			}
		}
	}
	return nil
}

var tags = regexp.MustCompile(`<[^>]*>`)

func (t *tgImport) risks() error {
	es, err := t.entries("individual_risk_categories")
	if err != nil {
		return err
	}
	for _, cat := range es {
		stride := strideOf(str(cat.m["stride"]))
		cid := firstNonEmpty(str(cat.m["id"]), cat.name)
		rm, _ := cat.m["risks_identified"].(map[string]any)
		for _, title := range sortedKeys(rm) {
			r, _ := rm[title].(map[string]any)
			plainTitle := strings.TrimSpace(tags.ReplaceAllString(title, ""))
			subject := ""
			if a := str(r["most_relevant_technical_asset"]); a != "" {
				subject = t.elemID[a]
			}
			if l := str(r["most_relevant_communication_link"]); subject == "" && l != "" {
				subject = t.links[l]
			}
			if subject == "" || stride == "" {
				t.n.lose("individual risk %q: it names no technical asset or link, or no STRIDE category, so it has no subject in the data flow diagram", plainTitle)
				continue
			}
			if !strideApplies(stride, t.kindOf(subject), false) {
				t.n.lose("individual risk %q: %s does not apply to %s in STRIDE per element", plainTitle, stride, subject)
				continue
			}
			vector, known := severityVector(str(r["severity"]))
			t.n.approxf("CVSS vectors of individual risks, from their Threagile severity")
			if !known {
				t.n.lose("individual risk %q: severity %q unknown; its CVSS vector is a medium placeholder", plainTitle, str(r["severity"]))
			}
			var cwe []int
			if n, ok := r["cwe"].(int64); ok && n > 0 {
				cwe = []int{int(n)}
			} else if n, ok := cat.m["cwe"].(int64); ok && n > 0 {
				cwe = []int{int(n)}
			}
			desc := str(cat.m["description"])
			if m := str(cat.m["mitigation"]); m != "" {
				desc = strings.TrimSpace(desc + "\nMitigation: " + m)
			}
			t.f.add("threats", item{
				comments: []string{fmt.Sprintf("cvss approximated from Threagile severity %q: review it", str(r["severity"]))},
				fields: []field{{"id", t.ids.make(cid, "threat")}, {"title", plainTitle}, {"description", desc}, {"stride", stride},
					{"elements", []string{subject}}, {"cwe", cwe}, {"cvss", vector}, {"treatment", "open"}},
			})
			t.result.Threats++
		}
	}
	return nil
}

func (t *tgImport) kindOf(id string) string {
	switch t.kinds[id] {
	case "external_entities":
		return "external-entity"
	case "processes":
		return "process"
	case "data_stores":
		return "data-store"
	}
	return "data-flow"
}

func (t *tgImport) riskTracking() {
	m, _ := t.root["risk_tracking"].(map[string]any)
	for _, k := range sortedKeys(m) {
		st := ""
		if e, ok := m[k].(map[string]any); ok {
			st = str(e["status"])
		}
		t.n.lose("risk_tracking %s (%s): it names a risk of Threagile's own rules; treat the threat assure raises instead (assure threat analyze)", k, st)
	}
}
