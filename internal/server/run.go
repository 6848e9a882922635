package server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

// RunOptions configure Run: where the data is, where to listen, and the
// project's model and configuration.
type RunOptions struct {
	// DataDir holds the audit signing key (audit.key, audit.pub) and, unless
	// DB names a PostgreSQL database, the SQLite database.
	DataDir string
	// DB is a postgres:// URL; "" is DataDir/assure.db.
	DB string
	// Addr is the address to listen on (host:port; port 0 picks one).
	Addr string
	// TLSCert and TLSKey serve HTTPS; cookies are then Secure (also when
	// BaseURL is https: TLS at a proxy).
	TLSCert, TLSKey string
	// BaseURL is where users reach the server when it sits behind a proxy.
	BaseURL string
	// URLFile, when set, receives the server's URL once it listens.
	URLFile string
	// ScheduleEvery is how often the embargo scheduler runs (default 1m).
	ScheduleEvery time.Duration
	// SQLiteSync is SQLite's synchronous setting (FULL by default).
	SQLiteSync string
	Model      *model.Model
	Vuln       vuln.Config
	// Out gets the startup lines (URL, first-admin instructions); Log the
	// server's log.
	Out, Log io.Writer
}

// OpenData opens (creating them on first use) the data directory's audit
// key and the store.
func OpenData(ctx context.Context, dataDir, db, sqliteSync string) (store.Store, note.Verifier, string, error) {
	if dataDir == "" {
		return nil, nil, "", errors.New("no data directory (hint: --data DIR)")
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, nil, "", err
	}
	signer, vkey, err := audit.LoadOrCreateKey(dataDir, "assure-audit")
	if err != nil {
		return nil, nil, "", err
	}
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, nil, "", err
	}
	target := db
	if target == "" {
		target = filepath.Join(dataDir, store.DefaultFile)
	}
	st, err := store.Open(ctx, target, store.Options{Signer: signer, SQLiteSync: sqliteSync})
	if err != nil {
		return nil, nil, "", err
	}
	return st, verifier, target, nil
}

// secureOrigin says whether browsers reach the server over TLS: it serves
// TLS itself, or users reach it at an https address (TLS at a proxy). Then
// its cookies are Secure with the __Host- prefix and it sends HSTS; behind
// an https proxy, a cookie without Secure would also go out over plain
// http to the same host.
func secureOrigin(o RunOptions) bool {
	return o.TLSCert != "" || strings.HasPrefix(strings.ToLower(o.BaseURL), "https://")
}

// Run serves until ctx ends, then shuts down gracefully: in-flight
// requests finish, the audit batcher drains, the store closes.
func Run(ctx context.Context, o RunOptions) error {
	st, verifier, target, err := OpenData(ctx, o.DataDir, o.DB, o.SQLiteSync)
	if err != nil {
		return err
	}
	defer st.Close()
	setup := ""
	if none, err := NoAccounts(ctx, st); err != nil {
		return err
	} else if none {
		setup = newSecret()
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	tlsOn := o.TLSCert != ""
	srv, err := New(Config{Store: st, Model: o.Model, Vuln: o.Vuln, Verifier: verifier, BaseURL: o.BaseURL, Secure: secureOrigin(o),
		SetupToken: setup, Log: o.Log})
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (hint: choose another --addr)", o.Addr, err)
	}
	scheme := "http"
	if tlsOn {
		scheme = "https"
	}
	u := scheme + "://" + ln.Addr().String()
	if o.BaseURL != "" {
		u = o.BaseURL
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, WriteTimeout: 2 * time.Minute,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10, ErrorLog: srv.log}
	if tlsOn {
		cert, err := tls.LoadX509KeyPair(o.TLSCert, o.TLSKey)
		if err != nil {
			_ = ln.Close() // err is the failure to report
			return fmt.Errorf("TLS certificate: %w", err)
		}
		hs.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, hs.TLSConfig)
	}
	fmt.Fprintf(o.Out, "assure serve: listening on %s/ (store: %s %s)\n", u, st.Kind(), redact(target))
	if setup != "" {
		fmt.Fprintf(o.Out, "No account exists yet. Create the first admin at:\n  %s/setup?token=%s\nor run: assure serve admin create --data %s --login NAME\n", u, setup, o.DataDir)
	}
	if o.URLFile != "" {
		if err := os.WriteFile(o.URLFile, []byte(u+"\n"), 0o600); err != nil {
			_ = ln.Close() // err is the failure to report
			return err
		}
	}
	every := o.ScheduleEvery
	if every <= 0 {
		every = time.Minute
	}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	go srv.RunScheduler(sctx, every)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err = hs.Shutdown(shut)
	fmt.Fprintf(o.Out, "assure serve: stopped\n")
	return err
}

// redact hides a database URL's password in what is printed.
func redact(target string) string {
	if !store.IsPostgres(target) {
		return target
	}
	u, err := url.Parse(target)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxx")
	}
	return u.String()
}
