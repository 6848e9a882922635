package tracker

import (
	"context"
	"sync"
)

// Outcome is the answer for one reference.
type Outcome struct {
	Issue Issue
	Err   error
}

// DefaultWorkers bounds the requests ResolveAll has in flight: enough to
// hide latency, few enough to stay clear of GitHub's secondary rate limits.
const DefaultWorkers = 8

// ResolveAll resolves every distinct reference of refs with at most workers
// calls in flight (DefaultWorkers when workers <= 0) and returns one
// Outcome per distinct reference, keyed as written. The content depends
// only on the tracker's answers, not on their order. When ctx ends, the
// references not yet asked get an *Error carrying ctx.Err().
func ResolveAll(ctx context.Context, t Tracker, refs []string, workers int) map[string]Outcome {
	if t == nil {
		t = FormOnly{}
	}
	var todo []string
	out := make(map[string]Outcome, len(refs))
	seen := make(map[string]bool, len(refs))
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			todo = append(todo, r)
		}
	}
	if workers <= 0 {
		workers = DefaultWorkers
	}
	workers = min(workers, len(todo))
	var mu sync.Mutex
	var wg sync.WaitGroup
	jobs := make(chan string)
	for range workers {
		wg.Go(func() {
			for r := range jobs {
				is, err := t.Resolve(ctx, r)
				mu.Lock()
				out[r] = Outcome{Issue: is, Err: err}
				mu.Unlock()
			}
		})
	}
	for i, r := range todo {
		select {
		case jobs <- r:
			continue
		case <-ctx.Done():
		}
		mu.Lock()
		for _, r := range todo[i:] {
			out[r] = Outcome{Err: &Error{Tracker: t.Name(), Op: "resolve " + r, Err: ctx.Err()}}
		}
		mu.Unlock()
		break
	}
	close(jobs)
	wg.Wait()
	return out
}
