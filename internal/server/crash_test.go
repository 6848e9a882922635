package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

const crashChildEnv = "ASSURE_SERVER_CRASH_CHILD" // data dir|db|url file

func TestMain(m *testing.M) {
	if spec := os.Getenv(crashChildEnv); spec != "" {
		parts := strings.SplitN(spec, "|", 3)
		err := Run(context.Background(), RunOptions{DataDir: parts[0], DB: parts[1], URLFile: parts[2], Addr: "127.0.0.1:0",
			Model: testModel(), Vuln: testConfig(), ScheduleEvery: time.Hour})
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Exit(m.Run())
}

// TestKilledServerLosesNothing: a server process killed with SIGKILL in
// the middle of writes keeps every write it acknowledged (reports filed,
// comments added) and the audit record of every view it answered, and its
// audit log still verifies; on both stores.
func TestKilledServerLosesNothing(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			dir := t.TempDir()
			db := ""
			if b.name == "postgres" {
				db = b.target(t)
			}
			ctx := context.Background()
			st, verifier, _, err := OpenData(ctx, dir, db, "")
			if err != nil {
				t.Fatal(err)
			}
			secret := TokenPrefix + newSecret()
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(st.CreateAccount(ctx, &store.Account{ID: "sam", Login: "sam", Roles: []vuln.Role{vuln.RoleSecurityTeam}, Created: t0}))
			must(st.PutToken(ctx, store.Token{Hash: hashSecret(secret), AccountID: "sam", Name: "crash", Scopes: []string{ScopeRead, ScopeWrite}, Created: t0, Expires: time.Now().AddDate(0, 0, 1)}))
			st.Close()

			urlFile := filepath.Join(dir, "url")
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), crashChildEnv+"="+dir+"|"+db+"|"+urlFile)
			cmd.Stderr = os.Stderr
			must(cmd.Start())
			defer cmd.Process.Kill()
			base := ""
			for i := 0; i < 1200 && base == ""; i++ {
				if b, err := os.ReadFile(urlFile); err == nil && strings.HasSuffix(string(b), "\n") {
					base = strings.TrimSpace(string(b))
				}
				time.Sleep(50 * time.Millisecond)
			}
			if base == "" {
				t.Fatal("the server did not start")
			}
			send := func(method, path, body string) (int, string) {
				req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+secret)
				if body != "" {
					req.Header.Set("Content-Type", "application/json")
				}
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					return 0, ""
				}
				defer res.Body.Close()
				b, _ := io.ReadAll(res.Body)
				return res.StatusCode, string(b)
			}
			if st, body := send("POST", "/api/v1/reports", `{"title":"crash target","description":"d"}`); st != 201 {
				t.Fatalf("first report: %d %s", st, body)
			}
			var mu sync.Mutex
			acked := map[string]bool{}
			views := 0
			var wg sync.WaitGroup
			stop := make(chan struct{})
			for w := 0; w < 6; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						body := fmt.Sprintf("w%d-%d", w, i)
						switch i % 3 {
						case 0:
							if st, _ := send("POST", "/api/v1/reports/1/comments", `{"body":"`+body+`"}`); st == 201 {
								mu.Lock()
								acked["comment "+body] = true
								mu.Unlock()
							}
						case 1:
							if st, _ := send("POST", "/api/v1/reports", `{"title":"`+body+`","description":"d"}`); st == 201 {
								mu.Lock()
								acked["report "+body] = true
								mu.Unlock()
							}
						default:
							if st, _ := send("GET", "/api/v1/reports/1", ""); st == 200 {
								mu.Lock()
								views++
								mu.Unlock()
							}
						}
					}
				}()
			}
			// Kill once enough writes were acknowledged, while more are in
			// flight.
			for {
				mu.Lock()
				n := len(acked)
				mu.Unlock()
				if n >= 60 {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			must(cmd.Process.Signal(syscall.SIGKILL))
			cmd.Wait()
			close(stop)
			wg.Wait()

			st, err = store.Open(ctx, map[bool]string{true: db, false: filepath.Join(dir, store.DefaultFile)}[db != ""], store.Options{ReadOnly: true})
			must(err)
			defer st.Close()
			have := map[string]bool{}
			rs, err := st.Reports(ctx, store.Filter{})
			must(err)
			for _, r := range rs {
				have["report "+r.Title] = true
				for _, c := range r.Comments {
					have["comment "+c.Body] = true
				}
			}
			for k := range acked {
				if !have[k] {
					t.Errorf("acknowledged but lost after SIGKILL: %s", k)
				}
			}
			recs, err := st.AuditEntries(ctx, 0, 10000)
			must(err)
			logged := 0
			for _, r := range recs {
				if r.Action == "report.view" {
					logged++
				}
			}
			if logged < views {
				t.Errorf("%d views answered, %d in the audit log", views, logged)
			}
			if _, err := audit.Verify(ctx, st, verifier, audit.VerifyOptions{}); err != nil {
				t.Fatalf("audit log after SIGKILL: %v", err)
			}
			t.Logf("%d acknowledged writes and %d views survived SIGKILL", len(acked), views)
		})
	}
}
