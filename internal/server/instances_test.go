package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// TestTwoInstances: two servers on one PostgreSQL database, each with its
// own connection pool, as behind a load balancer. The security team
// triages and comments on the same reports through both at once, and both
// schedulers run: every report ends consistent (every comment once, the
// last triage whole, each scheduler action once) and the audit log
// verifies.
func TestTwoInstances(t *testing.T) {
	target := postgresTarget(t)
	a := newFixture(t, target)
	st2, err := store.Open(context.Background(), target, store.Options{Signer: keys.signer})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	srv2, err := New(Config{Store: st2, Model: testModel(), Vuln: testConfig(), Verifier: keys.verifier, Now: a.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer srv2.Close()
	hs2 := httptest.NewServer(srv2)
	defer hs2.Close()
	b := &fixture{t: t, srv: srv2, http: hs2, st: st2, clock: a.clock, tokens: a.tokens, ids: a.ids}

	const reports, writers, rounds = 4, 6, 5
	var ids []int64
	for i := 0; i < reports; i++ {
		ids = append(ids, a.reportIn("triage").ID)
	}
	vectors := []string{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"}
	var wg sync.WaitGroup
	errs := make(chan error, reports*writers*rounds*2)
	for _, id := range ids {
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				f := []*fixture{a, b}[w%2]
				who := []string{"team", "team2"}[w%2]
				p := fmt.Sprintf("/api/v1/reports/%d", id)
				for r := 0; r < rounds; r++ {
					v := vectors[(w+r)%2]
					if res := f.do("POST", p+"/triage", who, map[string]any{"cvss": v, "stride": []string{"D"}, "workaround": v}); res.status != 200 {
						errs <- fmt.Errorf("triage %d: %d %s", id, res.status, res.body)
					}
					if res := f.do("POST", p+"/comments", who, map[string]any{"body": fmt.Sprintf("w%d r%d", w, r)}); res.status != 201 {
						errs <- fmt.Errorf("comment %d: %d %s", id, res.status, res.body)
					}
				}
			}()
		}
	}
	// Both schedulers run while the team writes, a day before the end.
	a.clock.Add(89*24*time.Hour + time.Minute)
	for _, s := range []*Server{a.srv, srv2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.ScheduleOnce(context.Background()); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, id := range ids {
		r, err := a.st.Report(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Comments) != writers*rounds {
			t.Errorf("report %d: %d comments, want %d", id, len(r.Comments), writers*rounds)
		}
		seen := map[string]bool{}
		for _, c := range r.Comments {
			if seen[c.Body] {
				t.Errorf("report %d: comment %q twice", id, c.Body)
			}
			seen[c.Body] = true
		}
		// The last triage is whole: its workaround names its own vector.
		if r.CVSS == nil || r.Workaround != vectors[0] && r.Workaround != vectors[1] {
			t.Errorf("report %d: triage torn: %+v / %q", id, r.CVSS, r.Workaround)
		}
		if r.CVSS != nil {
			want, _ := vuln.ParseCVSS(r.Workaround)
			if r.CVSS.Vector != want.Vector {
				t.Errorf("report %d: vector %s with workaround %s (two triages mixed)", id, r.CVSS.Vector, r.Workaround)
			}
		}
		warns := 0
		for _, e := range r.History {
			if e.Kind == string(vuln.DueWarn) {
				warns++
			}
		}
		if warns != 1 {
			t.Errorf("report %d: %d warnings from two schedulers, want 1", id, warns)
		}
	}
	if _, err := audit.Verify(context.Background(), a.st, keys.verifier, audit.VerifyOptions{}); err != nil {
		t.Fatalf("audit log after two instances: %v", err)
	}
}
