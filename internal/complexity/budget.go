package complexity

import (
	"path"
	"strconv"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/assure-dev/assure/internal/model"
)

// Budget is the highest CCN one function may have, and where the model
// sets it.
type Budget struct {
	// MaxCCN is 0 when no budget covers the function.
	MaxCCN int
	// Source names the setting: "complexity.max_ccn",
	// "complexity.languages.c", "complexity.modules.crypto",
	// "complexity.modules.crypto.languages.c", or "complexity.exceptions"
	// for an accepted exception.
	Source string
	// Exception is set when an exception of the model decides.
	Exception *model.ComplexityException
}

// Budgets answers which budget applies to a function under one model.
type Budgets struct {
	m   *model.Model
	exc map[string]*model.ComplexityException
}

// NewBudgets reads the budgets of the model's complexity section.
func NewBudgets(m *model.Model) *Budgets {
	b := &Budgets{m: m, exc: map[string]*model.ComplexityException{}}
	for i := range m.Complexity.Exceptions {
		e := &m.Complexity.Exceptions[i]
		b.exc[exceptionKey(path.Clean(e.File), e.Function)] = e
	}
	return b
}

func exceptionKey(file, function string) string { return file + "\x00" + function }

// Any reports whether the model sets any budget.
func (b *Budgets) Any() bool { return b.m.Complexity.HasBudget() }

// Excluded reports whether the model excludes a file (a path relative to
// the repository root) from the analysis.
func (b *Budgets) Excluded(file string) bool {
	for _, g := range b.m.Complexity.Exclude {
		if doublestar.MatchUnvalidated(g, file) {
			return true
		}
	}
	return false
}

// Exception returns the exception the model has for a function, if any.
func (b *Budgets) Exception(file, function string) *model.ComplexityException {
	return b.exc[exceptionKey(path.Clean(file), function)]
}

// For returns the budget of a function: its exception, else the strictest
// budget of the modules its file belongs to (per language first), else
// its language's, else the global one.
func (b *Budgets) For(f Function) Budget {
	if e := b.Exception(f.File, f.Name); e != nil {
		return Budget{MaxCCN: e.MaxCCN, Source: "complexity.exceptions", Exception: e}
	}
	return b.Regular(f)
}

// Regular is the budget of a function without its exception.
func (b *Budgets) Regular(f Function) Budget {
	c := &b.m.Complexity
	lang := string(f.Language)
	var best Budget
	for _, mod := range b.m.ModulesFor(f.File) {
		mb, ok := c.Modules[mod.ID]
		if !ok {
			continue
		}
		cand := Budget{MaxCCN: mb.MaxCCN, Source: "complexity.modules." + mod.ID}
		if lb, ok := mb.Languages[lang]; ok {
			cand = Budget{MaxCCN: lb.MaxCCN, Source: "complexity.modules." + mod.ID + ".languages." + lang}
		}
		if cand.MaxCCN > 0 && (best.MaxCCN == 0 || cand.MaxCCN < best.MaxCCN) {
			best = cand
		}
	}
	if best.MaxCCN > 0 {
		return best
	}
	if lb, ok := c.Languages[lang]; ok && lb.MaxCCN > 0 {
		return Budget{MaxCCN: lb.MaxCCN, Source: "complexity.languages." + lang}
	}
	if c.MaxCCN > 0 {
		return Budget{MaxCCN: c.MaxCCN, Source: "complexity.max_ccn"}
	}
	return Budget{}
}

// String says the budget the way messages name it.
func (b Budget) String() string {
	return strconv.Itoa(b.MaxCCN) + " (" + b.Source + ")"
}
