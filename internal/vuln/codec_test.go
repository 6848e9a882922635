package vuln

import (
	"encoding/json"
	"testing"
)

// FuzzDecodeReport: the store decodes a document on every read; whatever
// the bytes, decoding must not panic, and a document it accepts must
// encode to one it accepts again, unchanged.
func FuzzDecodeReport(f *testing.F) {
	r, _ := New(rita, Intake{Title: "seed", Description: "d"}, cfg, t0)
	b, _ := json.Marshal(r)
	f.Add(b)
	f.Add([]byte(`{"id":4,"state":"public","history":[]}`))
	f.Add([]byte(`{"id":4,"state":"bogus"}`))
	f.Add([]byte(`{"id":4,"extra":1}`))
	f.Add([]byte(`{"id":4,"state":"new"} {}`))
	f.Add([]byte(`{"id":4,"state":"new","cvss":{"score":"high"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := DecodeReport(data)
		if err != nil {
			return
		}
		again, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeReport(again)
		if err != nil {
			t.Fatalf("re-encoded document refused: %v", err)
		}
		if third, _ := json.Marshal(back); string(third) != string(again) {
			t.Fatalf("round trip changed the document:\n%s\n%s", again, third)
		}
	})
}
