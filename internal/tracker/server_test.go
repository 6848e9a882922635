package tracker

import (
	"net/http"
	"strings"
	"testing"
)

func TestServerResolve(t *testing.T) {
	change := Issue{Key: "CR-12", State: "approved", Title: "Harden the shell", URL: "https://assure.example.com/changes/CR-12", Kind: "change"}
	tests := []struct {
		name     string
		ref      string // {base} is replaced by the server's base URL
		routes   map[string]route
		want     Issue
		err      want
		requests int
	}{
		{name: "key", ref: "CR-12", want: change, requests: 1},
		{name: "hash key", ref: "#CR-12", want: change, requests: 1},
		{name: "web URL", ref: "{base}/changes/CR-12", want: change, requests: 1},
		{name: "API URL", ref: "{base}/api/v1/changes/CR-12", want: change, requests: 1},
		{name: "not found", ref: "CR-99", requests: 1, err: want{is: ErrNotFound, msg: "CR-99: no such issue"}},
		{name: "two words", ref: "CR 12", err: want{is: ErrForeign, msg: "not a change-request key"}},
		{name: "path tricks", ref: "../admin", err: want{is: ErrForeign}},
		{name: "other host", ref: "https://example.org/changes/CR-12", err: want{is: ErrForeign, msg: "is on example.org"}},
		{name: "other path", ref: "{base}/issues/CR-12", err: want{is: ErrForeign, msg: "not a /changes/KEY URL"}},
		{name: "unauthorized", ref: "CR-1", requests: 1,
			routes: map[string]route{"/api/v1/changes/CR-1": {status: 401, body: `{"error":"token expired"}`}},
			err:    want{status: 401, msg: "401 Unauthorized: token expired", hint: "token invalid or expired: set ASSURE_TOKEN"}},
		{name: "forbidden", ref: "CR-1", requests: 1,
			routes: map[string]route{"/api/v1/changes/CR-1": {status: 403, body: `{"error":"no access"}`}},
			err:    want{status: 403, hint: "grant it read access"}},
		{name: "unavailable", ref: "CR-1", requests: 1,
			routes: map[string]route{"/api/v1/changes/CR-1": {status: 503, body: "upstream down\n", header: map[string]string{"Content-Type": "text/plain"}}},
			err:    want{status: 503, msg: "503 Service Unavailable: upstream down"}},
		{name: "teapot", ref: "CR-1", requests: 1,
			routes: map[string]route{"/api/v1/changes/CR-1": {status: 418}},
			err:    want{status: 418, hint: "tracker.url"}},
		{name: "no state", ref: "CR-1", requests: 1,
			routes: map[string]route{"/api/v1/changes/CR-1": {status: 200, body: `{"key":"CR-1"}`}},
			err:    want{status: 200, msg: "field state: missing"}},
		{name: "not an object", ref: "CR-1", requests: 1,
			routes: map[string]route{"/api/v1/changes/CR-1": {status: 200, body: `["CR-1"]`}},
			err:    want{status: 200, msg: "want an object, got an array"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := tt.routes
			if routes == nil {
				check := func(t *testing.T, r *http.Request) {
					if got := r.Header.Get("Authorization"); got != "Bearer s3cret" {
						t.Errorf("Authorization = %q", got)
					}
				}
				routes = map[string]route{
					"/api/v1/changes/CR-12": {status: 200, file: "server/change.json", check: check},
					"/api/v1/changes/CR-99": {status: 404, file: "server/not_found.json"},
				}
			}
			rp := newReplay(t, routes)
			s := NewServer(ServerConfig{BaseURL: rp.srv.URL, Token: "s3cret", TokenEnv: "ASSURE_TOKEN"})
			got, err := s.Resolve(t.Context(), strings.ReplaceAll(tt.ref, "{base}", rp.srv.URL))
			checkErr(t, err, tt.err)
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if n := rp.total(); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
		})
	}
}

func TestServerConfigError(t *testing.T) {
	_, err := NewServer(ServerConfig{BaseURL: "assure.example.com"}).Resolve(t.Context(), "CR-1")
	checkErr(t, err, want{status: -1, msg: "not an http(s) URL", hint: "tracker.url"})
}
