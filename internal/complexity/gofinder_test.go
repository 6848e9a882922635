package complexity

import "testing"

// goCases are Go snippets with what the analyzer must find. CCN, NLOC and
// lines were checked against lizard 1.24.0; names differ on purpose (lizard
// names a method "Inc" and a closure "", we "(*T).Inc" and "outer.func1").
var goCases = []struct {
	name, src string
	want      []Function
}{
	{
		name: "basic",
		src:  "package p\n\nfunc f(a int) int {\n\tif a > 0 && a < 10 {\n\t\treturn 1\n\t} else if a == 0 {\n\t\treturn 0\n\t}\n\treturn -1\n}\n",
		want: []Function{
			{Name: "f", StartLine: 3, EndLine: 10, CCN: 4, NLOC: 8, Params: 1, MaxNesting: 1},
		},
	},
	{
		name: "method",
		src:  "package p\n\ntype T struct{ n int }\n\nfunc (t *T) Inc(by int) {\n\tfor i := 0; i < by; i++ {\n\t\tt.n++\n\t}\n}\n\nfunc (t T) Get() int { return t.n }\n",
		want: []Function{
			{Name: "(*T).Inc", StartLine: 5, EndLine: 9, CCN: 2, NLOC: 5, Params: 1, MaxNesting: 1},
			{Name: "T.Get", StartLine: 11, EndLine: 11, CCN: 1, NLOC: 1, Params: 0, MaxNesting: 0},
		},
	},
	{
		name: "closure",
		src:  "package p\n\nfunc outer() func() int {\n\tx := 0\n\tf := func() int {\n\t\tif x > 0 {\n\t\t\treturn x\n\t\t}\n\t\treturn 0\n\t}\n\tg := func(y int) { x = y }\n\tg(1)\n\treturn f\n}\n",
		want: []Function{
			{Name: "outer", StartLine: 3, EndLine: 14, CCN: 1, NLOC: 7, Params: 0, MaxNesting: 0},
			{Name: "outer.func1", StartLine: 5, EndLine: 10, CCN: 2, NLOC: 6, Params: 0, MaxNesting: 1},
			{Name: "outer.func2", StartLine: 11, EndLine: 11, CCN: 1, NLOC: 1, Params: 1, MaxNesting: 0},
		},
	},
	{
		name: "switch",
		src:  "package p\n\nfunc kind(v any) string {\n\tswitch v.(type) {\n\tcase int:\n\t\treturn \"int\"\n\tcase string, []byte:\n\t\treturn \"text\"\n\tdefault:\n\t\treturn \"?\"\n\t}\n}\n",
		want: []Function{
			{Name: "kind", StartLine: 3, EndLine: 11, CCN: 3, NLOC: 9, Params: 1, MaxNesting: 1},
		},
	},
	{
		name: "select",
		src:  "package p\n\nfunc wait(a, b chan int) int {\n\tselect {\n\tcase x := <-a:\n\t\treturn x\n\tcase y := <-b:\n\t\treturn y\n\t}\n}\n",
		want: []Function{
			{Name: "wait", StartLine: 3, EndLine: 10, CCN: 3, NLOC: 8, Params: 2, MaxNesting: 1},
		},
	},
	{
		name: "generic",
		src:  "package p\n\nfunc Map[T, U any](xs []T, f func(T) U) []U {\n\tout := make([]U, 0, len(xs))\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}\n",
		want: []Function{
			{Name: "Map", StartLine: 3, EndLine: 9, CCN: 2, NLOC: 7, Params: 2, MaxNesting: 1},
		},
	},
	{
		name: "iface",
		src:  "package p\n\ntype R interface {\n\tRead(p []byte) (int, error)\n}\n\nfunc any2() interface{} {\n\treturn nil\n}\n",
		want: []Function{
			{Name: "any2", StartLine: 7, EndLine: 9, CCN: 1, NLOC: 3, Params: 0, MaxNesting: 0},
		},
	},
	{
		name: "literal_header",
		src:  "package p\n\nfunc sum() int {\n\ts := 0\n\tfor _, v := range []int{1, 2, 3} {\n\t\tif v > 1 {\n\t\t\ts += v\n\t\t}\n\t}\n\treturn s\n}\n",
		want: []Function{
			{Name: "sum", StartLine: 3, EndLine: 11, CCN: 3, NLOC: 9, Params: 0, MaxNesting: 2},
		},
	},
	{
		name: "raw_string",
		src:  "package p\n\nfunc q() string {\n\treturn `if a && b {\n}`\n}\n",
		want: []Function{
			{Name: "q", StartLine: 3, EndLine: 6, CCN: 1, NLOC: 4, Params: 0, MaxNesting: 0},
		},
	},
}

func TestFinderGo(t *testing.T) {
	for _, tc := range goCases {
		t.Run(tc.name, func(t *testing.T) {
			got := AnalyzeSource(tc.name+".go", []byte(tc.src))
			compareFunctions(t, got.Functions, tc.want)
		})
	}
}
