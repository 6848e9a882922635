package testresult

import (
	"bytes"
	"slices"
	"testing"
)

func TestKeys(t *testing.T) {
	tests := []struct {
		r    Result
		want []string
	}{
		{Result{ID: "example.com/fw/ota.TestRollback/older", Suite: "example.com/fw/ota", Name: "TestRollback/older", Format: GoTestJSON},
			[]string{"example.com/fw/ota.TestRollback/older", "fw/ota.TestRollback/older", "ota.TestRollback/older", "TestRollback/older"}},
		{Result{ID: "example.com/fw/ota", Suite: "example.com/fw/ota", Name: "example.com/fw/ota", Package: true, Format: GoTestJSON},
			[]string{"example.com/fw/ota", "fw/ota", "ota"}},
		{Result{ID: "tests.test_ota.test_signed", Suite: "tests.test_ota", Name: "test_signed", Format: JUnit},
			[]string{"tests.test_ota.test_signed", "tests.test_ota::test_signed", "test_ota.test_signed", "test_signed"}},
		{Result{ID: "kernel.common.errno", Suite: "kernel.common", Name: "kernel.common.errno", Format: JUnit},
			[]string{"kernel.common.errno", "common.kernel.common.errno"}},
		{Result{ID: "ota_signed", Suite: "ota_signed", Name: "ota_signed", Format: JUnit},
			[]string{"ota_signed"}},
	}
	for _, tt := range tests {
		if got := Keys(tt.r); !slices.Equal(got, tt.want) {
			t.Errorf("Keys(%s) = %q, want %q", tt.r.ID, got, tt.want)
		}
	}
}

func TestSetFind(t *testing.T) {
	rs, err := ReadGoTestJSON("go.json", bytes.NewReader(realGoTestJSON(t)))
	if err != nil {
		t.Fatal(err)
	}
	// Read in a different order, the set is the same.
	rev := slices.Clone(rs)
	slices.Reverse(rev)
	a, b := NewSet(rs), NewSet(rev)
	if !slices.EqualFunc(a.Results, b.Results, func(x, y Result) bool { return x.ID == y.ID && x.Line == y.Line }) {
		t.Fatal("set order depends on input order")
	}
	tests := []struct {
		ref    string
		n      int
		status Status
	}{
		{"example.com/fw/ota.TestSigned", 1, Pass},
		{"ota.TestSigned", 1, Pass},
		{"TestSigned", 1, Pass},
		{"ota.TestRollback", 1, Fail},
		{"TestRollback/older", 1, Pass},
		{"older", 0, ""},           // a subtest is named with its parent
		{"ota.TestMissing", 0, ""}, // deleted test
		{"radio.TestFrame", 0, ""}, // package did not build
		{"FuzzManifest", 1, Pass},  // fuzz targets run their seed corpus
		{" ota.TestSigned ", 1, Pass},
	}
	for _, tt := range tests {
		got := a.Find(tt.ref)
		if len(got) != tt.n || (tt.n > 0 && Worst(got) != tt.status) {
			t.Errorf("Find(%q) = %d results (%s), want %d (%s)", tt.ref, len(got), Worst(got), tt.n, tt.status)
		}
	}
	if p, ok := a.Package("radio.TestFrame"); !ok || p.Message != "build failed" {
		t.Errorf("Package(radio.TestFrame) = %+v, %v", p, ok)
	}
	if _, ok := a.Package("nosuch.TestX"); ok {
		t.Error("Package of an unknown package")
	}
}
