package store

import (
	"context"
	"errors"
	"testing"
)

// TestChanges: change requests are created once, updated optimistically
// and read back as written, on both databases.
func TestChanges(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		c := &Change{Key: "CR-1", Title: "fix net", State: "open", Pull: 12, Created: t0, Updated: t0}
		if err := st.PutChange(ctx, c); err != nil {
			t.Fatal(err)
		}
		if c.Version != 1 {
			t.Fatalf("version %d after create, want 1", c.Version)
		}
		dup := &Change{Key: "CR-1", State: "open"}
		if err := st.PutChange(ctx, dup); !errors.Is(err, ErrExists) {
			t.Fatalf("second create: %v, want ErrExists", err)
		}
		a, _ := st.Change(ctx, "CR-1")
		b, _ := st.Change(ctx, "CR-1")
		a.Votes = append(a.Votes, Vote{ID: 1, Account: "mia", Login: "mia", Commit: "abc", Vote: "approve", At: t0})
		if err := st.PutChange(ctx, a); err != nil {
			t.Fatal(err)
		}
		b.State = "merged"
		if err := st.PutChange(ctx, b); !errors.Is(err, ErrConflict) {
			t.Fatalf("stale update: %v, want ErrConflict", err)
		}
		got, err := st.Change(ctx, "CR-1")
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 2 || got.State != "open" || len(got.Votes) != 1 || got.Votes[0].Vote != "approve" {
			t.Fatalf("stored %+v", got)
		}
		if _, err := st.Change(ctx, "CR-2"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("missing change: %v, want ErrNotFound", err)
		}
		if err := st.PutChange(ctx, &Change{Key: "CR-9", Version: 3}); !errors.Is(err, ErrNotFound) {
			t.Fatalf("update of a missing change: %v, want ErrNotFound", err)
		}
		all, err := st.Changes(ctx)
		if err != nil || len(all) != 1 || all[0].Key != "CR-1" {
			t.Fatalf("Changes = %v, %v", all, err)
		}
	})
}
