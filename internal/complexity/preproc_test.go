package complexity

import "testing"

// Preprocessor branches start from the same state; decisions in every
// branch count, as lizard counts them.
func TestPreprocessorBranches(t *testing.T) {
	cases := []struct {
		name, src string
		want      []Function
	}{
		{"elif chain of openers", "void f(int x)\n{\n#if A\n  if (x) {\n#elif B\n  while (x) {\n#else\n  for (;;) {\n#endif\n    x++;\n  }\n}\nint g(void) { return 1; }\n",
			[]Function{{Name: "f", StartLine: 1, EndLine: 12, CCN: 6, NLOC: 8, Params: 1, MaxNesting: 1}, {Name: "g", StartLine: 13, EndLine: 13, CCN: 1, NLOC: 1}}},
		{"nested conditionals", "void f(int x)\n{\n#ifdef A\n#if B\n  if (x) {\n#else\n  if (!x) {\n#endif\n#else\n  {\n#endif\n  }\n}\nvoid g(void) {}\n",
			[]Function{{Name: "f", StartLine: 1, EndLine: 13, CCN: 5, NLOC: 7, Params: 1, MaxNesting: 0}, {Name: "g", StartLine: 14, EndLine: 14, CCN: 1, NLOC: 1}}},
		{"whole functions per branch", "#if A\nint f(void) { return 1; }\n#else\nint f(void) { return 2 ? 1 : 0; }\n#endif\n",
			[]Function{{Name: "f", StartLine: 2, EndLine: 2, CCN: 1, NLOC: 1}, {Name: "f", StartLine: 4, EndLine: 4, CCN: 2, NLOC: 1}}},
		// lizard reads "#if A / } / void g(void) { / #else / #endif / }" as
		// f ending at line 4 and g at 9; read from the #else branch, which
		// is empty, f goes on to line 9 and is reported once.
		{"function ends in one branch only", "void f(void)\n{\n#if A\n}\nvoid g(void)\n{\n#else\n#endif\n}\n",
			[]Function{{Name: "f", StartLine: 1, EndLine: 9, CCN: 2, NLOC: 4}}},
		{"unbalanced endif is ignored", "#endif\n#else\nint f(void) { return 0; }\n",
			[]Function{{Name: "f", StartLine: 3, EndLine: 3, CCN: 1, NLOC: 1}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			compareFunctions(t, AnalyzeSource("f.c", []byte(tc.src)).Functions, tc.want)
		})
	}
}

func TestParamsAndLongNames(t *testing.T) {
	cases := []struct {
		file, src, long string
		params          int
	}{
		{"f.c", "int f(void) {}", "f()", 0},
		{"f.c", "int f(void *p) {}", "f( * p)", 1},
		{"f.c", "int f(int a[16], int n) {}", "f( int a [ 16 ] , int n)", 2},
		{"f.c", "int f(const char *fmt, ...) {}", "f( const char * fmt , ...)", 1},
		{"f.c", "int f(int (*cb)(int, int), void *arg) {}", "f( int(*cb)(int,int) , * arg)", 2},
		{"f.cc", "int f(std::map<int, int> m, T<a, b> t) {}", "f( std :: map<int,int> m , T<a,b> t)", 2},
		{"f.go", "package p\nfunc f(a, b int, fn func(int, int) error, rest ...string) {}", "f(a, b int, fn func(int, int) error, rest ...string)", 4},
		{"f.go", "package p\nfunc (s *Stack[E]) Push(\n\tv E,\n) {}", "(*Stack).Push(v E,)", 1},
	}
	for _, tc := range cases {
		fs := AnalyzeSource(tc.file, []byte(tc.src)).Functions
		if len(fs) != 1 {
			t.Errorf("%q: found %d functions, want 1", tc.src, len(fs))
			continue
		}
		if fs[0].LongName != tc.long || fs[0].Params != tc.params {
			t.Errorf("%q: long name %q with %d parameters, want %q with %d", tc.src, fs[0].LongName, fs[0].Params, tc.long, tc.params)
		}
	}
}
