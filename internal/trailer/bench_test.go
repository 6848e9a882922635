package trailer

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchMessages builds n commit messages in the shapes real histories have,
// in a fixed pseudo-random mix: subject only, prose without trailers, the
// Signed-off-by block of DCO projects, Gerrit's Change-Id and review
// trailers, folded continuation lines, and a patch divider.
func benchMessages(n int) []string {
	rng := rand.New(rand.NewPCG(3, 4))
	prose := []string{
		"The previous code assumed that the length field was always present, which is",
		"not true for records sent by some peers; check it before reading further.",
		"Note: this also removes a redundant copy of the buffer in the fast path.",
		"Tested with the full test suite and the interop scripts.",
	}
	blocks := [][]string{
		{"Signed-off-by: Some Developer <dev@example.com>"},
		{"Reviewed-by: Rae Viewer <rae@example.com>", "Acked-by: Ack Person <ack@example.com>", "Signed-off-by: Some Developer <dev@example.com>"},
		{"Bug: 4711", "Change-Id: I0123456789abcdef0123456789abcdef01234567", "Reviewed-on: https://review.example.com/c/1234", "Code-Review: +2"},
		{"Co-authored-by: Very Long Name", "  Continued <long@example.com>", "Signed-off-by: Some Developer <dev@example.com>"},
		{"(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)", "Signed-off-by: Some Developer <dev@example.com>"},
		{"Fixes #12", "Refs: PROJ-1"},
	}
	msgs := make([]string, n)
	for i := range msgs {
		var b strings.Builder
		fmt.Fprintf(&b, "Fix problem number %d in the parser\n", i)
		for p, paras := 0, rng.IntN(3); p < paras; p++ {
			b.WriteString("\n")
			for l, lines := 0, 1+rng.IntN(4); l < lines; l++ {
				b.WriteString(prose[rng.IntN(len(prose))])
				b.WriteString("\n")
			}
		}
		if k := rng.IntN(len(blocks) + 1); k < len(blocks) {
			b.WriteString("\n")
			b.WriteString(strings.Join(blocks[k], "\n"))
			b.WriteString("\n")
		}
		if rng.IntN(10) == 0 {
			b.WriteString("---\n a.c | 1 +\n")
		}
		msgs[i] = b.String()
	}
	return msgs
}

// BenchmarkParse measures trailer parsing, which code review runs once per
// commit.
func BenchmarkParse(b *testing.B) {
	msgs := benchMessages(1000)
	size, found := 0, 0
	for _, m := range msgs {
		size += len(m)
		found += len(Parse(m))
	}
	if found == 0 {
		b.Fatal("no trailers in the sample: it is not realistic")
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range msgs {
			Parse(m)
		}
	}
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(len(msgs))*float64(b.N)/s, "msgs/s")
	}
}
