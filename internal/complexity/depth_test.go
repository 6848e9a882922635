package complexity

import "testing"

func TestMaxNesting(t *testing.T) {
	cases := []struct {
		name, body string
		lang       Language
		want       int
	}{
		{"straight line", "x = 1; y = 2;", LangC, 0},
		{"one if", "if (a) { x(); }", LangC, 1},
		{"braceless if", "if (a) x();", LangC, 1},
		{"nested braced", "if (a) { while (b) { for (;;) { x(); } } }", LangC, 3},
		{"nested braceless", "if (a) while (b) for (;;) x();", LangC, 3},
		{"braceless ends at ;", "if (a) x(); if (b) y(); z();", LangC, 1},
		{"else if stays on level", "if (a) { } else if (b) { } else if (c) { x(); } else { y(); }", LangC, 1},
		{"else braceless", "if (a) x(); else y();", LangC, 1},
		{"do while", "do { if (a) x(); } while (b);", LangC, 2},
		{"while with empty body", "while (busy());", LangC, 0},
		{"switch and case", "switch (x) { case 1: if (a) { y(); } break; }", LangC, 2},
		{"plain block is no level", "{ int t; { x(); } }", LangC, 0},
		{"initializer is no level", "int v[2][2] = { {1, 2}, {3, 4} }; if (a) { }", LangC, 1},
		{"for header semicolons", "for (i = 0; i < n; i++) { if (a) { } }", LangC, 2},
		{"braced body ends the braceless one", "if (a) while (b) { x(); } if (c) { y(); }", LangC, 2},
		{"try catch", "try { if (a) { } } catch (E e) { }", LangCPP, 2},
		{"go if for", "if a { for i := range xs { _ = i } }", LangGo, 2},
		{"go composite literal in header", "for _, v := range []int{1, 2} { if v > 0 { } }", LangGo, 2},
		{"go struct literal in header", "for _, v := range []struct{ a int }{{1}} { _ = v }", LangGo, 1},
		{"go switch select", "switch { case a: select { case <-c: } }", LangGo, 2},
		{"go else if", "if a { } else if b { if c { } } else { }", LangGo, 2},
		{"go index before block", "for i := range s[1:] { if i > 0 { } }", LangGo, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file, src := "f.c", "void f(void)\n{\n"+tc.body+"\n}\n"
			switch tc.lang {
			case LangCPP:
				file = "f.cc"
			case LangGo:
				file, src = "f.go", "package p\nfunc f() {\n"+tc.body+"\n}\n"
			}
			fs := AnalyzeSource(file, []byte(src)).Functions
			if len(fs) != 1 {
				t.Fatalf("found %d functions, want 1", len(fs))
			}
			if fs[0].MaxNesting != tc.want {
				t.Errorf("max nesting of %q = %d, want %d", tc.body, fs[0].MaxNesting, tc.want)
			}
		})
	}
}

// Deep nesting beyond the tracker's stack is counted, not stored, and
// never panics.
func TestMaxNestingDeep(t *testing.T) {
	body := ""
	for range 100 {
		body += "if (a) { "
	}
	for range 100 {
		body += "} "
	}
	fs := AnalyzeSource("f.c", []byte("void f(void) { "+body+"}")).Functions
	if len(fs) != 1 || fs[0].MaxNesting != 48 || fs[0].CCN != 101 {
		t.Fatalf("got %+v, want one function, nesting 48 (the tracker's depth), CCN 101", fs)
	}
}
