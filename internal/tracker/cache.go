package tracker

import (
	"context"
	"sync"
)

// cache remembers one answer per issue for the life of a tracker, which is
// one gate run: a thousand commits naming #5 cost one request, and callers
// asking at the same time share the request in flight.
//
// Failures are remembered too. A tracker that timed out or refused the token
// for #5 will do so again a moment later, and asking again would only
// multiply the wait; the gate fails on the first such error anyway. The one
// exception is a caller giving up (its context ends): that says nothing about
// the issue, so the entry is dropped and the next caller asks afresh.
type cache struct {
	name string // tracker name, for the error of a caller that gave up
	mu   sync.Mutex
	m    map[string]*entry
}

type entry struct {
	done      chan struct{}
	issue     Issue
	err       error
	abandoned bool // the asking caller gave up; waiters must ask again
}

func (c *cache) get(ctx context.Context, key string, fetch func(context.Context) (Issue, error)) (Issue, error) {
	for {
		c.mu.Lock()
		if c.m == nil {
			c.m = map[string]*entry{}
		}
		e, ok := c.m[key]
		if !ok {
			e = &entry{done: make(chan struct{})}
			c.m[key] = e
			c.mu.Unlock()
			return c.fill(ctx, key, e, fetch)
		}
		c.mu.Unlock()
		select {
		case <-e.done:
			if !e.abandoned {
				return e.issue, e.err
			}
		case <-ctx.Done():
			return Issue{}, &Error{Tracker: c.name, Op: "resolve " + key, Err: ctx.Err()}
		}
	}
}

func (c *cache) fill(ctx context.Context, key string, e *entry, fetch func(context.Context) (Issue, error)) (Issue, error) {
	// Deferred so that waiters are released, to ask again, even if fetch
	// panics.
	finished := false
	defer func() {
		if !finished || (e.err != nil && ctx.Err() != nil) {
			c.mu.Lock()
			e.abandoned = true
			delete(c.m, key)
			c.mu.Unlock()
		}
		close(e.done)
	}()
	e.issue, e.err = fetch(ctx)
	finished = true
	return e.issue, e.err
}
