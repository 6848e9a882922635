package server

import (
	"strings"
	"testing"
)

// TestDummyHashParams: an unknown login must cost what a known one costs,
// so the constant dummy hash carries the cost parameters new hashes get.
func TestDummyHashParams(t *testing.T) {
	h, err := HashPassword("x")
	if err != nil {
		t.Fatal(err)
	}
	params := func(s string) string { return strings.Join(strings.Split(s, "$")[:4], "$") }
	if params(dummyHash) != params(h) {
		t.Errorf("dummy hash %s, new hashes %s: regenerate dummyHash with HashPassword", params(dummyHash), params(h))
	}
	ok, err := VerifyPassword(dummyHash, "assure dummy password for unknown logins")
	if err != nil || !ok {
		t.Errorf("the dummy hash does not verify: %v %v", ok, err)
	}
}

func TestPasswordRoundTrip(t *testing.T) {
	tests := []struct {
		pw string
		ok bool
	}{
		{"correct horse", true},
		{"wrong", false},
		{"correct horse ", false},
	}
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		ok, err := VerifyPassword(h, tc.pw)
		if err != nil || ok != tc.ok {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tc.pw, ok, err, tc.ok)
		}
	}
	for _, bad := range []string{"", "$argon2id$v=19$m=1,t=1,p=1$!!$!!", "$bcrypt$x", dummyHash[:20]} {
		if ok, err := VerifyPassword(bad, "x"); ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %v, %v; want an error", bad, ok, err)
		}
	}
}
