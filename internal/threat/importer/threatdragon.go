package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// tdModel is an OWASP Threat Dragon v2 model (version 2.x of the JSON file
// Threat Dragon saves: summary, detail.diagrams[].cells).
type tdModel struct {
	Version string `json:"version"`
	Summary struct {
		Title       string `json:"title"`
		Owner       string `json:"owner"`
		Description string `json:"description"`
	} `json:"summary"`
	Detail struct {
		Contributors []struct {
			Name string `json:"name"`
		} `json:"contributors"`
		Reviewer string      `json:"reviewer"`
		Diagrams []tdDiagram `json:"diagrams"`
	} `json:"detail"`
}

type tdDiagram struct {
	Title       string   `json:"title"`
	DiagramType string   `json:"diagramType"`
	Cells       []tdCell `json:"cells"`
	// DiagramJSON is where Threat Dragon 1.x kept its cells.
	DiagramJSON json.RawMessage `json:"diagramJson"`
}

type tdCell struct {
	ID       string `json:"id"`
	Shape    string `json:"shape"`
	Position *struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
	} `json:"position"`
	Size *struct {
		Width  float64 `json:"width"`
		Height float64 `json:"height"`
	} `json:"size"`
	Source struct {
		Cell string `json:"cell"`
	} `json:"source"`
	Target struct {
		Cell string `json:"cell"`
	} `json:"target"`
	Data tdData `json:"data"`
}

type tdData struct {
	Type             string     `json:"type"`
	Name             string     `json:"name"`
	Description      string     `json:"description"`
	OutOfScope       bool       `json:"outOfScope"`
	ReasonOutOfScope string     `json:"reasonOutOfScope"`
	IsALog           bool       `json:"isALog"`
	IsEncrypted      bool       `json:"isEncrypted"`
	IsBidirectional  bool       `json:"isBidirectional"`
	IsPublicNetwork  bool       `json:"isPublicNetwork"`
	Protocol         string     `json:"protocol"`
	Threats          []tdThreat `json:"threats"`
}

type tdThreat struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Status      string `json:"status"`
	Severity    string `json:"severity"`
	Type        string `json:"type"`
	Description string `json:"description"`
	Mitigation  string `json:"mitigation"`
	ModelType   string `json:"modelType"`
	Score       string `json:"score"`
}

var tdKinds = map[string]string{
	"tm.Actor": "external_entities", "tm.Process": "processes", "tm.Store": "data_stores",
}

// ThreatDragon reads an OWASP Threat Dragon v2 JSON model named file:
// actors, processes and stores become elements, flows data flows (a
// bidirectional flow two), trust boundary boxes trust boundaries around
// the elements drawn inside them, out-of-scope elements not-applicable
// statements, and STRIDE threats threats written by hand (a mitigated
// threat gets a countermeasure from its mitigation text, with no tests
// yet). Trust boundary curves, text blocks and non-STRIDE threats are
// listed as lost.
func ThreatDragon(name string, src []byte, module string) (*Result, error) {
	if _, err := jsonpos.Parse(src); err != nil {
		var je *jsonpos.Error
		if errors.As(err, &je) {
			line, col := jsonpos.LineCol(src, je.Off)
			return nil, fmt.Errorf("%s:%d:%d: not JSON: %s (hint: give the JSON file Threat Dragon saved)", name, line, col, je.Msg)
		}
		return nil, fmt.Errorf("%s: not JSON: %v", name, err)
	}
	var m tdModel
	if err := json.Unmarshal(src, &m); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			line, col := jsonpos.LineCol(src, int(te.Offset))
			return nil, fmt.Errorf("%s:%d:%d: %s is %s, want %s (hint: give a Threat Dragon v2 model)", name, line, col, te.Field, te.Value, te.Type)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(m.Detail.Diagrams) == 0 {
		return nil, fmt.Errorf("%s:1:1: not a Threat Dragon v2 model: it has no detail.diagrams (hint: give the JSON file Threat Dragon saved)", name)
	}
	for _, d := range m.Detail.Diagrams {
		if len(d.Cells) == 0 && len(d.DiagramJSON) > 0 {
			return nil, fmt.Errorf("%s:1:1: a Threat Dragon 1.x model (diagramJson) (hint: open it in Threat Dragon 2 and save it, which converts it to v2)", name)
		}
	}
	t := &tdImport{n: newNotes(), ids: newIDs(), f: &file{module: module}, cellID: map[string]string{}, kind: map[string]string{}, logs: map[string]bool{}}
	t.run(&m)
	t.f.header = []string{
		fmt.Sprintf("Imported from the OWASP Threat Dragon model %s%s by assure threat import.", name, quoted(m.Summary.Title)),
		"Review it: what could not be carried over is listed in the import report,",
		"and CVSS vectors marked \"approximated\" stand in for Threat Dragon's severities.",
	}
	r := t.result
	r.YAML, r.Lost, r.Approximated = t.f.bytes(), sorted(t.n.lost), sorted(t.n.approx)
	return &r, nil
}

type tdImport struct {
	n      *notes
	ids    *ids
	f      *file
	result Result
	cellID map[string]string // Threat Dragon cell id → our id
	kind   map[string]string // our id → section
	logs   map[string]bool
}

type box struct {
	id             string
	x0, y0, x1, y1 float64
}

func (b box) contains(x, y float64) bool { return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1 }
func (b box) area() float64              { return (b.x1 - b.x0) * (b.y1 - b.y0) }

func (t *tdImport) run(m *tdModel) {
	if len(m.Detail.Contributors) > 0 || m.Detail.Reviewer != "" || m.Summary.Owner != "" {
		t.n.lose("owner, contributors and reviewer: record the review in the file's review: {commit, by} once a security architect of the model has reviewed it")
	}
	var cells []tdCell
	for _, d := range m.Detail.Diagrams {
		if d.DiagramType != "" && d.DiagramType != "STRIDE" {
			t.n.lose("diagram %q is a %s diagram; its threats are imported only where they name a STRIDE category", d.Title, d.DiagramType)
		}
		cells = append(cells, d.Cells...)
	}
	// Stable order: by name, then by Threat Dragon's id.
	sort.SliceStable(cells, func(i, j int) bool {
		if cells[i].Data.Name != cells[j].Data.Name {
			return cells[i].Data.Name < cells[j].Data.Name
		}
		return cells[i].ID < cells[j].ID
	})
	boxes := t.boundaries(cells)
	for _, c := range cells {
		section, ok := tdKinds[c.Data.Type]
		if !ok {
			continue
		}
		id := t.ids.make(oneLine(c.Data.Name), strings.TrimPrefix(strings.ToLower(c.Data.Type), "tm."))
		t.cellID[c.ID], t.kind[id], t.logs[id] = id, section, c.Data.IsALog
	}
	for _, c := range cells {
		section, ok := tdKinds[c.Data.Type]
		if !ok {
			switch c.Data.Type {
			case "tm.Flow", "tm.Boundary", "tm.BoundaryBox":
			case "tm.Text":
				t.n.lose("text blocks on the diagrams")
			default:
				t.n.lose("cells of type %q", c.Data.Type)
			}
			continue
		}
		id := t.cellID[c.ID]
		fields := []field{{"id", id}, {"name", oneLine(c.Data.Name)}, {"description", c.Data.Description}, {"boundary", innermost(boxes, c)}}
		if section == "data_stores" {
			if c.Data.IsEncrypted {
				fields = append(fields, field{"controls", []string{"protected-storage"}})
				t.n.approxf("encrypted stores are written with the control protected-storage")
			}
			fields = append(fields, field{"logs", c.Data.IsALog})
		}
		t.f.add(section, item{fields: fields})
		t.result.Elements++
		t.outOfScope(id, c.Data)
	}
	for _, c := range cells {
		if c.Data.Type == "tm.Flow" {
			t.flow(c)
		}
	}
	for _, c := range cells {
		if id, ok := t.cellID[c.ID]; ok {
			t.threats(id, c.Data.Threats)
		}
	}
}

func (t *tdImport) boundaries(cells []tdCell) []box {
	var boxes []box
	for _, c := range cells {
		switch c.Data.Type {
		case "tm.BoundaryBox":
			if c.Position == nil || c.Size == nil {
				t.n.lose("a trust boundary box without position or size")
				continue
			}
			id := t.ids.make(oneLine(c.Data.Name), "boundary")
			boxes = append(boxes, box{id, c.Position.X, c.Position.Y, c.Position.X + c.Size.Width, c.Position.Y + c.Size.Height})
		case "tm.Boundary":
			t.n.lose("trust boundary curves: a line does not say which elements it encloses; draw boundary boxes, or set boundary: on the elements")
		}
	}
	sort.SliceStable(boxes, func(i, j int) bool { return boxes[i].area() > boxes[j].area() })
	for i, b := range boxes {
		parent := ""
		// The smallest larger box that holds this one is its parent.
		for j := i - 1; j >= 0; j-- {
			o := boxes[j]
			if o.contains(b.x0, b.y0) && o.contains(b.x1, b.y1) {
				parent = o.id
				break
			}
		}
		t.f.add("trust_boundaries", item{fields: []field{{"id", b.id}, {"parent", parent}}})
		t.result.Boundaries++
	}
	if len(boxes) > 0 {
		t.n.approxf("elements are placed in the smallest trust boundary box their centre lies in")
	}
	return boxes
}

func innermost(boxes []box, c tdCell) string {
	if c.Position == nil || c.Size == nil {
		return ""
	}
	x, y := c.Position.X+c.Size.Width/2, c.Position.Y+c.Size.Height/2
	in := ""
	for _, b := range boxes { // largest first, so the last hit is the smallest
		if b.contains(x, y) {
			in = b.id
		}
	}
	return in
}

func (t *tdImport) outOfScope(id string, d tdData) {
	if !d.OutOfScope {
		return
	}
	t.f.add("not_applicable", item{fields: []field{{"element", id}, {"stride", []string{"all"}},
		{"reason", strings.TrimSpace("out of scope in the Threat Dragon model: " + d.ReasonOutOfScope)}}})
	t.n.approxf("out-of-scope elements are written as not_applicable for all STRIDE categories")
}

func (t *tdImport) flow(c tdCell) {
	name := oneLine(c.Data.Name)
	from, ok1 := t.cellID[c.Source.Cell]
	to, ok2 := t.cellID[c.Target.Cell]
	if !ok1 || !ok2 {
		t.n.lose("flow %q: it does not connect two elements on the diagram (an end is loose)", firstNonEmpty(name, c.ID))
		return
	}
	if t.kind[from] != "processes" && t.kind[to] != "processes" {
		t.n.lose("flow %q: it connects %s %s to %s %s directly; in a DFD data moves between entities and stores only through a process (model the process and two flows)", firstNonEmpty(name, c.ID), kindName(t.kind[from]), from, kindName(t.kind[to]), to)
		return
	}
	if from == to {
		t.n.lose("flow %q: it leads from %s back to itself, which is no data flow of a DFD", firstNonEmpty(name, c.ID), from)
		return
	}
	id := t.ids.make(firstNonEmpty(name, from+"-"+to), "flow")
	t.cellID[c.ID], t.kind[id] = id, "data_flows"
	add := func(fid, fname, a, b string) {
		t.f.add("data_flows", item{fields: []field{{"id", fid}, {"name", fname}, {"description", c.Data.Description},
			{"from", a}, {"to", b}, {"protocol", c.Data.Protocol}, {"encrypts", c.Data.IsEncrypted}, {"integrity", c.Data.IsEncrypted}}})
		t.result.Flows++
	}
	add(id, name, from, to)
	if c.Data.IsBidirectional {
		add(t.ids.make(id+"-back", "flow"), strings.TrimSpace(name+" (back)"), to, from)
		t.n.approxf("bidirectional flows are written as two flows")
	}
	if c.Data.IsEncrypted {
		t.n.approxf("encrypted flows are written with integrity: true")
	}
	t.n.lose("flows do not say whether they authenticate in Threat Dragon; set authenticates: true where they do")
	if c.Data.IsPublicNetwork {
		t.n.lose("flows over a public network: put the ends in different trust boundaries instead")
	}
	t.outOfScope(id, c.Data)
}

func (t *tdImport) threats(subject string, ts []tdThreat) {
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Title < ts[j].Title })
	for _, th := range ts {
		title := oneLine(th.Title)
		stride := strideOf(th.Type)
		if stride == "" {
			t.n.lose("threat %q on %s: %s category %q is not STRIDE", title, subject, firstNonEmpty(th.ModelType, "its"), th.Type)
			continue
		}
		if !strideApplies(stride, kindName(t.kind[subject]), t.logs[subject]) {
			t.n.lose("threat %q: %s does not apply to %s %s in STRIDE per element", title, stride, kindName(t.kind[subject]), subject)
			continue
		}
		if title == "" {
			title = "Untitled " + stride + " threat to " + subject
			t.n.lose("threats without a title: each is written as %q and needs one", "Untitled <category> threat to <element>")
		}
		id := t.ids.make(title, "threat")
		vector := strings.TrimSpace(th.Score)
		comments := []string(nil)
		if !strings.HasPrefix(vector, "CVSS:3.1/") && !strings.HasPrefix(vector, "CVSS:4.0/") {
			v, known := severityVector(th.Severity)
			vector = v
			comments = []string{fmt.Sprintf("cvss approximated from Threat Dragon severity %q: review it", th.Severity)}
			t.n.approxf("CVSS vectors of threats, from their Threat Dragon severity")
			if !known {
				t.n.lose("threat %q: severity %q unknown; its CVSS vector is a medium placeholder", title, th.Severity)
			}
		}
		fields := []field{{"id", id}, {"title", title}, {"description", th.Description}, {"stride", stride},
			{"elements", []string{subject}}, {"cvss", vector}}
		switch strings.ToLower(strings.ReplaceAll(th.Status, " ", "")) {
		case "mitigated":
			cm := t.ids.make("cm-"+id, "cm")
			fields = append(fields, field{"treatment", "mitigated"}, field{"countermeasures", []string{cm}})
			t.f.add("countermeasures", item{fields: []field{{"id", cm}, {"title", clip(firstNonEmpty(oneLine(th.Mitigation), "Mitigation of "+title), 100)},
				{"description", th.Mitigation}, {"elements", []string{subject}}}})
			t.n.approxf("mitigated threats get a countermeasure from their mitigation text, without tests: link the tests that prove them")
		case "notapplicable", "n/a":
			fields = append(fields, field{"treatment", "not-applicable"}, field{"reason", firstNonEmpty(th.Mitigation, th.Description, "not applicable in the Threat Dragon model")})
		default:
			if th.Mitigation != "" {
				fields[2] = field{"description", strings.TrimSpace(th.Description + "\nProposed mitigation: " + th.Mitigation)}
			}
			fields = append(fields, field{"treatment", "open"})
		}
		t.f.add("threats", item{comments: comments, fields: fields})
		t.result.Threats++
	}
}

func kindName(section string) string {
	switch section {
	case "external_entities":
		return "external-entity"
	case "processes":
		return "process"
	case "data_stores":
		return "data-store"
	}
	return "data-flow"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
