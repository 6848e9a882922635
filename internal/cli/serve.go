package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/server"
	"github.com/assure-dev/assure/internal/vuln"
)

func init() { register(newServeCmd) }

type serveFlags struct {
	data, db, addr, cert, key, base, urlFile, sync string
	every                                          time.Duration
}

func newServeCmd(e *env) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "run the security issue management server (web UI, REST API, tracker)",
		Long: `serve runs the security issue management server: private intake of
vulnerability reports, CVSS/STRIDE triage, embargo with its scheduler,
advisories (OSV, CSAF 2.0, a vulnerabilities page), accounts and API tokens,
the tamper-evident audit log, and the change-request tracker that
'assure check --server URL' asks.

It reads the security model (modules, people) and security/issue-management.yaml
from the repository in -C, keeps its audit signing key and (by default) its
SQLite database in --data, and prints the URL it listens on. On first start,
with no account yet, it prints a one-time link to create the first admin;
'assure serve admin create' does the same from the command line.

SIGINT or SIGTERM stop it gracefully.`,
		Example: `  assure serve --data /var/lib/assure
  assure serve --data /var/lib/assure --db postgres://assure@db/assure --addr 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.data, "data", "assure-data", "data `DIR`: the audit signing key and the SQLite database")
	fl.StringVar(&f.db, "db", "", "a PostgreSQL `URL` (postgres://…) instead of SQLite in --data")
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8443", "listen on `HOST:PORT` (port 0 picks a free one)")
	fl.StringVar(&f.cert, "tls-cert", "", "serve HTTPS with this certificate `FILE` (PEM)")
	fl.StringVar(&f.key, "tls-key", "", "the private key `FILE` of --tls-cert")
	fl.StringVar(&f.base, "base-url", "", "the `URL` users reach the server at, when behind a proxy")
	fl.StringVar(&f.urlFile, "url-file", "", "write the server's URL to `FILE` once it listens (for scripts)")
	fl.StringVar(&f.sync, "sqlite-sync", "FULL", "SQLite synchronous `MODE`: FULL (every commit survives power loss) or NORMAL")
	fl.DurationVar(&f.every, "schedule-every", time.Minute, "run the embargo scheduler every `DURATION`")
	cmd.AddCommand(newServeAdminCmd(e), newServeAccountCmd(e))
	return cmd
}

// loadServerModel loads the model and the issue management configuration
// of the repository in -C.
func loadServerModel(ctx context.Context, e *env) (*model.Model, vuln.Config, error) {
	root, err := modelRoot(ctx, e)
	if err != nil {
		return nil, vuln.Config{}, err
	}
	m, err := gate.LoadModel(root, e.modelPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, vuln.Config{}, inputErr(fmt.Errorf("%w (hint: the server needs the security model for its modules and people; run assure init, or use -C)", err))
		}
		return nil, vuln.Config{}, inputErr(err)
	}
	cfg, err := vuln.ReadConfig(filepath.Join(root, vuln.ConfigFile), vuln.ConfigFile)
	if err != nil {
		return nil, vuln.Config{}, inputErr(err)
	}
	if err := cfg.CheckManagers(m); err != nil {
		return nil, vuln.Config{}, inputErr(fmt.Errorf("%s: %w", vuln.ConfigFile, err))
	}
	return m, cfg, nil
}

func runServe(ctx context.Context, e *env, f serveFlags) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if (f.cert == "") != (f.key == "") {
		return usageErr("--tls-cert and --tls-key go together")
	}
	if f.db != "" && !strings.HasPrefix(f.db, "postgres://") && !strings.HasPrefix(f.db, "postgresql://") {
		return usageErr("--db %q: give a postgres:// URL (SQLite lives in --data)", f.db)
	}
	m, cfg, err := loadServerModel(ctx, e)
	if err != nil {
		return err
	}
	server.Version = Version
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = server.Run(ctx, server.RunOptions{DataDir: f.data, DB: f.db, Addr: f.addr, TLSCert: f.cert, TLSKey: f.key, BaseURL: f.base,
		URLFile: f.urlFile, ScheduleEvery: f.every, SQLiteSync: f.sync, Model: m, Vuln: cfg, Out: e.stdout, Log: e.stderr})
	if err != nil {
		return inputErr(err)
	}
	return nil
}

func newServeAdminCmd(e *env) *cobra.Command {
	admin := &cobra.Command{Use: "admin", Short: "create the first admin of a new server from the command line"}
	admin.AddCommand(newAccountCreateCmd(e, true))
	return admin
}

func newServeAccountCmd(e *env) *cobra.Command {
	acc := &cobra.Command{Use: "account", Short: "create accounts from the command line (on the server's machine)"}
	acc.AddCommand(newAccountCreateCmd(e, false))
	return acc
}

// newAccountCreateCmd creates an account directly in the server's data:
// for the first admin (admin create) or for scripted setups (account
// create). It works while the server runs; the audit log records it as
// system:cli.
func newAccountCreateCmd(e *env, admin bool) *cobra.Command {
	var data, db, login, name, person string
	var roles []string
	var stdin bool
	cmd := &cobra.Command{
		Use:   "create",
		Short: "create an account",
		Long: `create makes an account directly in the server's data directory (or its
PostgreSQL database), the command-line alternative to the setup link the server
prints on first start and to the Accounts page. The password is read from the
terminal (twice), or from the first line of standard input with
--password-stdin. The server may be running.`,
		Example: `  assure serve admin create --data /var/lib/assure --login alice --name "Alice Admin"
  assure serve account create --data /var/lib/assure --login sam --role security-team --person sam`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if login == "" {
				return usageErr("--login is required")
			}
			rs := []vuln.Role{}
			if admin {
				rs = append(rs, vuln.RoleAdmin)
			}
			for _, r := range roles {
				rs = append(rs, vuln.Role(r))
			}
			m, _, err := loadServerModel(ctx(cmd), e)
			if err != nil {
				return err
			}
			pw, err := readPassword(e, stdin, true)
			if err != nil {
				return err
			}
			st, _, _, err := server.OpenData(ctx(cmd), data, db, "")
			if err != nil {
				return inputErr(err)
			}
			defer st.Close()
			a, err := server.CreateAccount(ctx(cmd), st, m, "system:cli", server.NewAccount{Login: login, Name: name, Password: pw, Roles: rs, Person: person}, time.Now())
			if err != nil {
				return inputErr(err)
			}
			var names []string
			for _, r := range a.Roles {
				names = append(names, string(r))
			}
			what := "account"
			if admin {
				what = "admin account"
			}
			var about []string
			if len(names) > 0 {
				about = append(about, "roles: "+strings.Join(names, ", "))
			}
			if a.Person != "" {
				about = append(about, "person "+a.Person+" of the model")
			}
			fmt.Fprintf(e.stdout, "created %s %s (%s)\n", what, a.Login, strings.Join(about, "; "))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&data, "data", "assure-data", "the server's data `DIR`")
	fl.StringVar(&db, "db", "", "the server's PostgreSQL `URL`, if it uses one")
	fl.StringVar(&login, "login", "", "the account's `LOGIN`")
	fl.StringVar(&name, "name", "", "the account holder's `NAME`")
	fl.BoolVar(&stdin, "password-stdin", false, "read the password from the first line of standard input")
	if !admin {
		fl.StringSliceVar(&roles, "role", nil, "server `ROLES`: reporter, security-team, security-architect, maintainer, release-manager, admin")
		fl.StringVar(&person, "person", "", "link the account to this `PERSON` of the model (their roles, modules and releases)")
	}
	return cmd
}

// readPassword reads a password from stdin (first line) or, on a
// terminal, asks without echo (twice when confirm, for a new password).
func readPassword(e *env, fromStdin, confirm bool) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && !fromStdin && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", inputErr(err)
		}
		if !confirm {
			return string(a), nil
		}
		fmt.Fprint(e.stderr, "Password again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", inputErr(err)
		}
		if string(a) != string(b) {
			return "", inputErr(errors.New("the passwords differ"))
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", usageErr("no password on standard input (hint: echo \"$PASSWORD\" | assure … --password-stdin)")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
