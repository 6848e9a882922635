package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/vuln"
)

// The conformance suite: every test runs against SQLite and PostgreSQL and
// expects the same answers.

var (
	team     = vuln.Actor{ID: "sam", Roles: []vuln.Role{vuln.RoleSecurityTeam}}
	reporter = vuln.Actor{ID: "rita", Roles: []vuln.Role{vuln.RoleReporter}}
	env      = vuln.Env{
		Config: vuln.Config{Releases: []vuln.Release{{Name: "v4.0", Branch: "v4.0-branch", Maintained: true}}}.Defaults(),
		Model:  &model.Model{Modules: []model.Module{{ID: "net"}, {ID: "kernel"}}},
	}
)

func newReport(t *testing.T, title string) *vuln.Report {
	t.Helper()
	r, err := vuln.New(reporter, vuln.Intake{Title: title, Description: "overflow in " + title, Severity: vuln.SeverityHigh}, env.Config, t0)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCreateAndRead(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		for i := 1; i <= 3; i++ {
			r := newReport(t, fmt.Sprintf("bug %d", i))
			if err := st.CreateReport(ctx, r, Extra{}); err != nil {
				t.Fatal(err)
			}
			if r.ID != int64(i) || r.Version != 1 {
				t.Fatalf("report %d: id %d version %d, want %d and 1", i, r.ID, r.Version, i)
			}
			got, err := st.Report(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := mustJSON(t, r), mustJSON(t, got); a != b {
				t.Errorf("round trip changed the report:\nstored %s\nread   %s", a, b)
			}
		}
		if _, err := st.Report(ctx, 99); !errors.Is(err, ErrNotFound) {
			t.Errorf("Report(99) = %v, want ErrNotFound", err)
		}
		r := newReport(t, "again")
		r.ID = 5
		if err := st.CreateReport(ctx, r, Extra{}); err == nil {
			t.Error("CreateReport with an id succeeded")
		}
	})
}

func TestOptimisticConcurrency(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		r := newReport(t, "race")
		if err := st.CreateReport(ctx, r, Extra{}); err != nil {
			t.Fatal(err)
		}
		a, _ := st.Report(ctx, r.ID)
		b, _ := st.Report(ctx, r.ID)
		if _, err := a.Comment(team, "first writer", t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := st.UpdateReport(ctx, a, Extra{}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Comment(team, "second writer", t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		before := mustJSON(t, b)
		err := st.UpdateReport(ctx, b, Extra{})
		if !errors.Is(err, ErrConflict) {
			t.Fatalf("second writer: %v, want ErrConflict", err)
		}
		if mustJSON(t, b) != before {
			t.Error("a refused update changed the caller's report")
		}
		got, _ := st.Report(ctx, r.ID)
		if got.Version != 2 || len(got.Comments) != 1 || got.Comments[0].Body != "first writer" {
			t.Fatalf("stored after conflict: version %d comments %+v", got.Version, got.Comments)
		}
		// The second writer loses nothing: it rereads, reapplies, stores.
		if _, err := got.Comment(team, "second writer", t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := st.UpdateReport(ctx, got, Extra{}); err != nil {
			t.Fatal(err)
		}
		final, _ := st.Report(ctx, r.ID)
		if final.Version != 3 || len(final.Comments) != 2 {
			t.Errorf("final: version %d, %d comments", final.Version, len(final.Comments))
		}
		missing := newReport(t, "ghost")
		missing.ID, missing.Version = 77, 1
		if err := st.UpdateReport(ctx, missing, Extra{}); !errors.Is(err, ErrNotFound) {
			t.Errorf("update of a missing report: %v, want ErrNotFound", err)
		}
		verify(t, st)
	})
}

// TestConcurrentWriters: writers that retry on conflict lose no update.
func TestConcurrentWriters(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		r := newReport(t, "busy")
		if err := st.CreateReport(ctx, r, Extra{}); err != nil {
			t.Fatal(err)
		}
		const writers, each = 4, 5
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					for {
						cur, err := st.Report(ctx, r.ID)
						if err != nil {
							errs <- err
							return
						}
						if _, err := cur.Comment(team, fmt.Sprintf("w%d-%d", w, i), t0); err != nil {
							errs <- err
							return
						}
						err = st.UpdateReport(ctx, cur, Extra{})
						if errors.Is(err, ErrConflict) {
							continue
						}
						if err != nil {
							errs <- err
							return
						}
						break
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		got, _ := st.Report(ctx, r.ID)
		seen := map[string]bool{}
		for _, c := range got.Comments {
			seen[c.Body] = true
		}
		if len(got.Comments) != writers*each || len(seen) != writers*each {
			t.Errorf("%d comments (%d distinct), want %d", len(got.Comments), len(seen), writers*each)
		}
		if got.Version != 1+writers*each {
			t.Errorf("version %d, want %d", got.Version, 1+writers*each)
		}
		res := verify(t, st)
		if res.Records != int64(1+writers*each) {
			t.Errorf("audit records %d, want %d (one per event)", res.Records, 1+writers*each)
		}
	})
}

func TestHistoryIsAppendOnly(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		r := newReport(t, "history")
		if err := st.CreateReport(ctx, r, Extra{}); err != nil {
			t.Fatal(err)
		}
		cases := map[string]func(r *vuln.Report){
			"rewritten": func(r *vuln.Report) { r.History[0].Actor = "mallory" },
			"dropped":   func(r *vuln.Report) { r.History = nil },
			"reporter":  func(r *vuln.Report) { r.Reporter = "mallory" },
		}
		for name, change := range cases {
			cur, _ := st.Report(ctx, r.ID)
			change(cur)
			if err := st.UpdateReport(ctx, cur, Extra{}); err == nil {
				t.Errorf("%s: update accepted", name)
			}
		}
		got, _ := st.Report(ctx, r.ID)
		if got.Version != 1 || got.History[0].Actor != "rita" {
			t.Errorf("a refused update was stored: %+v", got.History)
		}
	})
}

func TestFilter(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		mk := func(title string, ops func(r *vuln.Report)) int64 {
			r := newReport(t, title)
			ops(r)
			if err := st.CreateReport(ctx, r, Extra{}); err != nil {
				t.Fatal(err)
			}
			return r.ID
		}
		cvss := "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
		newID := mk("new", func(*vuln.Report) {})
		triaged := mk("triaged", func(r *vuln.Report) {
			must(t, r.StartTriage(team, t0))
			must(t, r.Triage(team, vuln.Triage{CVSS: &cvss, Stride: []vuln.Stride{"T"}, Modules: []string{"net"}}, env, t0))
		})
		late := mk("late", func(r *vuln.Report) {
			must(t, r.StartTriage(team, t0))
			r.Embargo.End = t0.AddDate(0, 0, 5)
		})
		ids := func(f Filter) []int64 {
			rs, err := st.Reports(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, r := range rs {
				out = append(out, r.ID)
			}
			return out
		}
		for _, c := range []struct {
			name string
			f    Filter
			want []int64
		}{
			{"all", Filter{}, []int64{newID, triaged, late}},
			{"state", Filter{States: []vuln.State{vuln.StateTriage}}, []int64{triaged, late}},
			{"module", Filter{Module: "net"}, []int64{triaged}},
			{"severity cvss", Filter{Severity: "critical"}, []int64{triaged}},
			{"severity reporter", Filter{Severity: "high"}, []int64{newID, late}},
			{"embargo", Filter{EmbargoEndsBefore: t0.AddDate(0, 0, 30)}, []int64{late}},
			{"page", Filter{AfterID: newID, Limit: 1}, []int64{triaged}},
			{"none", Filter{Reporter: "nobody"}, nil},
		} {
			if got := ids(c.f); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestAttachments(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		r := newReport(t, "poc")
		content := []byte("int main(){ overflow(); }\x00\xff")
		att, err := r.Attach(reporter, "poc.c", "text/x-c", content, env.Config, t0)
		must(t, err)
		if err := st.CreateReport(ctx, r, Extra{}); err == nil {
			t.Fatal("attachment without content stored")
		}
		if err := st.CreateReport(ctx, r, Extra{Blobs: map[string][]byte{att.ID: []byte("other")}}); err == nil {
			t.Fatal("attachment with other content stored")
		}
		must(t, st.CreateReport(ctx, r, Extra{Blobs: map[string][]byte{att.ID: content}}))
		got, err := st.Attachment(ctx, r.ID, att.ID)
		must(t, err)
		if string(got) != string(content) {
			t.Errorf("attachment = %q", got)
		}
		if _, err := st.Attachment(ctx, r.ID, "9"); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing attachment: %v", err)
		}
		// Content cannot be replaced through an update.
		cur, _ := st.Report(ctx, r.ID)
		if err := st.UpdateReport(ctx, cur, Extra{Blobs: map[string][]byte{att.ID: content}}); err == nil {
			t.Error("attachment content replaced")
		}
	})
}

func TestAccountsTokensSessions(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		ev := audit.Entry{Time: t0, Actor: "admin", Action: "account.create", Subject: "account/alice"}
		a := &Account{ID: "alice", Login: "alice", Name: "Alice", Roles: []vuln.Role{vuln.RoleSecurityTeam}, Created: t0}
		must(t, st.CreateAccount(ctx, a, ev))
		if err := st.CreateAccount(ctx, &Account{ID: "alice2", Login: "alice", Created: t0}); !errors.Is(err, ErrExists) {
			t.Errorf("duplicate login: %v, want ErrExists", err)
		}
		if err := st.CreateAccount(ctx, &Account{ID: "alice", Login: "other", Created: t0}); !errors.Is(err, ErrExists) {
			t.Errorf("duplicate id: %v, want ErrExists", err)
		}
		got, err := st.AccountByLogin(ctx, "alice")
		must(t, err)
		if got.Version != 1 || got.Name != "Alice" {
			t.Errorf("account = %+v", got)
		}
		stale := *got
		got.Roles = append(got.Roles, vuln.RoleAdmin)
		must(t, st.UpdateAccount(ctx, got, audit.Entry{Time: t0, Actor: "admin", Action: "role.change", Subject: "account/alice"}))
		if err := st.UpdateAccount(ctx, &stale); !errors.Is(err, ErrConflict) {
			t.Errorf("stale account update: %v, want ErrConflict", err)
		}
		if err := st.UpdateAccount(ctx, &Account{ID: "nobody", Login: "x", Version: 1}); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing account update: %v, want ErrNotFound", err)
		}
		if _, err := st.Account(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing account: %v", err)
		}
		all, err := st.Accounts(ctx)
		must(t, err)
		if len(all) != 1 || all[0].Version != 2 || len(all[0].Roles) != 2 {
			t.Errorf("accounts = %+v", all)
		}

		tk := Token{Hash: "h1", AccountID: "alice", Name: "ci", Scopes: []string{"read"}, Created: t0, Expires: t0.Add(time.Hour)}
		must(t, st.PutToken(ctx, tk))
		must(t, st.PutToken(ctx, Token{Hash: "h2", AccountID: "alice", Created: t0, Expires: t0.Add(48 * time.Hour)}))
		if err := st.PutToken(ctx, tk); !errors.Is(err, ErrExists) {
			t.Errorf("duplicate token: %v", err)
		}
		gt, err := st.Token(ctx, "h1")
		must(t, err)
		if gt.Name != "ci" || !gt.Expires.Equal(tk.Expires) {
			t.Errorf("token = %+v", gt)
		}
		must(t, st.PutSession(ctx, Session{Hash: "s1", AccountID: "alice", CSRF: "c", Created: t0, Expires: t0.Add(time.Hour)}))
		se, err := st.Session(ctx, "s1")
		must(t, err)
		if se.CSRF != "c" {
			t.Errorf("session = %+v", se)
		}
		n, err := st.DeleteExpired(ctx, t0.Add(2*time.Hour))
		must(t, err)
		if n != 2 {
			t.Errorf("DeleteExpired removed %d, want 2 (one session, one token)", n)
		}
		if _, err := st.Session(ctx, "s1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("expired session: %v", err)
		}
		tks, err := st.Tokens(ctx, "alice")
		must(t, err)
		if len(tks) != 1 || tks[0].Hash != "h2" {
			t.Errorf("tokens = %+v", tks)
		}
		must(t, st.DeleteToken(ctx, "h2"))
		if err := st.DeleteToken(ctx, "h2"); !errors.Is(err, ErrNotFound) {
			t.Errorf("second delete: %v", err)
		}
		if err := st.DeleteSession(ctx, "s1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("delete missing session: %v", err)
		}
		res := verify(t, st)
		if res.Records != 2 {
			t.Errorf("audit records = %d, want 2 (the entries passed in)", res.Records)
		}
	})
}

// TestAuditOfReports: every history event is in the audit log, in order,
// without the report's text.
func TestAuditOfReports(t *testing.T) {
	each(t, func(t *testing.T, st Store, _ string) {
		ctx := context.Background()
		r := newReport(t, "secret title")
		must(t, st.CreateReport(ctx, r, Extra{}))
		must(t, r.StartTriage(team, t0.Add(time.Hour)))
		must(t, st.UpdateReport(ctx, r, Extra{Audit: []audit.Entry{{Time: t0.Add(time.Hour), Actor: "sam", Action: "report.view", Subject: "report/1"}}}))
		_, err := st.Audit(ctx, audit.Entry{Time: t0.Add(2 * time.Hour), Actor: "anonymous", Action: "login.fail", Subject: "account/bob"})
		must(t, err)
		recs, err := st.AuditEntries(ctx, 0, 10)
		must(t, err)
		var got []string
		for _, rec := range recs {
			got = append(got, fmt.Sprintf("%d %s %s %s %s", rec.Index, rec.Actor, rec.Action, rec.Subject, rec.Detail))
			if strings.Contains(rec.Detail, "secret") {
				t.Errorf("audit record %d repeats the report's text: %q", rec.Index, rec.Detail)
			}
		}
		want := []string{
			"0 rita report.create report/1 none -> new; embargo ends 2026-05-30",
			"1 sam report.start-triage report/1 new -> triage",
			"2 sam report.view report/1 ",
			"3 anonymous login.fail account/bob ",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("audit entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		res := verify(t, st)
		if res.Records != 4 || res.Checkpoints != 3 || res.Latest.Tree.N != 4 {
			t.Errorf("verify = %+v", res)
		}
	})
}

func TestMigrations(t *testing.T) {
	each(t, func(t *testing.T, st Store, target string) {
		ctx := context.Background()
		r := newReport(t, "kept")
		must(t, st.CreateReport(ctx, r, Extra{}))
		st.Close()
		// Reopening migrates nothing and keeps the data.
		st2 := openTarget(t, target)
		if _, err := st2.Report(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
		db, _ := DB(st2)
		var n int
		must(t, db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n))
		if n != SchemaVersion() {
			t.Errorf("schema_migrations has %d rows, want %d", n, SchemaVersion())
		}
		// A database from a newer assure is refused, not downgraded.
		_, err := db.Exec(`INSERT INTO schema_migrations (version, applied) VALUES (99, 'later')`)
		must(t, err)
		st2.Close()
		if _, err := Open(ctx, target, Options{Signer: testKey.signer}); err == nil || !strings.Contains(err.Error(), "newer than this assure") {
			t.Errorf("open of a newer schema: %v", err)
		}
		if _, err := Open(ctx, target, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "newer than this assure") {
			t.Errorf("read-only open of a newer schema: %v", err)
		}
	})
}

func TestReadOnly(t *testing.T) {
	each(t, func(t *testing.T, st Store, target string) {
		ctx := context.Background()
		must(t, st.CreateReport(ctx, newReport(t, "x"), Extra{}))
		ro, err := Open(ctx, target, Options{ReadOnly: true})
		must(t, err)
		defer ro.Close()
		if err := ro.CreateReport(ctx, newReport(t, "y"), Extra{}); !errors.Is(err, ErrReadOnly) {
			t.Errorf("write to a read-only store: %v", err)
		}
		if err := ro.PutSession(ctx, Session{Hash: "s", AccountID: "a"}); !errors.Is(err, ErrReadOnly) {
			t.Errorf("session write to a read-only store: %v", err)
		}
		if _, err := audit.Verify(ctx, ro, testKey.verifier, audit.VerifyOptions{}); err != nil {
			t.Error(err)
		}
	})
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	if _, err := Open(ctx, t.TempDir()+"/a.db", Options{}); err == nil || !strings.Contains(err.Error(), "signing key") {
		t.Errorf("open without a key: %v", err)
	}
	if _, err := Open(ctx, t.TempDir()+"/missing.db", Options{ReadOnly: true}); err == nil {
		t.Error("read-only open of a missing file succeeded")
	}
	if _, err := Open(ctx, "a.db?mode=memory", Options{Signer: testKey.signer}); err == nil {
		t.Error("a path with ? was accepted")
	}
}

// TestSQLiteDurability: the settings OpenSQLite documents are the ones in
// effect, and the file is private.
func TestSQLiteDurability(t *testing.T) {
	path := t.TempDir() + "/" + DefaultFile
	for _, c := range []struct {
		sync string
		want int
	}{{"", 2}, {"NORMAL", 1}} {
		st, err := Open(context.Background(), path, Options{Signer: testKey.signer, SQLiteSync: c.sync})
		must(t, err)
		db, _ := DB(st)
		var mode string
		var sync int
		must(t, db.QueryRow(`PRAGMA journal_mode`).Scan(&mode))
		must(t, db.QueryRow(`PRAGMA synchronous`).Scan(&sync))
		if mode != "wal" || sync != c.want {
			t.Errorf("SQLiteSync %q: journal_mode %s, synchronous %d; want wal, %d", c.sync, mode, sync, c.want)
		}
		st.Close()
	}
	if _, err := Open(context.Background(), path, Options{Signer: testKey.signer, SQLiteSync: "OFF"}); err == nil {
		t.Error("synchronous OFF accepted")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("database file mode: %v %v", fi.Mode().Perm(), err)
	}
}
