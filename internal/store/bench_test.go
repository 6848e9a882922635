package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/assure-dev/assure/internal/audit"
)

// BenchmarkUpdateReport: one read-modify-write of a report (a comment), with
// its audit record and signed checkpoint, per iteration. The writes go round
// 200 reports, so the documents stay the size of real ones.
func BenchmarkUpdateReport(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			t := &testing.T{}
			st := openTarget(t, be.target(t))
			ctx := context.Background()
			const reports = 200
			for i := 0; i < reports; i++ {
				if err := st.CreateReport(ctx, newReport(t, "bench"), Extra{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				cur, err := st.Report(ctx, int64(1+i%reports))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := cur.Comment(team, fmt.Sprint(i), t0); err != nil {
					b.Fatal(err)
				}
				if err := st.UpdateReport(ctx, cur, Extra{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadReport: one report read by id.
func BenchmarkReadReport(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			t := &testing.T{}
			st := openTarget(t, be.target(t))
			ctx := context.Background()
			r := newReport(t, "bench")
			if err := st.CreateReport(ctx, r, Extra{}); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := st.Report(ctx, r.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify10k: audit.Verify of a log of 10,000 records.
func BenchmarkVerify10k(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			t := &testing.T{}
			st := openTarget(t, be.target(t))
			ctx := context.Background()
			batch := make([]audit.Entry, 1000)
			for i := range batch {
				batch[i] = audit.Entry{Time: t0, Actor: "sam", Action: "report.view", Subject: "report/1"}
			}
			for i := 0; i < 10; i++ {
				if _, err := st.Audit(ctx, batch...); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := audit.Verify(ctx, st, testKey.verifier, audit.VerifyOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
