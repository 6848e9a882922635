package complexity

import (
	"testing"

	"github.com/assure-dev/assure/internal/model"
)

func TestBudgets(t *testing.T) {
	m := &model.Model{
		Modules: []model.Module{
			{ID: "crypto", Paths: []string{"crypto/**"}},
			{ID: "kernel", Paths: []string{"kernel/**", "crypto/shared/**"}},
			{ID: "docs", Paths: []string{"docs/**"}},
		},
		Complexity: model.Complexity{
			MaxCCN:    15,
			Languages: map[string]model.ComplexityBudget{"go": {MaxCCN: 12}},
			Modules: map[string]model.ModuleComplexity{
				"crypto": {MaxCCN: 10, Languages: map[string]model.ComplexityBudget{"cpp": {MaxCCN: 8}}},
				"kernel": {MaxCCN: 25},
			},
			Exceptions: []model.ComplexityException{{File: "kernel/sched.c", Function: "schedule", MaxCCN: 40, Reason: "state machine"}},
			Exclude:    []string{"third_party/**"},
		},
	}
	b := NewBudgets(m)
	cases := []struct {
		file, name string
		lang       Language
		want       int
		source     string
	}{
		{"app/main.c", "main", LangC, 15, "complexity.max_ccn"},
		{"app/main.go", "main", LangGo, 12, "complexity.languages.go"},
		{"crypto/aes.c", "aes", LangC, 10, "complexity.modules.crypto"},
		{"crypto/aes.cc", "aes", LangCPP, 8, "complexity.modules.crypto.languages.cpp"},
		{"kernel/sched.c", "pick", LangC, 25, "complexity.modules.kernel"},
		{"kernel/sched.c", "schedule", LangC, 40, "complexity.exceptions"},
		{"crypto/shared/x.c", "x", LangC, 10, "complexity.modules.crypto"}, // the strictest module wins
		{"docs/x.c", "x", LangC, 15, "complexity.max_ccn"},                 // a module without a budget
	}
	for _, tc := range cases {
		got := b.For(Function{File: tc.file, Name: tc.name, Language: tc.lang})
		if got.MaxCCN != tc.want || got.Source != tc.source {
			t.Errorf("%s %s: budget %v, want %d (%s)", tc.file, tc.name, got, tc.want, tc.source)
		}
	}
	if reg := b.Regular(Function{File: "kernel/sched.c", Name: "schedule", Language: LangC}); reg.MaxCCN != 25 {
		t.Errorf("regular budget of an excepted function = %v, want 25", reg)
	}
	if !b.Excluded("third_party/x/y.c") || b.Excluded("app/main.c") {
		t.Error("exclude globs not applied")
	}
	if !b.Any() || NewBudgets(&model.Model{}).Any() {
		t.Error("Any() wrong")
	}
	if got := NewBudgets(&model.Model{}).For(Function{File: "a.c", Name: "f", Language: LangC}); got.MaxCCN != 0 {
		t.Errorf("no budget in the model gives %v", got)
	}
}
