package jsonpos

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParse reads an issue export of the size a large project keeps:
// every issue carries a user and labels that no reader looks into, which
// is why speed matters more than it seems.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("[")
	for i := range 5000 {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `{"number": %d, "state": "open", "title": "Issue é %d", "body": "Steps:\r\n1. run", "html_url": "https://github.com/o/r/issues/%d",`+
			`"user": {"login": "octocat", "id": 1, "site_admin": false}, "labels": [{"id": 208045946, "name": "bug", "default": true}]}`, i+1, i, i+1)
	}
	sb.WriteString("]")
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
