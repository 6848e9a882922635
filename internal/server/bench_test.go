package server

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"testing"
)

// BenchmarkMixed runs the request mix of scripts/bench-serve.sh in
// process: 80% views of embargoed reports (each audited), 10% inbox
// pages, 10% comments, from parallel clients, on SQLite.
func BenchmarkMixed(b *testing.B) {
	t := &testing.T{}
	f := newFixtureSync(t, b.TempDir()+"/assure.db", os.Getenv("BENCH_FAST") != "")
	const reports = 100
	for i := 0; i < reports; i++ {
		f.reportIn("triage")
	}
	tok := f.tokens["team"]
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ResetTimer()
	b.SetParallelism(16)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := rand.IntN(reports) + 1
			var req *http.Request
			switch r := rand.IntN(100); {
			case r < 10:
				req, _ = http.NewRequest("POST", fmt.Sprintf("%s/api/v1/reports/%d/comments", f.http.URL, id), strings.NewReader(`{"body":"bench"}`))
				req.Header.Set("Content-Type", "application/json")
			case r < 20:
				req, _ = http.NewRequest("GET", fmt.Sprintf("%s/api/v1/reports?limit=20&after=%d", f.http.URL, rand.IntN(reports-20)), nil)
			default:
				req, _ = http.NewRequest("GET", fmt.Sprintf("%s/api/v1/reports/%d", f.http.URL, id), nil)
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode >= 300 {
				b.Errorf("%s %s: %d", req.Method, req.URL.Path, res.StatusCode)
			}
		}
	})
}
