package analysis

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/sarif"
)

// runRules finds the rule a SARIF result names and applies SARIF's rules
// for what a result leaves out: the level from the rule's configuration,
// the message from the rule's templates.
type runRules struct {
	run   *sarif.Run
	byID  []map[string]*sarif.ReportingDescriptor // per component: driver, then extensions
	names map[string]int                          // component name -> index into byID
}

func newRunRules(run *sarif.Run) *runRules {
	rr := &runRules{run: run, names: map[string]int{}}
	comps := append([]sarif.ToolComponent{run.Tool.Driver}, run.Tool.Extensions...)
	for i := range comps {
		m := map[string]*sarif.ReportingDescriptor{}
		for j := range comps[i].Rules {
			d := &comps[i].Rules[j]
			if _, dup := m[d.ID]; !dup {
				m[d.ID] = d
			}
		}
		rr.byID = append(rr.byID, m)
		if _, dup := rr.names[comps[i].Name]; !dup {
			rr.names[comps[i].Name] = i
		}
	}
	return rr
}

func (rr *runRules) component(i int) *sarif.ToolComponent {
	if i == 0 {
		return &rr.run.Tool.Driver
	}
	return &rr.run.Tool.Extensions[i-1]
}

// rule returns the rule id of res and its descriptor (nil when the log does
// not describe the rule). A rule index that points nowhere is an error.
func (rr *runRules) rule(res *sarif.Result) (string, *sarif.ReportingDescriptor, error) {
	id := res.RuleID
	comp, index := 0, res.RuleIndex
	if ref := res.Rule; ref != nil {
		if id == "" {
			id = ref.ID
		}
		if ref.Index != nil && *ref.Index >= 0 {
			index = ref.Index
		}
		if tc := ref.ToolComponent; tc != nil {
			switch {
			case tc.Index != nil && *tc.Index >= 0:
				if *tc.Index >= len(rr.run.Tool.Extensions) {
					return "", nil, fmt.Errorf("rule.toolComponent.index %d, but the tool has %d extensions", *tc.Index, len(rr.run.Tool.Extensions))
				}
				comp = *tc.Index + 1
			case tc.Name != "":
				i, ok := rr.names[tc.Name]
				if !ok {
					return "", nil, fmt.Errorf("rule.toolComponent names %q, which the tool does not have", tc.Name)
				}
				comp = i
			}
		}
	}
	var d *sarif.ReportingDescriptor
	if index != nil && *index >= 0 {
		rules := rr.component(comp).Rules
		if *index >= len(rules) {
			return "", nil, fmt.Errorf("rule index %d, but %s describes %d rules", *index, rr.component(comp).Name, len(rules))
		}
		d = &rules[*index]
		if id == "" {
			id = d.ID
		}
	} else if id != "" {
		d = rr.lookup(comp, id)
	}
	return id, d, nil
}

// lookup finds a rule by id, trying a hierarchical id's parents
// ("a/b/c", "a/b", "a") as SARIF allows (§3.27.5).
func (rr *runRules) lookup(comp int, id string) *sarif.ReportingDescriptor {
	for {
		if d := rr.byID[comp][id]; d != nil {
			return d
		}
		i := strings.LastIndexByte(id, '/')
		if i < 0 {
			return nil
		}
		id = id[:i]
	}
}

// level is SARIF's effective level of a result (§3.27.10): its own, else an
// override of the run's invocation, else the rule's default configuration,
// else warning; a result whose kind is not "fail" defaults to none.
func (rr *runRules) level(res *sarif.Result, id string, d *sarif.ReportingDescriptor) Level {
	if res.Level != "" {
		return Level(res.Level)
	}
	if res.Kind != "" && res.Kind != "fail" {
		return LevelNone
	}
	for _, inv := range rr.run.Invocations {
		for _, o := range inv.RuleConfigurationOverrides {
			if o.Configuration.Level != "" && (o.Descriptor.ID == id || d != nil && o.Descriptor.ID == d.ID) {
				return Level(o.Configuration.Level)
			}
		}
	}
	if d != nil && d.DefaultConfiguration != nil && d.DefaultConfiguration.Level != "" {
		return Level(d.DefaultConfiguration.Level)
	}
	return LevelWarning
}

// message is the result's text: its own, or the rule's template named by
// message.id, with {0}, {1} … replaced by the arguments (§3.11.5).
func message(res *sarif.Result, d *sarif.ReportingDescriptor) string {
	m := res.Message
	text := m.Text
	if text == "" && m.ID != "" && d != nil {
		text = d.MessageStrings[m.ID].Text
	}
	if text == "" {
		text = m.Markdown
	}
	if text == "" && d != nil && d.ShortDescription != nil {
		text = d.ShortDescription.Text
	}
	return fill(text, m.Arguments)
}

// fill substitutes placeholders; "{{" and "}}" are literal braces, and a
// placeholder without an argument stays as written.
func fill(text string, args []string) string {
	if !strings.ContainsAny(text, "{}") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '{' && i+1 < len(text) && text[i+1] == '{':
			b.WriteByte('{')
			i++
		case c == '}' && i+1 < len(text) && text[i+1] == '}':
			b.WriteByte('}')
			i++
		case c == '{':
			end := strings.IndexByte(text[i:], '}')
			if end < 0 {
				b.WriteString(text[i:])
				return b.String()
			}
			n, err := strconv.Atoi(text[i+1 : i+end])
			if err != nil || n < 0 || n >= len(args) {
				b.WriteString(text[i : i+end+1])
			} else {
				b.WriteString(args[n])
			}
			i += end
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
