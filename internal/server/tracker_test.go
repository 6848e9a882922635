package server

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/assure-dev/assure/internal/review"
	"github.com/assure-dev/assure/internal/tracker"
)

// TestTrackerContract: the gate's own tracker client (internal/tracker)
// resolves change requests against the server, and the review export is
// what the code-review check reads.
func TestTrackerContract(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		head := strings.Repeat("ab", 20)
		f.must(200, "PUT", "/api/v1/changes/CR-12", "maint", map[string]any{"title": "net: bound the packet length", "state": "approved", "pull": 12, "head_sha": head, "commits": []string{head}})
		f.must(201, "POST", "/api/v1/changes/CR-12/votes", "maint", map[string]any{"commit": head, "vote": "approve"})
		f.must(201, "POST", "/api/v1/changes/CR-12/votes", "architect", map[string]any{"commit": head, "vote": "reject"})
		f.must(422, "POST", "/api/v1/changes/CR-12/votes", "team", map[string]any{"commit": strings.Repeat("cd", 20), "vote": "approve"})
		f.must(403, "POST", "/api/v1/changes/CR-12/votes", "reporter", map[string]any{"commit": head, "vote": "approve"})

		tr, err := tracker.New("server", tracker.Options{URL: f.http.URL, Token: f.tokens["reporter"], TokenEnv: "ASSURE_TOKEN"})
		if err != nil {
			t.Fatal(err)
		}
		is, err := tr.Resolve(context.Background(), "CR-12")
		if err != nil || is.State != "approved" || is.Title != "net: bound the packet length" {
			t.Fatalf("Resolve(CR-12) = %+v, %v", is, err)
		}
		is, err = tr.Resolve(context.Background(), f.http.URL+"/changes/CR-12")
		if err != nil || is.Key != "CR-12" {
			t.Fatalf("Resolve(URL) = %+v, %v", is, err)
		}
		if _, err := tr.Resolve(context.Background(), "CR-404"); !errors.Is(err, tracker.ErrNotFound) {
			t.Fatalf("Resolve(CR-404): %v, want ErrNotFound", err)
		}
		anon, _ := tracker.New("server", tracker.Options{URL: f.http.URL})
		if _, err := anon.Resolve(context.Background(), "CR-12"); err == nil || errors.Is(err, tracker.ErrNotFound) {
			t.Fatalf("Resolve without a token: %v, want an authentication error", err)
		}

		body := f.must(200, "GET", "/api/v1/reviews", "reporter", nil).body
		reviews, err := review.ParseGitHubReviews("reviews.json", body)
		if err != nil {
			t.Fatalf("the review export does not parse: %v\n%s", err, body)
		}
		if len(reviews) != 2 || reviews[0].User.Login != "mia-gh" || reviews[0].State != review.StateApproved || reviews[1].State != review.StateChangesRequested || reviews[0].Pull != 12 {
			t.Fatalf("reviews: %+v", reviews)
		}
	})
}
