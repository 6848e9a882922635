package jsonpos

import (
	"testing"
)

func TestLines(t *testing.T) {
	data := []byte("ab\né\n\nxyz")
	tests := []struct {
		off, line, col int
	}{
		{-1, 1, 1}, {0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {6, 3, 1}, {7, 4, 1}, {10, 4, 4}, {99, 4, 4},
	}
	lines := NewLines(data)
	for _, tc := range tests {
		if line, col := lines.Pos(tc.off); line != tc.line || col != tc.col {
			t.Errorf("Pos(%d) = %d:%d, want %d:%d", tc.off, line, col, tc.line, tc.col)
		}
		if line, col := LineCol(data, tc.off); line != tc.line || col != tc.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tc.off, line, col, tc.line, tc.col)
		}
	}
}

func TestPath(t *testing.T) {
	tests := []struct{ got, want string }{
		{Key("", "a"), "a"},
		{Key("a", "b_2"), "a.b_2"},
		{Key("", "Code-Review"), `["Code-Review"]`},
		{Key("labels", "2x"), `labels["2x"]`},
		{Key("x", ""), `x[""]`},
		{Index("", 0), "[0]"},
		{Index(Key("a", "b"), 12), "a.b[12]"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
	}
	if got := (&Error{Path: "a[1]", Msg: "missing"}).Error(); got != "a[1]: missing" {
		t.Errorf("Error() = %q", got)
	}
}

func TestGetFirst(t *testing.T) {
	v, err := Parse([]byte(`{"a": 1, "b": null, "a": 2, "c": "x"}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		names []string
		want  string // Str of the value found, and the name
		name  string
	}{
		{[]string{"a"}, "2", "a"},
		{[]string{"b", "c"}, "x", "c"},
		{[]string{"z", "b"}, "", ""},
	}
	for _, tc := range tests {
		got, name := v.First(tc.names...)
		s := ""
		if got != nil {
			s = got.Str
		}
		if s != tc.want || name != tc.name {
			t.Errorf("First(%q) = %q, %q; want %q, %q", tc.names, s, name, tc.want, tc.name)
		}
	}
	if b := v.Get("b"); b == nil || b.Kind != Null {
		t.Errorf("Get(b) = %+v, want the null", b)
	}
	if v.Get("a").Get("x") != nil || (*Value)(nil).Get("a") != nil {
		t.Error("Get on a number or nil found something")
	}
	if Kind(99).String() != "an unknown kind" || Object.String() != "an object" {
		t.Error("kind names")
	}
}
