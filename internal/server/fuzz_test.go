package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/vuln"
)

// requestTypes are the JSON bodies the API decodes.
func requestTypes() []func() any {
	var out []func() any
	for _, rt := range Routes() {
		if rt.Request == nil {
			continue
		}
		typ := rt.Request
		out = append(out, func() any {
			switch typ.(type) {
			case vuln.Intake:
				return &vuln.Intake{}
			case vuln.Edit:
				return &vuln.Edit{}
			case vuln.Triage:
				return &vuln.Triage{}
			case vuln.BackportUpdate:
				return &vuln.BackportUpdate{}
			case AssignRequest:
				return &AssignRequest{}
			case RejectRequest:
				return &RejectRequest{}
			case CVERequest:
				return &CVERequest{}
			case FixRequest:
				return &FixRequest{}
			case CommentRequest:
				return &CommentRequest{}
			case CollaboratorRequest:
				return &CollaboratorRequest{}
			case EmbargoRequest:
				return &EmbargoRequest{}
			case NewAccountRequest:
				return &NewAccountRequest{}
			case AccountUpdate:
				return &AccountUpdate{}
			case NewTokenRequest:
				return &NewTokenRequest{}
			case LoginRequest:
				return &LoginRequest{}
			case ChangeRequest:
				return &ChangeRequest{}
			case VoteRequest:
				return &VoteRequest{}
			case Empty:
				return &Empty{}
			}
			panic("fuzz: request type without a case")
		})
	}
	return out
}

// FuzzDecodeJSON: whatever the body, decoding every request type answers
// either a value encoding/json agrees with or a 400 naming what is wrong,
// never a panic.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"title":"t","description":"d"}`, `{"stride":["T",1]}`, `{"a":1,"a":2}`, `[]`, `{"cvss":null}`, `{"days":1e400}`,
		"{\"title\":\"\xff\"}", `{"commits":["` + strings.Repeat("a", 40) + `"]}`, `{`, ``, `{"assignees":[[]]}`, `{"roles":{"x":1}}`} {
		f.Add([]byte(s))
	}
	types := requestTypes()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, mk := range types {
			v := mk()
			err := decodeBytes(data, v)
			if err != nil {
				e, ok := err.(*apiError)
				if !ok || e.Status < 400 || e.Status > 499 || e.Code == "" {
					t.Fatalf("%T from %q: %#v", v, data, err)
				}
				continue
			}
			w := mk()
			d := json.NewDecoder(bytes.NewReader(data))
			d.DisallowUnknownFields()
			if err := d.Decode(w); err != nil {
				t.Fatalf("%T: decodeBytes accepted %q, encoding/json says %v", v, data, err)
			}
		}
	})
}

// FuzzCVSSField: any vector sent to the calculator or to triage is scored
// or refused with 422 on the field cvss, never a panic or a 500.
func FuzzCVSSField(f *testing.F) {
	for _, s := range []string{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
		"CVSS:3.1/AV:N", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Red", "CVSS:3.1//", "CVSS:3.1/AV:N/AV:N", "", "\x00"} {
		f.Add(s)
	}
	srv, err := New(Config{Store: nopStore{}, Model: testModel(), Vuln: testConfig()})
	if err != nil {
		f.Fatal(err)
	}
	team := vuln.Actor{ID: "sam", Roles: []vuln.Role{vuln.RoleSecurityTeam}}
	rita := vuln.Actor{ID: "rita", Roles: []vuln.Role{vuln.RoleReporter}}
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, vector string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/api/v1/cvss?vector="+url.QueryEscape(vector), nil)
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK && rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("calculator %q: %d %s", vector, rec.Code, rec.Body)
		}
		body, _ := json.Marshal(map[string]any{"cvss": vector})
		var tr vuln.Triage
		if err := decodeBytes(body, &tr); err != nil {
			t.Fatalf("a string field refused: %v", err)
		}
		r, err := vuln.New(rita, vuln.Intake{Title: "t", Description: "d"}, testConfig(), t0)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.StartTriage(team, t0); err != nil {
			t.Fatal(err)
		}
		err = r.Triage(team, tr, vuln.Env{Config: testConfig(), Model: testModel()}, t0)
		if (err == nil) != (rec.Code == http.StatusOK) {
			t.Fatalf("calculator (%d) and triage (%v) disagree on %q", rec.Code, err, vector)
		}
		if err != nil {
			e, internal := asAPIError(err)
			if internal || e.Status != http.StatusUnprocessableEntity || e.Field != "cvss" {
				t.Fatalf("triage %q: %+v", vector, e)
			}
		}
	})
}
