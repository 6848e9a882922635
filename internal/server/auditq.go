package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
)

// maxBatch bounds the entries one audit transaction carries.
const maxBatch = 512

// auditBatcher appends audit entries that belong to no other write (views
// of embargoed reports, exports, logins) with group commit: while one
// transaction commits, the entries of every request that arrives meanwhile
// queue and go into the next one. Each request still waits until its
// entries are durable before it answers, so nothing is shown that the log
// does not record; but a hundred concurrent views share one fsync instead
// of paying one each.
type auditBatcher struct {
	st   store.Store
	in   chan auditReq
	stop chan struct{}
	done chan struct{}
}

type auditReq struct {
	ev  []audit.Entry
	res chan error
}

func newAuditBatcher(st store.Store) *auditBatcher {
	b := &auditBatcher{st: st, in: make(chan auditReq), stop: make(chan struct{}), done: make(chan struct{})}
	go b.loop()
	return b
}

var errStopped = errors.New("the server is shutting down")

// add appends ev and returns once they are committed (or failed).
func (b *auditBatcher) add(ctx context.Context, ev ...audit.Entry) error {
	req := auditReq{ev: ev, res: make(chan error, 1)}
	select {
	case b.in <- req:
	case <-b.stop:
		return errStopped
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once handed over the entries will be written; wait for the outcome
	// even if the client went away, so the log and the answer agree.
	return <-req.res
}

func (b *auditBatcher) loop() {
	defer close(b.done)
	for {
		var first auditReq
		select {
		case first = <-b.in:
		case <-b.stop:
			return
		}
		batch := []auditReq{first}
		n := len(first.ev)
	drain:
		for n < maxBatch {
			select {
			case r := <-b.in:
				batch = append(batch, r)
				n += len(r.ev)
			default:
				break drain
			}
		}
		all := make([]audit.Entry, 0, n)
		for _, r := range batch {
			all = append(all, r.ev...)
		}
		_, err := b.st.Audit(context.Background(), all...)
		for _, r := range batch {
			r.res <- err
		}
	}
}

func (b *auditBatcher) close() {
	select {
	case <-b.stop:
	default:
		close(b.stop)
	}
	<-b.done
}

// auditNow appends entries for this request (stamped with its time) and
// fails the request with 503 when the log cannot be written: an event the
// log cannot record does not happen.
func (s *Server) auditNow(c *call, ev ...audit.Entry) error {
	for i := range ev {
		if ev[i].Time.IsZero() {
			ev[i].Time = c.now
		}
	}
	if err := s.audit.add(c.ctx, ev...); err != nil {
		s.log.Printf("audit log: %v", err)
		return errorf(http.StatusServiceUnavailable, CodeUnavailable, "", "try again", "the audit log could not record this request, so it was not served")
	}
	return nil
}

// actorName is how the audit log names the caller.
func (c *call) actorName() string {
	if c.actor.ID == "" {
		return "anonymous"
	}
	return c.actor.ID
}
