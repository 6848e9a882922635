package tracker

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// slowTracker answers every reference after a pause and records how many
// calls were in flight at once. It stands in for the Tracker interface
// itself, not for a service.
type slowTracker struct {
	mu        sync.Mutex
	inFlight  int
	maxFlight int
	calls     map[string]int
}

func (s *slowTracker) Name() string { return "slow" }

func (s *slowTracker) Resolve(ctx context.Context, ref string) (Issue, error) {
	s.mu.Lock()
	s.inFlight++
	s.maxFlight = max(s.maxFlight, s.inFlight)
	if s.calls == nil {
		s.calls = map[string]int{}
	}
	s.calls[ref]++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	select {
	case <-time.After(2 * time.Millisecond):
	case <-ctx.Done():
		return Issue{}, ctx.Err()
	}
	if strings.HasPrefix(ref, "x") {
		return Issue{}, fmt.Errorf("%s: %w", ref, ErrNotFound)
	}
	return Issue{Key: ref, State: "open"}, nil
}

func TestResolveAll(t *testing.T) {
	var refs []string
	for i := range 100 {
		refs = append(refs, fmt.Sprint(i%40), fmt.Sprint("x", i%7))
	}
	tests := []struct{ workers, wantMax int }{{0, DefaultWorkers}, {1, 1}, {3, 3}, {1000, 47}}
	var first map[string]Outcome
	for _, tt := range tests {
		st := &slowTracker{}
		got := ResolveAll(t.Context(), st, refs, tt.workers)
		if len(got) != 47 {
			t.Fatalf("workers %d: %d outcomes, want 47", tt.workers, len(got))
		}
		if st.maxFlight > tt.wantMax {
			t.Errorf("workers %d: %d calls in flight, want at most %d", tt.workers, st.maxFlight, tt.wantMax)
		}
		for r, n := range st.calls {
			if n != 1 {
				t.Errorf("workers %d: %s asked %d times", tt.workers, r, n)
			}
		}
		if o := got["x3"]; !errors.Is(o.Err, ErrNotFound) {
			t.Errorf("x3: %+v", o)
		}
		if o := got["12"]; o.Err != nil || o.Issue.Key != "12" {
			t.Errorf("12: %+v", o)
		}
		if first == nil {
			first = got
		} else if !reflect.DeepEqual(sansErr(first), sansErr(got)) {
			t.Errorf("workers %d: outcomes differ from workers %d", tt.workers, tests[0].workers)
		}
	}
}

func sansErr(m map[string]Outcome) map[string]string {
	out := map[string]string{}
	for k, o := range m {
		out[k] = fmt.Sprint(o.Issue, o.Err)
	}
	return out
}

func TestResolveAllCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	got := ResolveAll(ctx, &slowTracker{}, []string{"1", "2", "3"}, 1)
	if len(got) != 3 {
		t.Fatalf("%d outcomes, want 3", len(got))
	}
	for r, o := range got {
		if !errors.Is(o.Err, context.Canceled) {
			t.Errorf("%s: %v, want context.Canceled", r, o.Err)
		}
	}
}

func TestResolveAllEmptyAndNil(t *testing.T) {
	if got := ResolveAll(t.Context(), &slowTracker{}, nil, 4); len(got) != 0 {
		t.Errorf("got %v", got)
	}
	got := ResolveAll(t.Context(), nil, []string{" 5 "}, 0)
	if o := got[" 5 "]; o.Err != nil || o.Issue.Key != "5" {
		t.Errorf("nil tracker: %+v", o)
	}
}

// The gate's use: one GitHub request per distinct issue.
func TestResolveAllGitHub(t *testing.T) {
	rp := newReplay(t, githubRoutes())
	g := NewGitHub(GitHubConfig{BaseURL: rp.srv.URL, Repo: "octocat/Hello-World"})
	var refs []string
	for range 300 {
		refs = append(refs, "#1347", "1347", "#1348", "PROJ-1", "#404")
	}
	got := ResolveAll(t.Context(), g, refs, 0)
	if got["1347"].Issue.State != "open" || got["#1348"].Issue.State != "closed" ||
		!errors.Is(got["PROJ-1"].Err, ErrForeign) || !errors.Is(got["#404"].Err, ErrNotFound) {
		t.Errorf("outcomes %+v", got)
	}
	// #1347, #1348, #404 and the repository check behind the 404.
	if n := rp.total(); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
}
