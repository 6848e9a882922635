package tracker

import (
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
)

// TestUntrustedCertificateRefused: a tracker answering with a certificate
// the system does not trust (someone in the middle, a spoofed host) gets
// no request, hence never the token, and its answer counts for nothing:
// Resolve fails and says why. With the certificate trusted the same
// server answers, so the refusal is the certificate's. This is the proof
// of countermeasure cm-tracker-tls of security/threats/assure.yaml.
func TestUntrustedCertificateRefused(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	trackers := []struct {
		name, path string
		body       []byte
		make       func(base string, c *http.Client) Tracker
		ref        string
	}{
		{"github", issues + "1347", read("github/issue_open.json"), func(base string, c *http.Client) Tracker {
			return NewGitHub(GitHubConfig{BaseURL: base, Repo: "octocat/Hello-World", Token: "ghp_secret", HTTPClient: c})
		}, "#1347"},
		{"jira", "/rest/api/2/issue/PROJ-1", read("jira/issue.json"), func(base string, c *http.Client) Tracker {
			return NewJira(JiraConfig{BaseURL: base, Token: "jira-secret", HTTPClient: c})
		}, "PROJ-1"},
		{"server", "/api/v1/changes/CR-12", []byte(`{"key": "CR-12", "state": "approved"}`), func(base string, c *http.Client) Tracker {
			return NewServer(ServerConfig{BaseURL: base, Token: "assure_secret", HTTPClient: c})
		}, "CR-12"},
	}
	for _, tt := range trackers {
		t.Run(tt.name, func(t *testing.T) {
			var got atomic.Int32
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got.Add(1)
				if r.URL.Path != tt.path {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				w.Write(tt.body)
			}))
			// The refused handshakes are the point; keep them out of the log.
			srv.Config.ErrorLog = log.New(io.Discard, "", 0)
			srv.StartTLS()
			defer srv.Close()

			// As the gate builds it: the default client, the system's roots.
			_, err := tt.make(srv.URL, nil).Resolve(t.Context(), tt.ref)
			var te *Error
			if !errors.As(err, &te) || !strings.Contains(te.Hint, "certificate is not trusted") {
				t.Fatalf("untrusted certificate: %v, want an error whose hint names the certificate", err)
			}
			if n := got.Load(); n != 0 {
				t.Fatalf("the server behind an untrusted certificate received %d requests", n)
			}

			// Trusting the certificate, the same server answers.
			if _, err := tt.make(srv.URL, srv.Client()).Resolve(t.Context(), tt.ref); err != nil {
				t.Fatalf("trusted certificate: %v", err)
			}
			if got.Load() == 0 {
				t.Fatal("the trusted server received no request")
			}
		})
	}
}
