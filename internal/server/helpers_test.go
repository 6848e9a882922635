package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// PostgresEnv names the DSN of the PostgreSQL server the tests use;
// .ci/deps.d/postgres.sh starts one and exports it.
const PostgresEnv = "ASSURE_TEST_POSTGRES"

// backends are the stores every HTTP test runs against.
func backends() []struct {
	name   string
	target func(t *testing.T) string
} {
	return []struct {
		name   string
		target func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), store.DefaultFile) }},
		{"postgres", postgresTarget},
	}
}

// postgresTarget makes a schema of its own for one test and returns a DSN
// whose search_path points at it.
func postgresTarget(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		t.Fatalf("%s is not set: the server tests need a PostgreSQL server (hint: run .ci/run, or `. .ci/deps.d/postgres.sh` to start one and export it)", PostgresEnv)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "srv_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("%s: %v (hint: run .ci/run, or `. .ci/deps.d/postgres.sh`)", PostgresEnv, err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", dsn); err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	u, _ := url.Parse(dsn)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var keys struct {
	signer   note.Signer
	verifier note.Verifier
}

func init() {
	skey, vkey, err := note.GenerateKey(rand.Reader, "assure-test")
	if err != nil {
		panic(err)
	}
	keys.signer, _ = note.NewSigner(skey)
	keys.verifier, _ = note.NewVerifier(vkey)
}

// clock is the server's time in tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// testModel: modules net and kernel; mia maintains net, max kernel, ada is
// the security architect of net; rob and ron manage releases v4.0 and v3.7.
func testModel() *model.Model {
	m := &model.Model{
		Project: model.Project{Name: "Demo RTOS"},
		People: []model.Person{
			{ID: "mia", Name: "Mia", GitHub: "mia-gh", Roles: []string{model.RoleMaintainer}},
			{ID: "max", Name: "Max", Roles: []string{model.RoleMaintainer}},
			{ID: "ada", Name: "Ada", Roles: []string{model.RoleSecurityArchitect}},
			{ID: "rob", Name: "Rob", Roles: []string{model.RoleReleaseManager}},
			{ID: "ron", Name: "Ron", Roles: []string{model.RoleReleaseManager}},
		},
		Modules: []model.Module{
			{ID: "net", Paths: []string{"subsys/net/**"}, Maintainers: []string{"mia"}, SecurityArchitect: "ada"},
			{ID: "kernel", Paths: []string{"kernel/**"}, Maintainers: []string{"max"}},
		},
	}
	m.Reindex()
	return m
}

func testConfig() vuln.Config {
	return vuln.Config{
		Prefix:     "DEMO",
		Repository: "https://github.com/demo/rtos",
		Publisher:  vuln.Publisher{Name: "Demo Security Team", Namespace: "https://demo.example"},
		Releases: []vuln.Release{
			{Name: "v3.7", Branch: "v3.7-branch", Maintained: true, LTS: true, Managers: []string{"ron"}},
			{Name: "v4.0", Branch: "v4.0-branch", Maintained: true, Managers: []string{"rob"}},
		},
	}
}

// principals are the accounts of the tests: the names access.txt uses.
var principals = []struct {
	name, id string
	roles    []vuln.Role
	person   string
}{
	{"reporter", "rita", []vuln.Role{vuln.RoleReporter}, ""},
	{"other", "otto", []vuln.Role{vuln.RoleReporter}, ""},
	{"collab", "cora", []vuln.Role{vuln.RoleReporter}, ""},
	{"maint", "mia", nil, "mia"},
	{"maint-other", "max", nil, "max"},
	{"rm", "rob", nil, "rob"},
	{"rm-other", "ron", nil, "ron"},
	{"architect", "ada", nil, "ada"},
	{"team", "sam", []vuln.Role{vuln.RoleSecurityTeam}, ""},
	{"team2", "tess", []vuln.Role{vuln.RoleSecurityTeam}, ""},
	{"admin", "adm", []vuln.Role{vuln.RoleAdmin}, ""},
}

const testPassword = "correct horse battery staple"

var testHash = func() string {
	h, err := HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
}()

// fixture is a running server over a fresh store with every principal's
// account and an all-scopes token.
type fixture struct {
	t      *testing.T
	srv    *Server
	http   *httptest.Server
	st     store.Store
	target string
	clock  *clock
	tokens map[string]string
	ids    map[string]string
}

func newFixture(t *testing.T, target string, tweak ...func(*Config)) *fixture {
	return newFixtureSync(t, target, false, tweak...)
}

// newFixtureSync with fast set trades durability for speed (SQLite
// synchronous=NORMAL, PostgreSQL synchronous_commit=off), for tests that
// write a lot and are not about durability.
func newFixtureSync(t *testing.T, target string, fast bool, tweak ...func(*Config)) *fixture {
	t.Helper()
	ctx := context.Background()
	opt := store.Options{Signer: keys.signer}
	if fast {
		opt.SQLiteSync = "NORMAL"
		if store.IsPostgres(target) {
			target += "&synchronous_commit=off"
		}
	}
	st, err := store.Open(ctx, target, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{t: t, st: st, target: target, clock: &clock{t: t0}, tokens: map[string]string{}, ids: map[string]string{"anon": ""}}
	for _, p := range principals {
		a := &store.Account{ID: p.id, Login: p.id, Name: p.name, PasswordHash: testHash, Roles: p.roles, Person: p.person, Created: t0}
		if err := st.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		scopes := []string{ScopeRead, ScopeWrite}
		if p.name == "admin" {
			scopes = append(scopes, ScopeAdmin)
		}
		secret := TokenPrefix + newSecret()
		if err := st.PutToken(ctx, store.Token{Hash: hashSecret(secret), AccountID: p.id, Name: "test", Scopes: scopes, Created: t0, Expires: t0.AddDate(1, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		f.tokens[p.name], f.ids[p.name] = secret, p.id
	}
	cfg := Config{Store: st, Model: testModel(), Vuln: testConfig(), Verifier: keys.verifier, Now: f.clock.Now, Log: io.Discard}
	for _, tw := range tweak {
		tw(&cfg)
	}
	f.srv, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.http = httptest.NewServer(f.srv)
	t.Cleanup(func() { f.http.Close(); f.srv.Close() })
	return f
}

// each runs fn once per store, each on a fresh fixture.
func each(t *testing.T, fn func(t *testing.T, f *fixture), tweak ...func(*Config)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { fn(t, newFixture(t, b.target(t), tweak...)) })
	}
}

// eachFast is each on fixtures that do not sync every commit.
func eachFast(t *testing.T, fn func(t *testing.T, f *fixture), tweak ...func(*Config)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { fn(t, newFixtureSync(t, b.target(t), true, tweak...)) })
	}
}

// resp is an answer of the server.
type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("answer %d is not JSON: %v\n%s", r.status, err, r.body)
	}
}

func (r resp) errCode(t *testing.T) apiError {
	t.Helper()
	var e apiError
	r.json(t, &e)
	return e
}

// do sends a request as principal who ("anon" for none). body may be a
// string (sent as given), []byte, or a value marshalled as JSON; JSON
// bodies get Content-Type application/json unless hdr says otherwise.
func (f *fixture) do(method, path, who string, body any, hdr ...string) resp {
	f.t.Helper()
	var rd io.Reader
	isJSON := false
	switch b := body.(type) {
	case nil:
	case string:
		rd, isJSON = strings.NewReader(b), true
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		rd, isJSON = bytes.NewReader(j), true
	}
	req, err := http.NewRequest(method, f.http.URL+path, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	if isJSON {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	if tok := f.tokens[who]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: b}
}

// must sends a request that must answer want.
func (f *fixture) must(want int, method, path, who string, body any, hdr ...string) resp {
	f.t.Helper()
	r := f.do(method, path, who, body, hdr...)
	if r.status != want {
		f.t.Fatalf("%s %s as %s: %d, want %d\n%s", method, path, who, r.status, want, r.body)
	}
	return r
}

// actor is the vuln actor of a principal, as the server sees it.
func (f *fixture) actor(who string) vuln.Actor {
	a, err := f.st.Account(context.Background(), f.ids[who])
	if err != nil {
		f.t.Fatal(err)
	}
	return f.srv.actorFor(a)
}

// reportIn stores a report brought to the named state by the operations
// a real report goes through (the states of vuln's access.txt): filed by
// the reporter with cora as collaborator, affecting net and v4.0.
func (f *fixture) reportIn(state string) *vuln.Report {
	f.t.Helper()
	ctx := context.Background()
	ok := func(err error) {
		f.t.Helper()
		if err != nil {
			f.t.Fatal(err)
		}
	}
	team, team2 := f.actor("team"), f.actor("team2")
	now := f.clock.Now()
	r, err := vuln.New(f.actor("reporter"), vuln.Intake{Title: "overflow in net_pkt", Description: "a long packet overflows the buffer", Severity: vuln.SeverityHigh}, f.srv.cfg.Vuln, now)
	ok(err)
	ok(f.st.CreateReport(ctx, r, store.Extra{}))
	step := func(fn func() error) {
		f.t.Helper()
		ok(fn())
		ok(f.st.UpdateReport(ctx, r, store.Extra{}))
	}
	step(func() error { return r.AddCollaborator(team, "cora", now) })
	if state == "new" {
		return r
	}
	env := f.srv.env()
	v := "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
	step(func() error { return r.StartTriage(team, now) })
	step(func() error {
		return r.Triage(team, vuln.Triage{CVSS: &v, Stride: []vuln.Stride{vuln.Tampering}, Modules: []string{"net"}, Releases: []string{"v4.0"}}, env, now)
	})
	switch state {
	case "triage":
		return r
	case "triage-pending":
		step(func() error { return r.ProposeRejection(team, vuln.RejectTheoretical, "", now) })
		return r
	}
	step(func() error { return r.Assign(team, nil, now) })
	if state == "assigned" {
		return r
	}
	step(func() error {
		return r.LinkFix(team, vuln.Fix{Branch: "main", Kind: vuln.FixCommit, Ref: "0123456789abcdef0123456789abcdef01234567"}, env, now)
	})
	step(func() error { return r.Submit(team, now) })
	switch state {
	case "review":
		return r
	case "rejected":
		step(func() error { return r.ProposeRejection(team, vuln.RejectTheoretical, "", now) })
		step(func() error { return r.ApproveRejection(team2, now) })
		return r
	}
	step(func() error { return r.SetCVE(team, "CVE-2026-1234", now) })
	step(func() error { return r.Accept(team, now) })
	if state == "accepted" {
		return r
	}
	step(func() error { return r.Publish(team, now) })
	if state != "public" {
		f.t.Fatalf("reportIn: unknown state %q", state)
	}
	return r
}
