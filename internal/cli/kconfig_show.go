package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/assure-dev/assure/internal/kconfig"
)

// kcShowInfo is what `assure kconfig show` prints about one symbol; the
// JSON output is this struct.
type kcShowInfo struct {
	Name        string          `json:"name"`
	ConfigName  string          `json:"config_name"`
	Defined     bool            `json:"defined"`
	Type        string          `json:"type"`
	Value       string          `json:"value"`
	UserValue   *kcUserValue    `json:"user_value,omitempty"`
	Visibility  string          `json:"visibility"`
	Assignable  []string        `json:"assignable"`
	ConfigLine  string          `json:"config_line"`
	DependsOn   string          `json:"depends_on"`
	EnvVar      string          `json:"env_var,omitempty"`
	Choice      *kcChoiceInfo   `json:"choice,omitempty"`
	Definitions []kcDefinition  `json:"definitions"`
	SelectedBy  []kcReverse     `json:"selected_by"`
	ImpliedBy   []kcReverse     `json:"implied_by"`
	Selects     []kcConditional `json:"selects"`
	Implies     []kcConditional `json:"implies"`
	Defaults    []kcConditional `json:"defaults"`
	Ranges      []kcRangeInfo   `json:"ranges"`
	Diagnostics []kcDiagJSON    `json:"diagnostics"`
}

type kcUserValue struct {
	Value string `json:"value"`
	File  string `json:"file,omitempty"`
	Line  int    `json:"line,omitempty"`
}

type kcChoiceInfo struct {
	Name      string `json:"name,omitempty"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Mode      string `json:"mode"`
	Selection string `json:"selection,omitempty"`
}

type kcDefinition struct {
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Prompt    *string  `json:"prompt,omitempty"`
	PromptIf  string   `json:"prompt_if,omitempty"`
	DependsOn string   `json:"depends_on,omitempty"`
	Menu      []string `json:"menu"`
	Help      string   `json:"help,omitempty"`
}

// kcReverse is one symbol whose select (or imply) reaches this one.
type kcReverse struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	If    string `json:"if,omitempty"`
}

type kcConditional struct {
	Value string `json:"value"`
	If    string `json:"if,omitempty"`
}

type kcRangeInfo struct {
	Low  string `json:"low"`
	High string `json:"high"`
	If   string `json:"if,omitempty"`
}

func condString(e *kconfig.Expr, kc *kconfig.Kconfig) string {
	if e == nil || (e.Op == kconfig.OpSymbol && e.Sym == kc.Const(kconfig.Y)) {
		return ""
	}
	return e.String()
}

func reverseOf(e *kconfig.Expr, kc *kconfig.Kconfig) []kcReverse {
	out := []kcReverse{}
	if e == nil || (e.Op == kconfig.OpSymbol && e.Sym == kc.Const(kconfig.N)) {
		return out
	}
	for _, term := range e.Split(kconfig.OpOr) {
		parts := term.Split(kconfig.OpAnd)
		if parts[0].Op != kconfig.OpSymbol {
			continue
		}
		r := kcReverse{Name: parts[0].Sym.Name, Value: parts[0].Sym.Value()}
		if term.Op == kconfig.OpAnd {
			r.If = term.B.String()
		}
		out = append(out, r)
	}
	return out
}

func symExpr(s *kconfig.Symbol) string { return (&kconfig.Expr{Op: kconfig.OpSymbol, Sym: s}).String() }

func kcDescribe(s *kcSession, sym *kconfig.Symbol) kcShowInfo {
	kc := s.kc
	info := kcShowInfo{
		Name: sym.Name, ConfigName: kc.ConfigPrefix() + sym.Name, Defined: sym.Defined(),
		Type: sym.Type().String(), Value: sym.Value(), Visibility: sym.Visibility().String(),
		Assignable: []string{}, ConfigLine: strings.TrimSuffix(sym.ConfigString(), "\n"),
		DependsOn: condString(sym.DirectDeps(), kc), Definitions: []kcDefinition{},
		SelectedBy: reverseOf(sym.ReverseDeps(), kc), ImpliedBy: reverseOf(sym.WeakReverseDeps(), kc),
		Selects: []kcConditional{}, Implies: []kcConditional{}, Defaults: []kcConditional{}, Ranges: []kcRangeInfo{},
	}
	if !sym.Defined() {
		info.DependsOn = ""
	}
	for _, a := range sym.Assignable() {
		info.Assignable = append(info.Assignable, a.String())
	}
	if v, pos, ok := sym.UserValue(); ok {
		info.UserValue = &kcUserValue{Value: v, File: s.display(pos.File), Line: pos.Line}
	}
	if name, ok := sym.EnvVar(); ok {
		info.EnvVar = name
	}
	if c := sym.Choice(); c != nil {
		ci := &kcChoiceInfo{Name: c.Name, File: c.Nodes()[0].Pos.File, Line: c.Nodes()[0].Pos.Line, Mode: c.Value()}
		if sel := c.Selection(); sel != nil {
			ci.Selection = sel.Name
		}
		info.Choice = ci
	}
	for _, n := range sym.Nodes() {
		d := kcDefinition{File: n.Pos.File, Line: n.Pos.Line, DependsOn: condString(n.OrigDep, kc), Menu: n.MenuPath(), Help: n.Help()}
		if d.Menu == nil {
			d.Menu = []string{}
		}
		if n.HasPrompt {
			p := n.Prompt
			d.Prompt = &p
			d.PromptIf = condString(n.OrigPromptCond, kc)
		}
		info.Definitions = append(info.Definitions, d)
		for _, x := range n.OrigSelects {
			info.Selects = append(info.Selects, kcConditional{Value: x.Target.Name, If: condString(x.Cond, kc)})
		}
		for _, x := range n.OrigImplies {
			info.Implies = append(info.Implies, kcConditional{Value: x.Target.Name, If: condString(x.Cond, kc)})
		}
		for _, x := range n.OrigDefaults {
			info.Defaults = append(info.Defaults, kcConditional{Value: x.Value.String(), If: condString(x.Cond, kc)})
		}
		for _, x := range n.OrigRanges {
			info.Ranges = append(info.Ranges, kcRangeInfo{Low: symExpr(x.Low), High: symExpr(x.High), If: condString(x.Cond, kc)})
		}
	}
	var mine []kconfig.Diagnostic
	for _, d := range s.diagnostics() {
		if d.Symbol == sym.Name {
			mine = append(mine, d)
		}
	}
	info.Diagnostics = kcDiags(mine)
	return info
}

func kcShowText(w io.Writer, in kcShowInfo) error {
	var b strings.Builder
	line := func(label, text string) {
		fmt.Fprintf(&b, "  %-12s %s\n", label, text)
	}
	more := func(text string) { fmt.Fprintf(&b, "  %-12s %s\n", "", text) }
	list := func(label string, items []string) {
		if len(items) == 0 {
			line(label, "-")
			return
		}
		for i, it := range items {
			if i == 0 {
				line(label, it)
			} else {
				more(it)
			}
		}
	}
	withIf := func(v, cond string) string {
		if cond == "" {
			return v
		}
		return v + " if " + cond
	}
	b.WriteString(in.ConfigName + "\n")
	if !in.Defined {
		line("defined at", "nowhere: the tree references it but no Kconfig file defines it")
	}
	line("type", in.Type)
	value := in.Value
	if in.Type == "string" {
		value = fmt.Sprintf("%q", in.Value)
	}
	if in.UserValue != nil {
		from := ""
		if in.UserValue.File != "" {
			from = fmt.Sprintf(" at %s:%d", in.UserValue.File, in.UserValue.Line)
		}
		value += fmt.Sprintf(" (assigned %s%s)", in.UserValue.Value, from)
	}
	line("value", value)
	vis := in.Visibility
	if len(in.Assignable) > 0 {
		vis += " (can be set to " + strings.Join(in.Assignable, ", ") + ")"
	}
	line("visible", vis)
	cl := in.ConfigLine
	if cl == "" {
		cl = "- (not written)"
	}
	line(".config", cl)
	if in.EnvVar != "" {
		line("from env", in.EnvVar)
	}
	if in.Choice != nil {
		name := "<choice>"
		if in.Choice.Name != "" {
			name = "<choice " + in.Choice.Name + ">"
		}
		line("choice", fmt.Sprintf("%s at %s:%d, mode %s, selection %s", name, in.Choice.File, in.Choice.Line, in.Choice.Mode, orDash(in.Choice.Selection)))
	}
	if in.Defined {
		line("depends on", orDash(in.DependsOn))
	}
	for i, d := range in.Definitions {
		text := fmt.Sprintf("%s:%d", d.File, d.Line)
		if d.Prompt != nil {
			text += fmt.Sprintf(" %q", *d.Prompt)
			if d.PromptIf != "" {
				text += " if " + d.PromptIf
			}
		} else {
			text += " (no prompt)"
		}
		if len(d.Menu) > 0 {
			text += " in " + strings.Join(d.Menu, " > ")
		}
		if i == 0 {
			line("defined at", text)
		} else {
			more(text)
		}
		if d.DependsOn != "" && len(in.Definitions) > 1 {
			more("  depends on " + d.DependsOn)
		}
	}
	rev := func(rs []kcReverse) []string {
		var out []string
		for _, r := range rs {
			out = append(out, withIf(r.Name+" ("+r.Value+")", r.If))
		}
		return out
	}
	cond := func(cs []kcConditional) []string {
		var out []string
		for _, c := range cs {
			out = append(out, withIf(c.Value, c.If))
		}
		return out
	}
	list("selected by", rev(in.SelectedBy))
	list("implied by", rev(in.ImpliedBy))
	list("selects", cond(in.Selects))
	list("implies", cond(in.Implies))
	list("defaults", cond(in.Defaults))
	if len(in.Ranges) > 0 {
		var rs []string
		for _, r := range in.Ranges {
			rs = append(rs, withIf("["+r.Low+", "+r.High+"]", r.If))
		}
		list("ranges", rs)
	}
	for i, d := range in.Diagnostics {
		text := d.Message
		if d.File != "" {
			text = fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message)
		}
		if i == 0 {
			line("warnings", text)
		} else {
			more(text)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
