package symtab

import (
	"reflect"
	"testing"
)

func TestRequired(t *testing.T) {
	a, b, c := S("A"), S("B"), S("C")
	for _, tc := range []struct {
		e    *Expr
		want []string
	}{
		{nil, []string{}},
		{a, []string{"A"}},
		{AndE(a, b), []string{"A", "B"}},
		{OrE(a, b), []string{}},
		{OrE(AndE(a, b), AndE(a, c)), []string{"A"}},
		{NotE(a), []string{}},
		{NotE(NotE(a)), []string{"A"}},
		{NotE(OrE(NotE(a), b)), []string{"A"}},
		{NotE(AndE(NotE(a), NotE(b))), []string{}},
		{CmpE(Eq, a, C("y")), []string{"A"}},
		{CmpE(Eq, C("m"), a), []string{"A"}},
		{CmpE(Neq, a, C("n")), []string{"A"}},
		{CmpE(Eq, a, C("n")), []string{}},
		{NotE(CmpE(Eq, a, C("n"))), []string{"A"}},
		{CmpE(Eq, a, b), []string{}},
		{AndE(C("y"), a), []string{"A"}},
	} {
		if got := tc.e.Required(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Required() = %v, want %v", tc.e, got, tc.want)
		}
	}
	if !AndE(a, b).Requires("B") || OrE(a, b).Requires("A") {
		t.Error("Requires disagrees with Required")
	}
}

func TestString(t *testing.T) {
	a, b, c := S("A"), S("B"), S("C")
	for _, tc := range []struct {
		e    *Expr
		want string
	}{
		{nil, "y"},
		{AndE(a, OrE(b, c)), "A && (B || C)"},
		{OrE(AndE(a, b), c), "A && B || C"},
		{NotE(AndE(a, b)), "!(A && B)"},
		{CmpE(Eq, a, C("some text")), `A = "some text"`},
		{CmpE(Ge, S("N"), C("0x10")), "N >= 0x10"},
		{AndE(a, AndE(b, c)), "A && (B && C)"},
	} {
		if got := tc.e.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}
