package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/server"
	"github.com/assure-dev/assure/internal/vuln"
)

func init() { register(newVulnCmd) }

// vulnConn is how assure vuln reaches the server: --server or
// ASSURE_SERVER, and ASSURE_TOKEN, else what assure vuln login saved.
type vulnConn struct {
	server string
	json   bool
}

func newVulnCmd(e *env) *cobra.Command {
	var c vulnConn
	cmd := &cobra.Command{
		Use:   "vuln",
		Short: "work with vulnerability reports on an assure server",
		Long: `vuln files, triages, moves and exports vulnerability reports through the API
of an assure server (assure serve). Sign in once with 'assure vuln login'; the
token is kept in ~/.config/assure/credentials.json (mode 0600). ASSURE_SERVER
and ASSURE_TOKEN override it (for CI).

A report is named by its number or its key (ZEPHYR-0012). Exit codes: 0 done,
1 the server refused (not found, not allowed, wrong state, conflict), 2 a
usage or input error (invalid field, bad vector) or the server is unreachable.`,
	}
	cmd.PersistentFlags().StringVar(&c.server, "server", "", "the server's `URL` (default: ASSURE_SERVER, else the one you logged in to)")
	cmd.PersistentFlags().BoolVar(&c.json, "json", false, "print the server's JSON answer")
	for _, sub := range []func(*env, *vulnConn) *cobra.Command{
		newVulnLogin, newVulnLogout, newVulnWhoami, newVulnList, newVulnShow, newVulnFile, newVulnTriage, newVulnAssign,
		newVulnFix, newVulnBackport, newVulnCVE, newVulnComment, newVulnAttach, newVulnReject, newVulnExtend,
		newVulnCollaborator, newVulnExport, newVulnChange,
	} {
		cmd.AddCommand(sub(e, &c))
	}
	for _, t := range []struct{ use, path, short string }{
		{"start-triage", "start-triage", "New → Triage: the security team has seen the report"},
		{"submit", "submit", "Assigned → Review: the linked fix is ready to be judged"},
		{"accept", "accept", "Review → Accepted: the fix is good and the CVE is recorded"},
		{"publish", "publish", "Accepted → Public"},
		{"approve-rejection", "rejection/approve", "approve a proposed rejection (a second member of the security team)"},
		{"withdraw-rejection", "rejection/withdraw", "withdraw a proposed rejection"},
	} {
		cmd.AddCommand(newVulnTransition(e, &c, t.use, t.path, t.short))
	}
	return cmd
}

// client builds the API client from flags, environment and saved
// credentials.
func (c *vulnConn) client(e *env) (*server.Client, error) {
	base, token := c.server, e.getenv("ASSURE_TOKEN")
	if base == "" {
		base = e.getenv("ASSURE_SERVER")
	}
	path, err := server.CredentialsFile(e.getenv)
	if err != nil && (base == "" || token == "") {
		return nil, usageErr("%v", err)
	}
	if path != "" {
		saved, err := server.LoadCredentials(path)
		if err != nil {
			return nil, inputErr(err)
		}
		if base == "" {
			base = saved.Server
		}
		if token == "" && strings.TrimSuffix(saved.Server, "/") == strings.TrimSuffix(base, "/") {
			token = saved.Token
		}
	}
	if base == "" {
		return nil, usageErr("which server? (hint: assure vuln login --server URL, or set ASSURE_SERVER)")
	}
	cl, err := server.NewClient(base, token)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	return cl, nil
}

// apiErr maps the server's answer to an exit code.
func apiErr(err error) error {
	var ae *server.APIError
	if errors.As(err, &ae) && !ae.Input() {
		return &exitError{code: ExitFail, err: err}
	}
	return inputErr(err)
}

// reportPath turns "12" or "ZEPHYR-0012" into the report's API path.
func reportPath(arg string) (string, error) {
	s := arg
	if i := strings.LastIndex(s, "-"); i >= 0 {
		s = s[i+1:]
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return "", usageErr("%q is not a report number or key (like 12 or ZEPHYR-0012)", arg)
	}
	return "/api/v1/reports/" + strconv.FormatInt(id, 10), nil
}

// call runs one request and prints the report it answers.
func (c *vulnConn) call(cmd *cobra.Command, e *env, method, path string, body any) error {
	cl, err := c.client(e)
	if err != nil {
		return err
	}
	var rv server.ReportView
	if err := cl.Do(ctx(cmd), method, path, body, &rv, 0); err != nil {
		return apiErr(err)
	}
	return c.printReport(e, &rv)
}

func (c *vulnConn) printReport(e *env, rv *server.ReportView) error {
	if c.json {
		return printJSON(e, rv)
	}
	w := e.stdout
	fmt.Fprintf(w, "%s  %s\n", rv.Key, rv.Title)
	fmt.Fprintf(w, "  state     %s\n  severity  %s", rv.State, rv.Severity)
	if rv.CVSS != nil {
		fmt.Fprintf(w, " (CVSS %s %.1f %s)", rv.CVSS.Version, rv.CVSS.Score, rv.CVSS.Vector)
	}
	fmt.Fprintln(w)
	if rv.CVE != "" {
		fmt.Fprintf(w, "  cve       %s\n", rv.CVE)
	}
	if len(rv.Stride) > 0 {
		var s []string
		for _, x := range rv.Stride {
			s = append(s, string(x))
		}
		fmt.Fprintf(w, "  stride    %s\n", strings.Join(s, ", "))
	}
	if len(rv.Modules) > 0 {
		fmt.Fprintf(w, "  modules   %s\n", strings.Join(rv.Modules, ", "))
	}
	if len(rv.Releases) > 0 {
		fmt.Fprintf(w, "  releases  %s\n", strings.Join(rv.Releases, ", "))
	}
	if rv.Private {
		fmt.Fprintf(w, "  reporter  %s\n  embargo   ends %s\n", rv.Reporter, rv.Embargo.End.Format("2006-01-02"))
	}
	for _, f := range rv.Fixes {
		fmt.Fprintf(w, "  fix       %s %s %s\n", f.Branch, f.Kind, f.Ref)
	}
	for _, b := range rv.Backports {
		fmt.Fprintf(w, "  backport  %s %s", b.Branch, b.Status)
		if b.FixedIn != "" {
			fmt.Fprintf(w, " in %s", b.FixedIn)
		}
		fmt.Fprintln(w)
	}
	if rv.Private {
		fmt.Fprintf(w, "  comments  %d, attachments %d, history %d events\n", len(rv.Comments), len(rv.Attachments), len(rv.History))
	}
	var acts []string
	for _, a := range rv.Allowed {
		acts = append(acts, string(a))
	}
	fmt.Fprintf(w, "  you may   %s\n", strings.Join(acts, ", "))
	return nil
}

func printJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func newVulnLogin(e *env, c *vulnConn) *cobra.Command {
	var login, name string
	var stdin bool
	var days int
	cmd := &cobra.Command{
		Use:   "login",
		Short: "sign in and save an API token for the other vuln commands",
		Long: `login exchanges your login and password for an API token (scopes read and
write) and saves it with the server's URL in ~/.config/assure/credentials.json
(mode 0600). The password is asked on the terminal, or read from standard
input with --password-stdin. Failed sign-ins are rate limited and audited.`,
		Example: `  assure vuln login --server https://assure.example.com --login alice`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if login == "" {
				return usageErr("--login is required")
			}
			base := c.server
			if base == "" {
				base = e.getenv("ASSURE_SERVER")
			}
			if base == "" {
				return usageErr("--server is required (hint: the URL assure serve printed)")
			}
			cl, err := server.NewClient(base, "")
			if err != nil {
				return usageErr("%v", err)
			}
			pw, err := readPassword(e, stdin, false)
			if err != nil {
				return err
			}
			var tk server.NewToken
			if err := cl.Do(ctx(cmd), "POST", "/api/v1/login", server.LoginRequest{Login: login, Password: pw, Name: name, Days: days}, &tk, 0); err != nil {
				return apiErr(err)
			}
			path, err := server.CredentialsFile(e.getenv)
			if err != nil {
				return usageErr("%v", err)
			}
			if err := server.SaveCredentials(path, server.Credentials{Server: cl.Base, Login: login, Token: tk.Token, Expires: tk.Expires}); err != nil {
				return inputErr(err)
			}
			fmt.Fprintf(e.stdout, "signed in to %s as %s; token saved in %s (expires %s)\n", cl.Base, login, path, tk.Expires.Format("2006-01-02"))
			return nil
		},
	}
	cmd.Flags().StringVar(&login, "login", "", "your `LOGIN`")
	cmd.Flags().StringVar(&name, "token-name", "assure vuln login", "the token's `NAME` on the Tokens page")
	cmd.Flags().IntVar(&days, "days", 30, "the token's lifetime in `DAYS` (1-365)")
	cmd.Flags().BoolVar(&stdin, "password-stdin", false, "read the password from the first line of standard input")
	return cmd
}

func newVulnLogout(e *env, c *vulnConn) *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "revoke the saved token and forget it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := server.CredentialsFile(e.getenv)
			if err != nil {
				return usageErr("%v", err)
			}
			saved, err := server.LoadCredentials(path)
			if err != nil {
				return inputErr(err)
			}
			if saved.Token == "" {
				fmt.Fprintln(e.stdout, "not signed in")
				return nil
			}
			cl, err := server.NewClient(saved.Server, saved.Token)
			if err != nil {
				return usageErr("%v", err)
			}
			// A token the server refuses (401) is dead already; any other
			// failure leaves it valid there, which the user must know.
			var me server.Me
			err = cl.Do(ctx(cmd), "GET", "/api/v1/me", nil, &me, 0)
			if err == nil {
				err = cl.Do(ctx(cmd), "DELETE", "/api/v1/tokens/"+tokenID(saved.Token), nil, nil, 0)
			}
			if ae := (*server.APIError)(nil); err != nil && !(errors.As(err, &ae) && ae.Status == http.StatusUnauthorized) {
				fmt.Fprintf(e.stderr, "assure: warning: the token was not revoked, so it stays valid until it expires or is revoked at %s/account/tokens: %v\n", strings.TrimRight(saved.Server, "/"), err)
			}
			if err := os.Remove(path); err != nil {
				return inputErr(err)
			}
			fmt.Fprintf(e.stdout, "signed out of %s\n", saved.Server)
			return nil
		},
	}
}

func newVulnWhoami(e *env, c *vulnConn) *cobra.Command {
	return &cobra.Command{
		Use:   "whoami",
		Short: "show the account and roles the server sees",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cl, err := c.client(e)
			if err != nil {
				return err
			}
			var me server.Me
			if err := cl.Do(ctx(cmd), "GET", "/api/v1/me", nil, &me, 0); err != nil {
				return apiErr(err)
			}
			if c.json {
				return printJSON(e, me)
			}
			var roles []string
			for _, r := range me.Actor.Roles {
				roles = append(roles, string(r))
			}
			fmt.Fprintf(e.stdout, "%s on %s: roles %s", me.Account.Login, cl.Base, strings.Join(roles, ", "))
			if len(me.Actor.Modules) > 0 {
				fmt.Fprintf(e.stdout, "; maintains %s", strings.Join(me.Actor.Modules, ", "))
			}
			fmt.Fprintln(e.stdout)
			return nil
		},
	}
}

func newVulnList(e *env, c *vulnConn) *cobra.Command {
	var state, severity, module, reporter string
	var ending, limit int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "list the reports you may see",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cl, err := c.client(e)
			if err != nil {
				return err
			}
			q := []string{}
			add := func(k, v string) {
				if v != "" {
					q = append(q, k+"="+v)
				}
			}
			add("state", state)
			add("severity", severity)
			add("module", module)
			add("reporter", reporter)
			if ending > 0 {
				add("ending_within", strconv.Itoa(ending))
			}
			if limit > 0 {
				add("limit", strconv.Itoa(limit))
			}
			path := "/api/v1/reports"
			if len(q) > 0 {
				path += "?" + strings.Join(q, "&")
			}
			var l server.ReportList
			if err := cl.Do(ctx(cmd), "GET", path, nil, &l, 0); err != nil {
				return apiErr(err)
			}
			if c.json {
				return printJSON(e, l)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tSTATE\tSEVERITY\tSCORE\tEMBARGO ENDS\tTITLE")
			for _, r := range l.Reports {
				score := "-"
				if r.Score != nil {
					score = strconv.FormatFloat(*r.Score, 'f', 1, 64)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Key, r.State, r.Severity, score, r.EmbargoEnd.Format("2006-01-02"), r.Title)
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&state, "state", "", "only these `STATES` (comma-separated)")
	fl.StringVar(&severity, "severity", "", "only this `SEVERITY`")
	fl.StringVar(&module, "module", "", "only reports affecting `MODULE`")
	fl.StringVar(&reporter, "reporter", "", "only reports filed by `ACCOUNT`")
	fl.IntVar(&ending, "ending-within", 0, "only open reports whose embargo ends within `DAYS`")
	fl.IntVar(&limit, "limit", 0, "at most `N` reports (1-200)")
	return cmd
}

func newVulnShow(e *env, c *vulnConn) *cobra.Command {
	return &cobra.Command{
		Use:   "show REPORT",
		Short: "show one report",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			return c.call(cmd, e, "GET", p, nil)
		},
	}
}

func newVulnFile(e *env, c *vulnConn) *cobra.Command {
	var in vuln.Intake
	var descFile, sev string
	cmd := &cobra.Command{
		Use:     "file",
		Short:   "file a new report (private until published)",
		Example: `  assure vuln file --title "net: overflow in net_pkt_read" --description-file report.md --severity high`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if descFile != "" {
				b, err := readArgFile(e, descFile)
				if err != nil {
					return err
				}
				in.Description = string(b)
			}
			in.Severity = vuln.Severity(sev)
			return c.call(cmd, e, "POST", "/api/v1/reports", in)
		},
	}
	cmd.Flags().StringVar(&in.Title, "title", "", "one-line `TITLE`")
	cmd.Flags().StringVar(&in.Description, "description", "", "the `TEXT`: what is vulnerable, how to reproduce, what an attacker gains")
	cmd.Flags().StringVar(&descFile, "description-file", "", "read the description from `FILE` (- for standard input)")
	cmd.Flags().StringVar(&sev, "severity", "", "your `SEVERITY`: low, medium, high, critical")
	return cmd
}

func readArgFile(e *env, name string) ([]byte, error) {
	b, err := readNamedFile(e, name)
	if err != nil {
		return nil, inputErr(err)
	}
	return b, nil
}

// readNamedFile reads a file the user named on the command line (or git
// named to a hook): - is standard input, a relative name is relative to -C.
// Reading what the user names is the point, so the commands share this one
// place that does it.
func readNamedFile(e *env, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(e.stdin)
	}
	if !filepath.IsAbs(name) {
		name = filepath.Join(e.dir, name)
	}
	// assure: waive W-0017 -- the file the user names
	return os.ReadFile(name)
}

func newVulnTransition(e *env, c *vulnConn, use, path, short string) *cobra.Command {
	return &cobra.Command{
		Use:   use + " REPORT",
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			return c.call(cmd, e, "POST", p+"/"+path, nil)
		},
	}
}

func newVulnTriage(e *env, c *vulnConn) *cobra.Command {
	var cvss, workaround string
	var stride, modules, releases []string
	cmd := &cobra.Command{
		Use:     "triage REPORT",
		Short:   "record CVSS, STRIDE, affected modules and releases, workaround (security team)",
		Example: `  assure vuln triage 12 --cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H --stride T,I --module net --release v3.7`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			var t vuln.Triage
			fl := cmd.Flags()
			if fl.Changed("cvss") {
				t.CVSS = &cvss
			}
			for _, s := range stride {
				t.Stride = append(t.Stride, vuln.Stride(s))
			}
			if fl.Changed("module") {
				t.Modules = modules
			}
			if fl.Changed("release") {
				t.Releases = releases
			}
			if fl.Changed("workaround") {
				t.Workaround = &workaround
			}
			return c.call(cmd, e, "POST", p+"/triage", t)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&cvss, "cvss", "", "a CVSS v3.1 or v4.0 `VECTOR`")
	fl.StringSliceVar(&stride, "stride", nil, "STRIDE `CATEGORIES` (names or letters S,T,R,I,D,E)")
	fl.StringSliceVar(&modules, "module", nil, "affected `MODULE` ids of the model (repeatable)")
	fl.StringSliceVar(&releases, "release", nil, "affected `RELEASE` names (repeatable)")
	fl.StringVar(&workaround, "workaround", "", "immediate mitigation `TEXT`")
	return cmd
}

func newVulnAssign(e *env, c *vulnConn) *cobra.Command {
	var to []string
	cmd := &cobra.Command{
		Use:   "assign REPORT",
		Short: "Triage/Review → Assigned (security team)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			return c.call(cmd, e, "POST", p+"/assign", server.AssignRequest{Assignees: to})
		},
	}
	cmd.Flags().StringSliceVar(&to, "to", nil, "assignee `ACCOUNTS` (default: the maintainers of the affected modules)")
	return cmd
}

func newVulnFix(e *env, c *vulnConn) *cobra.Command {
	var in server.FixRequest
	var commit, pull string
	cmd := &cobra.Command{
		Use:     "fix REPORT",
		Short:   "link a fix commit or pull request for a branch",
		Example: `  assure vuln fix 12 --branch main --commit 1a2b3c4d5e6f`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			switch {
			case (commit == "") == (pull == ""):
				return usageErr("give exactly one of --commit and --pull")
			case commit != "":
				in.Kind, in.Ref = vuln.FixCommit, commit
			default:
				in.Kind, in.Ref = vuln.FixPull, pull
			}
			return c.call(cmd, e, "POST", p+"/fixes", in)
		},
	}
	cmd.Flags().StringVar(&in.Branch, "branch", "main", "the `BRANCH` fixed")
	cmd.Flags().StringVar(&commit, "commit", "", "the fix `COMMIT` id")
	cmd.Flags().StringVar(&pull, "pull", "", "the fix pull request `NUMBER`")
	cmd.Flags().StringVar(&in.URL, "url", "", "where to see it")
	return cmd
}

func newVulnBackport(e *env, c *vulnConn) *cobra.Command {
	var in vuln.BackportUpdate
	var status string
	cmd := &cobra.Command{
		Use:   "backport REPORT",
		Short: "set the backport status of a maintained branch",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			in.Status = vuln.BackportStatus(status)
			return c.call(cmd, e, "POST", p+"/backports", in)
		},
	}
	cmd.Flags().StringVar(&in.Branch, "branch", "", "the maintained `BRANCH`")
	cmd.Flags().StringVar(&status, "status", "", "needed, in-progress, fixed, not-affected or wont-fix")
	cmd.Flags().StringVar(&in.FixedIn, "fixed-in", "", "the `RELEASE` that ships the fix (status fixed)")
	cmd.Flags().StringVar(&in.Ref, "ref", "", "the backport commit or pull request")
	return cmd
}

func newVulnCVE(e *env, c *vulnConn) *cobra.Command {
	return &cobra.Command{
		Use:   "cve REPORT CVE-ID",
		Short: "record the CVE id (security team)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			return c.call(cmd, e, "POST", p+"/cve", server.CVERequest{CVE: args[1]})
		},
	}
}

func newVulnComment(e *env, c *vulnConn) *cobra.Command {
	return &cobra.Command{
		Use:   "comment REPORT TEXT",
		Short: "add a comment",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			return c.call(cmd, e, "POST", p+"/comments", server.CommentRequest{Body: args[1]})
		},
	}
}

func newVulnAttach(e *env, c *vulnConn) *cobra.Command {
	var mediaType string
	cmd := &cobra.Command{
		Use:   "attach REPORT FILE",
		Short: "attach a file (size limited by the server's configuration)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			b, err := readArgFile(e, args[1])
			if err != nil {
				return err
			}
			cl, err := c.client(e)
			if err != nil {
				return err
			}
			mt := mediaType
			if mt == "" {
				if mt = mime.TypeByExtension(filepath.Ext(args[1])); mt == "" {
					mt = "application/octet-stream"
				}
			}
			out, _, err := cl.Raw(ctx(cmd), "POST", p+"/attachments?name="+urlQuery(filepath.Base(args[1])), strings.NewReader(string(b)), mt, nil)
			if err != nil {
				return apiErr(err)
			}
			var att vuln.Attachment
			if err := json.Unmarshal(out, &att); err != nil {
				return inputErr(err)
			}
			if c.json {
				return printJSON(e, att)
			}
			fmt.Fprintf(e.stdout, "attached %s as attachment %s (%d bytes, sha256 %s)\n", att.Name, att.ID, att.Size, att.SHA256)
			return nil
		},
	}
	cmd.Flags().StringVar(&mediaType, "type", "", "the file's media `TYPE` (default: from its extension)")
	return cmd
}

func newVulnReject(e *env, c *vulnConn) *cobra.Command {
	var in server.RejectRequest
	var reason string
	cmd := &cobra.Command{
		Use:   "reject REPORT",
		Short: "propose a rejection with a CVE-criteria reason (a second team member approves)",
		Long: `reject proposes to reject the report for one of the CVE-criteria reasons:
no-exploitability, application-level, hardware-attack, privileged-access,
theoretical, insufficient-information. Another member of the security team
must then run 'assure vuln approve-rejection REPORT'.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			in.Reason = vuln.RejectReason(reason)
			return c.call(cmd, e, "POST", p+"/rejection", in)
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "the CVE-criteria `REASON`")
	cmd.Flags().StringVar(&in.Note, "note", "", "why, in a sentence")
	return cmd
}

func newVulnExtend(e *env, c *vulnConn) *cobra.Command {
	var in server.EmbargoRequest
	cmd := &cobra.Command{
		Use:   "extend REPORT",
		Short: "extend the embargo, with a reason (security team)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			return c.call(cmd, e, "POST", p+"/embargo", in)
		},
	}
	cmd.Flags().IntVar(&in.Days, "days", 0, "extend by `DAYS`")
	cmd.Flags().StringVar(&in.Reason, "reason", "", "why (recorded with the extension)")
	return cmd
}

func newVulnCollaborator(e *env, c *vulnConn) *cobra.Command {
	return &cobra.Command{
		Use:   "collaborator REPORT ACCOUNT",
		Short: "let one more account see and discuss the report (security team)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := reportPath(args[0])
			if err != nil {
				return err
			}
			return c.call(cmd, e, "POST", p+"/collaborators", server.CollaboratorRequest{Account: args[1]})
		},
	}
}

func newVulnExport(e *env, c *vulnConn) *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "export [REPORT]",
		Short: "export a report as OSV or CSAF 2.0, or the vulnerabilities page (Markdown)",
		Example: `  assure vuln export 12 --format osv -o ZEPHYR-0012.osv.json
  assure vuln export --format page -o vulnerabilities.md`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var path string
			switch format {
			case "osv", "csaf":
				if len(args) != 1 {
					return usageErr("export --format %s needs a REPORT", format)
				}
				p, err := reportPath(args[0])
				if err != nil {
					return err
				}
				path = p + "/" + format
			case "page":
				if len(args) != 0 {
					return usageErr("export --format page takes no REPORT: it lists every public report")
				}
				path = "/api/v1/advisories.md"
			default:
				return usageErr("--format %q: use osv, csaf or page", format)
			}
			cl, err := c.client(e)
			if err != nil {
				return err
			}
			b, _, err := cl.Raw(ctx(cmd), "GET", path, nil, "", nil)
			if err != nil {
				return apiErr(err)
			}
			if output == "" {
				_, err = e.stdout.Write(b)
				return err
			}
			if !filepath.IsAbs(output) {
				output = filepath.Join(e.dir, output)
			}
			if err := os.WriteFile(output, b, 0o600); err != nil {
				return inputErr(err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "osv", "osv, csaf or page")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}
