package changeref

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchMessages builds n commit messages in the shapes real histories have,
// in a fixed pseudo-random mix: most name no change request (the common
// case in an unadopted history, and the one the line filter must make
// cheap), some carry GitHub, Gerrit, Jira or URL references, and many have
// the near misses that pass the filter but not the patterns: CVE-2024-1,
// TLS-1.3, "Fixes: <sha>", "#include", "Merge pull request #N".
func benchMessages(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	subjects := []string{
		"Fix buffer overread in x509 parsing of long names",
		"ssl: handle zero-length records in TLS 1.3 handshake",
		"Add ChangeLog entry",
		"Merge pull request #%d from someone/fix-branch",
		"Bump version to 3.6.%d",
		"PROJ-%d: make the key exchange constant-time",
		"Revert \"Use new API\"",
		"Update CVE-2024-%d mitigation notes",
	}
	prose := []string{
		"The previous code assumed that the length field was always present, which is",
		"not true for records sent by some peers; check it before reading further.",
		"This also removes a redundant copy of the buffer in the fast path.",
		"Tested with the full test suite and the TLS-1.3 interop scripts.",
		"See the discussion in the mailing list thread for background.",
		"#include <mbedtls/ssl.h> is now needed by the test helper as well.",
		"Both gcc-12 and clang-15 warned about the shadowed variable here.",
	}
	refs := []string{
		"Fixes #%d", "Closes: owner/repo#%d", "Bug: %d", "Refs: PROJ-%d",
		"Link: https://tracker.example.com/issues/%d", "Fixes: 1234567890ab (\"old commit %d\")",
	}
	msgs := make([]string, n)
	for i := range msgs {
		var b strings.Builder
		s := subjects[rng.IntN(len(subjects))]
		if strings.Contains(s, "%d") {
			s = fmt.Sprintf(s, rng.IntN(10000))
		}
		b.WriteString(s)
		b.WriteString("\n")
		if paras := rng.IntN(3); paras > 0 {
			for p := 0; p < paras; p++ {
				b.WriteString("\n")
				for l, lines := 0, 1+rng.IntN(4); l < lines; l++ {
					b.WriteString(prose[rng.IntN(len(prose))])
					b.WriteString("\n")
				}
			}
		}
		b.WriteString("\n")
		if rng.IntN(4) == 0 {
			fmt.Fprintf(&b, refs[rng.IntN(len(refs))]+"\n", rng.IntN(100000))
		}
		if rng.IntN(2) == 0 {
			b.WriteString("Signed-off-by: Some Developer <dev@example.com>\n")
		}
		msgs[i] = b.String()
	}
	return msgs
}

// BenchmarkFind measures reference finding with the built-in patterns, as
// the change-management check runs it once per commit.
func BenchmarkFind(b *testing.B) {
	msgs := benchMessages(1000)
	size, found := 0, 0
	for _, m := range msgs {
		size += len(m)
	}
	p, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range msgs {
		found += len(p.Find(m))
	}
	if found == 0 || found == len(msgs) {
		b.Fatalf("%d references in %d messages: the sample is not realistic", found, len(msgs))
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range msgs {
			p.Find(m)
		}
	}
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(len(msgs))*float64(b.N)/s, "msgs/s")
	}
}
