package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// TestBadInput: every kind of bad request gets a precise 4xx with a
// machine-readable code (and the field at fault), never a 500.
func TestBadInput(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		triage := f.reportIn("triage")
		newR := f.reportIn("new")
		tp := fmt.Sprintf("/api/v1/reports/%d", triage.ID)
		np := fmt.Sprintf("/api/v1/reports/%d", newR.ID)
		big := `{"title": "x", "description": "` + strings.Repeat("a", MaxJSONBody) + `"}`
		cases := []struct {
			name         string
			method, path string
			who          string
			body         any
			hdr          []string
			status       int
			code, field  string
			msg          string
		}{
			{"oversized body", "POST", "/api/v1/reports", "reporter", big, nil, 413, "too_large", "", "larger than 1048576 bytes"},
			{"oversized attachment", "POST", tp + "/attachments?name=a.bin", "team", []byte(strings.Repeat("x", 2048)), []string{"Content-Type", "application/octet-stream"}, 413, "too_large", "", ""},
			{"malformed JSON", "POST", "/api/v1/reports", "reporter", "{\n  \"title\": \"x\",\n  \"description\": }", nil, 400, CodeMalformed, "", "line 3 column"},
			{"empty body", "POST", "/api/v1/reports", "reporter", "", nil, 400, CodeMalformed, "", "empty body"},
			{"two documents", "POST", "/api/v1/reports", "reporter", `{"title":"a","description":"b"} {}`, nil, 400, CodeMalformed, "", ""},
			{"not an object", "POST", "/api/v1/reports", "reporter", `["title"]`, nil, 400, CodeWrongType, "", "expected an object"},
			{"wrong type in a list", "POST", tp + "/triage", "team", `{"stride": ["T", 3]}`, nil, 400, CodeWrongType, "stride/1", "expected a string"},
			{"wrong type nested", "POST", tp + "/fixes", "team", `{"branch": "main", "kind": "commit", "ref": 7}`, nil, 400, CodeWrongType, "ref", ""},
			{"unknown field", "POST", "/api/v1/reports", "reporter", `{"titel": "x", "description": "y"}`, nil, 400, CodeUnknownField, "titel", "unknown field"},
			{"field twice", "POST", "/api/v1/reports", "reporter", `{"title": "x", "title": "y", "description": "z"}`, nil, 400, CodeDuplicate, "title", ""},
			{"number out of range", "POST", tp + "/embargo", "team", `{"days": 1e99, "reason": "r"}`, nil, 400, CodeWrongType, "days", ""},
			{"wrong content type", "POST", "/api/v1/reports", "reporter", []byte(`{"title":"x","description":"y"}`), []string{"Content-Type", "text/plain"}, 415, CodeMediaType, "", ""},
			{"no content type", "POST", "/api/v1/reports", "reporter", []byte(`{"title":"x","description":"y"}`), nil, 415, CodeMediaType, "", ""},
			{"other charset", "POST", "/api/v1/reports", "reporter", []byte(`{"title":"x","description":"y"}`), []string{"Content-Type", "application/json; charset=latin1"}, 415, CodeMediaType, "", ""},
			{"invalid CVSS metric value", "POST", tp + "/triage", "team", `{"cvss": "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}`, nil, 422, vuln.CodeInvalid, "cvss", "metric AV"},
			{"CVSS metric missing", "POST", tp + "/triage", "team", `{"cvss": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/SC:N/SI:N/SA:N"}`, nil, 422, vuln.CodeInvalid, "cvss", "base metric VA is missing"},
			{"CVSS v2", "POST", tp + "/triage", "team", `{"cvss": "AV:N/AC:L/Au:N/C:P/I:P/A:P"}`, nil, 422, vuln.CodeInvalid, "cvss", "v2 vectors are not accepted"},
			{"unknown module", "POST", tp + "/triage", "team", `{"modules": ["net", "usb"]}`, nil, 422, vuln.CodeInvalid, "modules/1", "unknown module \"usb\""},
			{"unknown module filter", "GET", "/api/v1/reports?module=usb", "team", nil, nil, 422, vuln.CodeInvalid, "module", ""},
			{"unknown STRIDE", "POST", tp + "/triage", "team", `{"stride": ["X"]}`, nil, 422, vuln.CodeInvalid, "stride/0", ""},
			{"unknown release", "POST", tp + "/triage", "team", `{"releases": ["v9"]}`, nil, 422, vuln.CodeInvalid, "releases/0", ""},
			{"transition not allowed", "POST", np + "/publish", "team", nil, nil, 409, vuln.CodeState, "", "allowed in: accepted"},
			{"triage before triage", "POST", np + "/triage", "team", `{"workaround": "w"}`, nil, 409, vuln.CodeState, "", ""},
			{"submit without fix", "POST", tp + "/assign", "team", `{"assignees": ["nobody"]}`, nil, 422, vuln.CodeInvalid, "assignees/0", "no account"},
			{"bad CVE", "POST", tp + "/cve", "team", `{"cve": "CVE-26-1"}`, nil, 422, vuln.CodeInvalid, "cve", ""},
			{"bad rejection reason", "POST", tp + "/rejection", "team", `{"reason": "boring"}`, nil, 422, vuln.CodeInvalid, "reason", ""},
			{"bad report id", "GET", "/api/v1/reports/12abc", "team", nil, nil, 400, CodeBadParameter, "id", ""},
			{"missing report", "GET", "/api/v1/reports/999", "team", nil, nil, 404, vuln.CodeHidden, "", "no such report"},
			{"unknown parameter", "GET", "/api/v1/reports?sort=id", "team", nil, nil, 400, CodeBadParameter, "sort", ""},
			{"bad state filter", "GET", "/api/v1/reports?state=open", "team", nil, nil, 400, CodeBadParameter, "state", ""},
			{"bad If-Match", "POST", tp + "/comments", "team", `{"body": "x"}`, []string{"If-Match", "yesterday"}, 400, CodePrecondition, "If-Match", ""},
			{"stale If-Match", "POST", tp + "/comments", "team", `{"body": "x"}`, []string{"If-Match", `"1"`}, 409, CodeConflict, "", "changed since you read it"},
			{"unknown endpoint", "GET", "/api/v1/nothing", "team", nil, nil, 404, "not_found", "", ""},
			{"malformed token", "GET", "/api/v1/me", "anon", nil, []string{"Authorization", "Bearer nope"}, 401, CodeUnauth, "", ""},
			{"unknown token", "GET", "/api/v1/me", "anon", nil, []string{"Authorization", "Bearer " + TokenPrefix + strings.Repeat("A", 43)}, 401, CodeUnauth, "", ""},
			{"no token", "POST", "/api/v1/reports", "anon", `{"title":"x","description":"y"}`, nil, 401, CodeUnauth, "", ""},
			{"bad password", "POST", "/api/v1/login", "anon", `{"login": "rita", "password": "wrong"}`, nil, 401, CodeUnauth, "", ""},
			{"bad change key", "GET", "/api/v1/changes/a%20b", "team", nil, nil, 400, CodeBadParameter, "key", ""},
			{"bad vote", "POST", "/api/v1/changes/CR-9/votes", "team", `{"commit": "abc", "vote": "approve"}`, nil, 422, vuln.CodeInvalid, "commit", ""},
			{"weak password", "POST", "/api/v1/accounts", "admin", `{"login": "bob", "name": "Bob", "password": "short", "roles": ["reporter"]}`, nil, 422, vuln.CodeInvalid, "password", ""},
			{"unknown role", "POST", "/api/v1/accounts", "admin", `{"login": "bob", "name": "Bob", "password": "long enough pass", "roles": ["root"]}`, nil, 422, vuln.CodeInvalid, "roles/0", ""},
			{"unknown scope", "POST", "/api/v1/tokens", "team", `{"name": "x", "scopes": ["all"]}`, nil, 422, vuln.CodeInvalid, "scopes/0", ""},
		}
		f.srv.cfg.Vuln.Attachments.MaxBytes = 1024
		for _, c := range cases {
			var hdr []string
			hdr = append(hdr, c.hdr...)
			r := f.do(c.method, c.path, c.who, c.body, hdr...)
			if r.status != c.status {
				t.Errorf("%s: %d, want %d\n%s", c.name, r.status, c.status, r.body)
				continue
			}
			e := r.errCode(t)
			if e.Code != c.code || e.Field != c.field || !strings.Contains(e.Msg, c.msg) {
				t.Errorf("%s: %+v, want code %q field %q message containing %q", c.name, e, c.code, c.field, c.msg)
			}
		}
		// A method the route does not have.
		if r := f.do("DELETE", np, "team", nil); r.status != http.StatusMethodNotAllowed {
			t.Errorf("DELETE on a report: %d, want 405", r.status)
		}
		// A read-only token may not write.
		ro := TokenPrefix + newSecret()
		if err := f.st.PutToken(context.Background(), store.Token{Hash: hashSecret(ro), AccountID: "sam", Name: "ro", Scopes: []string{ScopeRead}, Created: t0, Expires: t0.AddDate(0, 1, 0)}); err != nil {
			t.Fatal(err)
		}
		f.tokens["ro"] = ro
		if r := f.do("POST", tp+"/comments", "ro", `{"body": "x"}`); r.status != 403 || r.errCode(t).Code != CodeScope {
			t.Errorf("read-only token writing: %d %s", r.status, r.body)
		}
		f.must(200, "GET", tp, "ro", nil)
		// An expired token is refused, not treated as anonymous.
		f.clock.Add(40 * 24 * 3600e9)
		if r := f.do("GET", "/api/v1/reports", "ro", nil); r.status != 401 || !strings.Contains(r.errCode(t).Msg, "expired") {
			t.Errorf("expired token: %d %s", r.status, r.body)
		}
	})
}

// TestConcurrentEdits: with If-Match the second of two writers gets 409
// and nothing of the first is lost; without it, concurrent changes are all
// applied.
func TestConcurrentEdits(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		r := f.reportIn("triage")
		p := fmt.Sprintf("/api/v1/reports/%d", r.ID)
		etag := f.must(200, "GET", p, "team", nil).header.Get("ETag")
		a := f.do("POST", p+"/triage", "team", `{"workaround": "from team"}`, "If-Match", etag)
		b := f.do("POST", p+"/triage", "team2", `{"workaround": "from team2"}`, "If-Match", etag)
		if a.status != 200 || b.status != 409 {
			t.Fatalf("two writers on %s: %d and %d, want 200 and 409\n%s", etag, a.status, b.status, b.body)
		}
		var rv ReportView
		f.must(200, "GET", p, "team", nil).json(t, &rv)
		if rv.Workaround != "from team" {
			t.Fatalf("first write lost: %q", rv.Workaround)
		}
		if e := b.errCode(t); e.Version != rv.Version {
			t.Errorf("409 names version %d, current is %d", e.Version, rv.Version)
		}
		// The loser retries on the fresh version.
		f.must(200, "POST", p+"/triage", "team2", `{"workaround": "from team2"}`, "If-Match", fmt.Sprintf(`"%d"`, rv.Version))

		// Without If-Match, 24 concurrent comments from several people all land.
		var wg sync.WaitGroup
		errs := make(chan string, 24)
		for i := 0; i < 24; i++ {
			who := []string{"team", "team2", "reporter", "collab"}[i%4]
			wg.Add(1)
			go func() {
				defer wg.Done()
				res := f.do("POST", p+"/comments", who, fmt.Sprintf(`{"body": "comment %d"}`, i))
				if res.status != 201 {
					errs <- fmt.Sprintf("comment %d: %d %s", i, res.status, res.body)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		f.must(200, "GET", p, "team", nil).json(t, &rv)
		if len(rv.Comments) != 24 {
			t.Fatalf("%d comments stored, want 24", len(rv.Comments))
		}
		seen := map[string]bool{}
		for _, c := range rv.Comments {
			seen[c.Body] = true
		}
		if len(seen) != 24 {
			t.Fatalf("comments lost or doubled: %v", seen)
		}
	})
}
