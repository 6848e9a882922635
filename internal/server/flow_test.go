package server

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/advisory"
	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// TestLifecycle is the "done means" through the API, on both
// stores: a reporter files, the security team triages with a CVSS vector
// and assigns, the module's maintainer links the fix and submits it, the
// team records the CVE and accepts, the scheduler publishes at the end of
// the embargo, and the exports validate. A maintainer of another module
// never sees the report; the audit log verifies, and fails once a row is
// edited by hand.
func TestLifecycle(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		var rv ReportView
		f.must(201, "POST", "/api/v1/reports", "reporter", map[string]any{
			"title": "net: buffer overflow in net_pkt_read", "description": "A crafted packet overflows net_pkt_read.", "severity": "high"}).json(t, &rv)
		path := fmt.Sprintf("/api/v1/reports/%d", rv.ID)
		if rv.State != vuln.StateNew || rv.Key != "DEMO-0001" || !rv.Private {
			t.Fatalf("filed: %+v", rv)
		}
		// Private from the start: only the reporter and the team see it.
		for _, who := range []string{"maint", "maint-other", "other", "anon", "admin", "rm", "architect"} {
			f.must(404, "GET", path, who, nil)
		}
		f.must(200, "GET", path, "team", nil)

		f.must(200, "POST", path+"/start-triage", "team", nil)
		f.must(200, "POST", path+"/triage", "team", map[string]any{
			"cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "stride": []string{"T", "information-disclosure"},
			"modules": []string{"net"}, "releases": []string{"v3.7", "v4.0"}, "workaround": "disable CONFIG_NET_PKT"}).json(t, &rv)
		if rv.CVSS == nil || rv.CVSS.Score != 9.8 || rv.Severity != "critical" || len(rv.Backports) != 2 {
			t.Fatalf("triaged: %+v", rv)
		}
		// The architect of net advises from triage on; maintainers wait
		// for the assignment.
		f.must(200, "GET", path, "architect", nil)
		f.must(404, "GET", path, "maint", nil)
		f.must(200, "POST", path+"/assign", "team", map[string]any{"assignees": []string{"mia"}})
		f.must(200, "GET", path, "maint", nil)
		f.must(200, "GET", path, "rm", nil)
		f.must(404, "GET", path, "maint-other", nil)

		f.must(200, "POST", path+"/fixes", "maint", map[string]any{"branch": "main", "kind": "commit", "ref": "0123456789abcdef0123456789abcdef01234567"})
		f.must(200, "POST", path+"/fixes", "maint", map[string]any{"branch": "v4.0-branch", "kind": "pull", "ref": "#4242"})
		f.must(200, "POST", path+"/backports", "rm", map[string]any{"branch": "v4.0-branch", "status": "fixed", "fixed_in": "v4.0.1"})
		f.must(403, "POST", path+"/backports", "rm", map[string]any{"branch": "v3.7-branch", "status": "fixed", "fixed_in": "v3.7.2"})
		f.must(200, "POST", path+"/submit", "maint", nil)
		f.must(201, "POST", path+"/comments", "maint", map[string]any{"body": "fix is in review"})
		f.must(409, "POST", path+"/accept", "team", nil) // no CVE yet
		f.must(200, "POST", path+"/cve", "team", map[string]any{"cve": "CVE-2026-10001"})
		f.must(200, "POST", path+"/accept", "team", nil).json(t, &rv)
		if rv.State != vuln.StateAccepted {
			t.Fatalf("accepted: %s", rv.State)
		}

		// The embargo runs out: the scheduler (at_end: publish) publishes.
		f.clock.Add(89 * 24 * time.Hour)
		done, err := f.srv.ScheduleOnce(context.Background())
		if err != nil || len(done) != 1 || done[0].Kind != vuln.DueWarn {
			t.Fatalf("a day before the end: %v, %v", done, err)
		}
		f.clock.Add(24 * time.Hour)
		done, err = f.srv.ScheduleOnce(context.Background())
		if err != nil || len(done) != 1 || done[0].Kind != vuln.DuePublish {
			t.Fatalf("at the end: %v, %v", done, err)
		}
		if done, _ := f.srv.ScheduleOnce(context.Background()); len(done) != 0 {
			t.Fatalf("the scheduler acted twice: %v", done)
		}

		// Public: anyone sees the advisory fields, not the discussion.
		var pub ReportView
		f.must(200, "GET", path, "anon", nil).json(t, &pub)
		if pub.State != vuln.StatePublic || pub.Private || pub.Reporter != "" || len(pub.Comments) != 0 || len(pub.History) != 0 {
			t.Fatalf("public view leaks: %+v", pub)
		}
		osv := f.must(200, "GET", path+"/osv", "anon", nil).body
		if err := advisory.ValidateOSV("osv.json", osv); err != nil {
			t.Fatal(err)
		}
		csaf := f.must(200, "GET", path+"/csaf", "team", nil).body
		if err := advisory.ValidateCSAF("csaf.json", csaf); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(osv), "CVE-2026-10001") || !strings.Contains(string(csaf), "CVE-2026-10001") {
			t.Fatalf("exports without the CVE:\n%s\n%s", osv, csaf)
		}
		md := f.must(200, "GET", "/api/v1/advisories.md", "anon", nil).body
		if !strings.Contains(string(md), "CVE-2026-10001") {
			t.Fatalf("vulnerabilities page:\n%s", md)
		}
		// The maintainer of another module sees the public advisory only,
		// never its private parts.
		var other ReportView
		f.must(200, "GET", path, "maint-other", nil).json(t, &other)
		if other.Private || len(other.Comments) > 0 {
			t.Fatalf("maint-other sees private parts: %+v", other)
		}

		// The audit log holds the story and verifies.
		var v AuditVerification
		f.must(200, "GET", "/api/v1/audit/verify", "admin", nil).json(t, &v)
		if !v.Intact || v.Records < 15 {
			t.Fatalf("audit: %+v", v)
		}
		actions := auditActions(t, f)
		for _, want := range []string{"report.create", "report.view", "report.triage", "report.assign", "report.publish", "report.export", "report.warn"} {
			if !actions[want] {
				t.Errorf("no %s in the audit log (have %v)", want, actions)
			}
		}
		db, ok := store.DB(f.st)
		if !ok {
			t.Fatal("no database handle")
		}
		tamper(t, f.st, db, `UPDATE audit_records SET actor = 'mallory' WHERE idx = 3`)
		f.must(200, "GET", "/api/v1/audit/verify", "admin", nil).json(t, &v)
		if v.Intact || len(v.Problems) == 0 || !strings.Contains(v.Problems[0], "record 3") {
			t.Fatalf("tampered audit log verifies: %+v", v)
		}
	}, func(c *Config) { c.Vuln.Embargo.AtEnd = vuln.AtEndPublish })
}

func auditActions(t *testing.T, f *fixture) map[string]bool {
	t.Helper()
	var page AuditPage
	f.must(200, "GET", "/api/v1/audit?limit=1000", "admin", nil).json(t, &page)
	out := map[string]bool{}
	for _, r := range page.Records {
		out[r.Action] = true
	}
	return out
}

// tamper changes the database behind the store's back.
func tamper(t *testing.T, st store.Store, db *sql.DB, stmt string) {
	t.Helper()
	if st.Kind() == "postgres" {
		stmt = strings.ReplaceAll(stmt, "?", "$1")
	}
	if _, err := db.Exec(stmt); err != nil {
		t.Fatal(err)
	}
	// The verifier of the audit package reads the same rows.
	if _, err := audit.Verify(context.Background(), st, keys.verifier, audit.VerifyOptions{}); err == nil {
		t.Fatalf("%s: audit.Verify still passes", stmt)
	}
}
