package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// chromiumPath is Debian's Chromium, which the end-to-end test drives.
const chromiumPath = "/usr/bin/chromium"

// browser starts a headless Chromium with a fresh profile.
func browser(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		t.Fatalf("%s not found: the end-to-end test drives a real browser (hint: apt-get install -y chromium, or run .ci/run)", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1024),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	return ctx, func() { cancelTimeout(); cancelCtx(); cancelAlloc() }
}

// TestBrowserEndToEnd drives the web UI in a real headless Chromium the
// way a new team would: the first admin is created with the setup link,
// the admin creates the accounts, a reporter files a report, the security
// team triages it with the live CVSS calculator and assigns it, the
// maintainer links the fix and submits it, the team records the CVE and
// accepts, and at the end of the embargo the scheduler publishes it. A
// maintainer of another module never sees it. Every step is screenshotted
// (set ASSURE_E2E_SCREENSHOTS=DIR to keep them).
func TestBrowserEndToEnd(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), store.DefaultFile), store.Options{Signer: keys.signer})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clk := &clock{t: t0}
	cfg := testConfig()
	cfg.Embargo.AtEnd = vuln.AtEndPublish
	srv, err := New(Config{Store: st, Model: testModel(), Vuln: cfg, Verifier: keys.verifier, SetupToken: "first-start-token", Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv)
	defer hs.Close()
	base := hs.URL

	shots := os.Getenv("ASSURE_E2E_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	var taken []string
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return chromedp.Void{}, err
			}
			p := filepath.Join(shots, fmt.Sprintf("%02d-%s.png", len(taken)+1, name))
			taken = append(taken, p)
			return chromedp.Void{}, os.WriteFile(p, buf, 0o644)
		}
	}
	bctx, cancel := browser(t)
	defer cancel()
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	// submit clicks a form's button and waits for the page the server
	// answers with, which must not be an error.
	submit := func(step string, button chromedp.Action[chromedp.Void]) {
		t.Helper()
		res, err := chromedp.RunResponse(bctx, button)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if res.Status >= 400 {
			body, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("main")))
			t.Fatalf("%s: %d\n%s", step, res.Status, body)
		}
	}
	// grab reads the page's main text into *into.
	grab := func(into *string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			s, err := chromedp.Text(chromedp.CSS("main"))(ctx, tg)
			*into = s
			return chromedp.Void{}, err
		}
	}
	login := func(who string) {
		t.Helper()
		run("sign in as "+who,
			chromedp.Navigate(base+"/login"),
			chromedp.SendKeys(chromedp.ID("login"), who),
			chromedp.SendKeys(chromedp.ID("password"), testPassword))
		submit("sign in as "+who, chromedp.Click(chromedp.CSS(`form[action="/login"] button`)))
		run("signed in", chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)))
	}
	logout := func() {
		t.Helper()
		submit("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))
	}
	act := func(step, button string, extra ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		run(step, extra...)
		submit(step, chromedp.Click(chromedp.ID(button)))
	}

	// First start: the setup link creates the first admin.
	run("setup",
		chromedp.Navigate(base+"/setup?token=first-start-token"),
		chromedp.SendKeys(chromedp.ID("login"), "alice"),
		chromedp.SendKeys(chromedp.ID("name"), "Alice Admin"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.SendKeys(chromedp.ID("password2"), testPassword),
		shot("setup"))
	submit("setup", chromedp.Click(chromedp.CSS(`form[action="/setup"] button`)))
	login("alice")
	for _, a := range []struct{ login, role, person string }{
		{"rita", "reporter", ""}, {"sam", "security-team", ""}, {"mia", "", "mia"}, {"max", "", "max"},
	} {
		actions := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/admin/accounts"),
			chromedp.SendKeys(chromedp.ID("alogin"), a.login),
			chromedp.SendKeys(chromedp.ID("apassword"), testPassword),
		}
		if a.role != "" {
			actions = append(actions, chromedp.Click(chromedp.CSS(`#new-account input[name=roles][value="`+a.role+`"]`)))
		}
		if a.person != "" {
			actions = append(actions, chromedp.SetValue(chromedp.ID("aperson"), a.person))
		}
		run("create account "+a.login, actions...)
		submit("create account "+a.login, chromedp.Click(chromedp.ID("btn-new-account")))
	}
	run("accounts page", shot("accounts"))
	// The admin sees accounts, not reports.
	run("admin inbox", chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(chromedp.CSS("main")))
	logout()

	// The reporter files.
	login("rita")
	run("file",
		chromedp.Navigate(base+"/reports/new"),
		chromedp.SendKeys(chromedp.ID("title"), "net: overflow in net_pkt_read"),
		chromedp.SendKeys(chromedp.ID("description"), "A packet longer than the MTU overflows the buffer."),
		chromedp.SetValue(chromedp.ID("severity"), "high"),
		shot("file-report"))
	submit("file", chromedp.Click(chromedp.ID("file-report")))
	if s := text("#state"); s != "new" {
		t.Fatalf("filed report in state %q", s)
	}
	reportURL, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	logout()

	// The security team triages with the live calculator and assigns.
	login("sam")
	run("inbox", chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(chromedp.CSS("table.list")), shot("inbox"))
	run("open", chromedp.Navigate(reportURL), chromedp.WaitVisible(chromedp.ID("btn-start-triage")))
	act("start triage", "btn-start-triage")
	run("calculator",
		chromedp.SendKeys(chromedp.ID("cvss"), "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X"),
		chromedp.Poll[chromedp.Void](`document.getElementById("cvss-out").textContent.includes("metric A has value")`, chromedp.WithPollingTimeout(20*time.Second)),
		shot("calculator-invalid"),
		// Set all but the last letter, then type it: the typing is what
		// the calculator listens to.
		chromedp.SetValue(chromedp.ID("cvss"), "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:"),
		chromedp.SendKeys(chromedp.ID("cvss"), "H"),
		chromedp.Poll[chromedp.Void](`document.getElementById("cvss-out").textContent.includes("Score 9.8 (CRITICAL)")`, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Click(chromedp.CSS(`input[name=stride][value=tampering]`)),
		chromedp.Click(chromedp.CSS(`input[name=modules][value=net]`)),
		chromedp.Click(chromedp.CSS(`input[name=releases][value="v4.0"]`)),
		shot("triage"))
	act("save triage", "btn-triage")
	if s := text("#score"); s != "9.8" {
		t.Fatalf("stored score %q", s)
	}
	act("assign", "btn-assign", chromedp.SendKeys(chromedp.ID("assignees"), "mia"))
	if s := text("#state"); s != "assigned" {
		t.Fatalf("after assign: %q", s)
	}
	run("assigned", shot("assigned"))
	logout()

	// Another module's maintainer never sees it.
	login("max")
	var body string
	run("max opens it", chromedp.Navigate(reportURL), grab(&body))
	if strings.Contains(body, "net_pkt_read") {
		t.Fatal("a maintainer of another module sees the report")
	}
	run("max inbox", chromedp.Navigate(base+"/reports"), grab(&body))
	if strings.Contains(body, "net_pkt_read") {
		t.Fatal("the report is in the inbox of a maintainer of another module")
	}
	logout()

	// The maintainer links the fix and submits it.
	login("mia")
	run("mia opens it", chromedp.Navigate(reportURL), chromedp.WaitVisible(chromedp.ID("btn-fix")))
	act("link fix", "btn-fix", chromedp.SendKeys(chromedp.ID("fix-ref"), "0123456789abcdef0123456789abcdef01234567"))
	act("submit", "btn-submit")
	if s := text("#state"); s != "review" {
		t.Fatalf("after submit: %q", s)
	}
	run("review", shot("review"))
	logout()

	// The team records the CVE and accepts; the embargo ends and the
	// scheduler publishes.
	login("sam")
	run("sam opens it", chromedp.Navigate(reportURL), chromedp.WaitVisible(chromedp.ID("btn-cve")))
	act("cve", "btn-cve", chromedp.SendKeys(chromedp.ID("cve-id"), "CVE-2026-10001"))
	act("accept", "btn-accept")
	if s := text("#state"); s != "accepted" {
		t.Fatalf("after accept: %q", s)
	}
	logout()
	clk.Add(90*24*time.Hour + time.Minute)
	if done, err := srv.ScheduleOnce(ctx); err != nil || len(done) != 1 || done[0].Kind != vuln.DuePublish {
		t.Fatalf("scheduler at the end of the embargo: %v, %v", done, err)
	}
	run("public", chromedp.Navigate(reportURL), chromedp.WaitVisible(chromedp.ID("state")), shot("public"))
	if s := text("#state"); s != "public" {
		t.Fatalf("after the embargo: %q", s)
	}
	run("advisories", chromedp.Navigate(base+"/advisories"), grab(&body), shot("advisories"))
	if !strings.Contains(body, "CVE-2026-10001") {
		t.Fatalf("advisories page: %s", body)
	}

	if len(taken) < 8 {
		t.Fatalf("%d screenshots", len(taken))
	}
	for _, p := range taken {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) < 1000 || !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s is not a PNG screenshot (%d bytes)", p, len(b))
		}
	}
}
