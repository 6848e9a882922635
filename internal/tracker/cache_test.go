package tracker

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// A thousand commits naming #1347, however spelled and however many at
// once, cost one request.
func TestCacheOneRequestPerIssue(t *testing.T) {
	rp := newReplay(t, githubRoutes())
	g := NewGitHub(GitHubConfig{BaseURL: rp.srv.URL, Repo: "octocat/Hello-World"})
	spellings := []string{"#1347", "1347", "GH-1347", "octocat/Hello-World#1347", "http://" + rp.host() + "/octocat/Hello-World/issues/1347", "#01347"}
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for i := range 1000 {
		wg.Go(func() {
			is, err := g.Resolve(t.Context(), spellings[i%len(spellings)])
			if err == nil && is.Key != "1347" {
				err = fmt.Errorf("got %+v", is)
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := rp.count(issues + "1347"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// Failures are remembered: a tracker that failed for #1 fails again.
func TestCacheRemembersFailures(t *testing.T) {
	rp := newReplay(t, map[string]route{issues + "1": {status: 500, file: "github/server_error.json"}})
	g := NewGitHub(GitHubConfig{BaseURL: rp.srv.URL, Repo: "octocat/Hello-World"})
	for range 3 {
		_, err := g.Resolve(t.Context(), "#1")
		checkErr(t, err, want{status: 500})
	}
	if n := rp.total(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// A caller that gave up says nothing about the issue; the next one asks.
func TestCacheForgetsCancelled(t *testing.T) {
	rp := newReplay(t, githubRoutes())
	g := NewGitHub(GitHubConfig{BaseURL: rp.srv.URL, Repo: "octocat/Hello-World"})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := g.Resolve(ctx, "#1347")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	checkErr(t, err, want{status: -1})
	if _, err := g.Resolve(t.Context(), "#1347"); err != nil {
		t.Fatalf("after a cancelled call: %v", err)
	}
}

// Waiters on a request whose caller gave up ask again themselves; a waiter
// that gives up gets its own context's error.
func TestCacheWaiters(t *testing.T) {
	c := &cache{name: "test"}
	started, release := make(chan struct{}), make(chan struct{})
	leaderCtx, cancelLeader := context.WithCancel(t.Context())
	calls := 0
	fetch := func(ctx context.Context) (Issue, error) {
		calls++
		if calls == 1 {
			close(started)
			<-release
			return Issue{}, ctx.Err()
		}
		return Issue{Key: "1"}, nil
	}
	leaderDone := make(chan error)
	go func() {
		_, err := c.get(leaderCtx, "1", fetch)
		leaderDone <- err
	}()
	<-started
	waiterDone := make(chan Issue)
	go func() {
		is, _ := c.get(t.Context(), "1", fetch)
		waiterDone <- is
	}()
	quitter, quit := context.WithCancel(t.Context())
	quitDone := make(chan error)
	go func() {
		_, err := c.get(quitter, "1", fetch)
		quitDone <- err
	}()
	quit()
	time.Sleep(20 * time.Millisecond) // let the waiter start waiting
	if err := <-quitDone; !errors.Is(err, context.Canceled) {
		t.Errorf("quitter: %v, want context.Canceled", err)
	}
	cancelLeader()
	close(release)
	if err := <-leaderDone; !errors.Is(err, context.Canceled) {
		t.Errorf("leader: %v", err)
	}
	if is := <-waiterDone; is.Key != "1" {
		t.Errorf("waiter got %+v, want the answer of its own request", is)
	}
	if calls != 2 {
		t.Errorf("%d fetches, want 2", calls)
	}
}
