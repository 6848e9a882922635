package server

import (
	"context"
	"errors"
	"time"

	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// openStates are the states the embargo scheduler looks at.
var openStates = []vuln.State{vuln.StateNew, vuln.StateTriage, vuln.StateAssigned, vuln.StateReview, vuln.StateAccepted}

// RunScheduler runs the embargo scheduler every interval until ctx ends.
// Several servers on one database may all run it: each action is a
// versioned update that vuln.ApplyDue refuses once done, so every warning,
// escalation and publication happens once.
func (s *Server) RunScheduler(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.ScheduleOnce(ctx); err != nil && ctx.Err() == nil {
			s.log.Printf("embargo scheduler: %v", err)
		}
		// Expired sessions and tokens are refused anyway; this keeps the
		// tables from growing.
		if _, err := s.cfg.Store.DeleteExpired(ctx, s.now()); err != nil && ctx.Err() == nil {
			s.log.Printf("deleting expired sessions and tokens: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// ScheduleOnce does what is due now for every open report and returns
// what it did, one entry per report.
func (s *Server) ScheduleOnce(ctx context.Context) ([]Done, error) {
	now := s.now().UTC()
	var done []Done
	f := store.Filter{States: openStates, Limit: 500}
	for {
		rs, err := s.cfg.Store.Reports(ctx, f)
		if err != nil {
			return done, err
		}
		for _, r := range rs {
			f.AfterID = r.ID
			d, ok, err := s.scheduleReport(ctx, r, now)
			if err != nil {
				return done, err
			}
			if ok {
				done = append(done, d)
			}
		}
		if len(rs) < f.Limit {
			return done, nil
		}
	}
}

// Done is one thing the scheduler did.
type Done struct {
	Report string       `json:"report"`
	Kind   vuln.DueKind `json:"kind"`
	Days   int          `json:"days,omitempty"`
}

func (s *Server) scheduleReport(ctx context.Context, r *vuln.Report, now time.Time) (Done, bool, error) {
	for attempt := 0; attempt <= maxRetries; attempt++ {
		due, ok := vuln.Schedule(s.cfg.Vuln, r, now)
		if !ok {
			return Done{}, false, nil
		}
		if err := r.ApplyDue(s.cfg.Vuln, due, now); err != nil {
			return Done{}, false, err
		}
		err := s.cfg.Store.UpdateReport(ctx, r, store.Extra{})
		if errors.Is(err, store.ErrConflict) {
			// Someone (another instance, a user) wrote first: decide again on
			// the fresh copy.
			if r, err = s.cfg.Store.Report(ctx, r.ID); err != nil {
				return Done{}, false, err
			}
			continue
		}
		if err != nil {
			return Done{}, false, err
		}
		key := r.Key(s.cfg.Vuln.Prefix)
		switch due.Kind {
		case vuln.DueWarn:
			s.log.Printf("embargo of %s ends in %d days (%s), state %s", key, due.Days, due.End.Format(time.DateOnly), r.State)
		case vuln.DueEscalate:
			s.log.Printf("embargo of %s ended %s in state %s: escalated to the security team", key, due.End.Format(time.DateOnly), r.State)
		case vuln.DuePublish:
			s.log.Printf("embargo of %s ended %s: published", key, due.End.Format(time.DateOnly))
		}
		return Done{Report: key, Kind: due.Kind, Days: due.Days}, true, nil
	}
	return Done{}, false, nil
}
