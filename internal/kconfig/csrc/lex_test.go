package csrc

import (
	"reflect"
	"testing"
)

// FuzzFastPath: the fast paths of the lexer give exactly the tokens the
// byte-by-byte path gives.
func FuzzFastPath(f *testing.F) {
	f.Add([]byte("int a = b && c || d != e; x##y L\"w\" u8'c' a\\\nb 1.5e+3 .5"))
	f.Add([]byte("#if defined(CONFIG_A) && \\\n CONFIG_B\n#endif\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		lexAll := func() []item {
			l := &lexer{src: src, line: 1, bol: true}
			var out []item
			for {
				it := l.next()
				if it.eof {
					return out
				}
				out = append(out, it)
			}
		}
		fast := lexAll()
		slowOnly = true
		slow := lexAll()
		slowOnly = false
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("fast path differs:\n%+v\n%+v", fast, slow)
		}
	})
}
