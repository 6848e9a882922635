package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// injections are values a reporter or a client controls, written to end a
// string literal and run SQL of their own.
var injections = []string{
	`'); DROP TABLE reports; --`,
	`x' OR '1'='1`,
	`" OR 1=1 --`,
	`\'; DELETE FROM audit_records; --`,
	`$1; TRUNCATE accounts`,
}

// TestSQLMetacharactersAreData: every value from outside reaches the
// database as a parameter, never as SQL text, on both databases. Report
// fields, logins and filter values full of SQL come back exactly as they
// were written or select nothing, and nothing else in the database
// changes. This is the proof of countermeasure cm-sql-parameters of
// security/threats/assure.yaml.
func TestSQLMetacharactersAreData(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		var ids []int64
		for _, s := range injections {
			r := newReport(t, s)
			r.Description = s
			must(t, st.CreateReport(ctx, r, Extra{}))
			ids = append(ids, r.ID)
			got, err := st.Report(ctx, r.ID)
			must(t, err)
			if got.Title != s || got.Description != s {
				t.Errorf("report %d: title %q, description %q; want %q", r.ID, got.Title, got.Description, s)
			}
			must(t, st.CreateAccount(ctx, &Account{ID: "id-" + s, Login: s, Name: s, Created: t0}))
			a, err := st.AccountByLogin(ctx, s)
			if err != nil || a.Login != s || a.Name != s {
				t.Errorf("account %q: %+v, %v", s, a, err)
			}
		}
		for _, s := range injections {
			for name, f := range map[string]Filter{"module": {Module: s}, "reporter": {Reporter: s}, "severity": {Severity: s}} {
				rs, err := st.Reports(ctx, f)
				if err != nil || len(rs) != 0 {
					t.Errorf("filter %s %q: %d reports, %v; want none", name, s, len(rs), err)
				}
			}
			if _, err := st.Token(ctx, s); !errors.Is(err, ErrNotFound) {
				t.Errorf("token %q: %v, want ErrNotFound", s, err)
			}
			if _, err := st.Session(ctx, s); !errors.Is(err, ErrNotFound) {
				t.Errorf("session %q: %v, want ErrNotFound", s, err)
			}
		}
		if _, err := st.AccountByLogin(ctx, `nobody' OR '1'='1`); !errors.Is(err, ErrNotFound) {
			t.Errorf("login that is a condition: %v, want ErrNotFound", err)
		}
		all, err := st.Reports(ctx, Filter{})
		must(t, err)
		if len(all) != len(ids) {
			t.Errorf("%d reports after the injections, want %d", len(all), len(ids))
		}
		accounts, err := st.Accounts(ctx)
		must(t, err)
		if len(accounts) != len(injections) {
			t.Errorf("%d accounts, want %d", len(accounts), len(injections))
		}
		if n, err := st.DeleteExpired(ctx, t0.Add(-time.Hour)); err != nil || n != 0 {
			t.Errorf("DeleteExpired: %d, %v", n, err)
		}
		if res := verify(t, st); res.Records == 0 {
			t.Error("the audit log is empty after the writes")
		}
	})
}
