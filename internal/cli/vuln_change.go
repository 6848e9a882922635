package cli

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/server"
)

// newVulnChange: the server is also the gate's tracker; these commands
// record change requests and review votes on it (usually from CI).
func newVulnChange(e *env, c *vulnConn) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "change",
		Short: "record change requests and review votes for 'assure check --server'",
	}
	var in server.ChangeRequest
	set := &cobra.Command{
		Use:     "set KEY",
		Short:   "record a change request or its new state (maintainers, security team)",
		Example: `  assure vuln change set CR-12 --title "net: bound the packet length" --state open --pull 12 --head $(git rev-parse HEAD)`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.change(cmd, e, "PUT", "/api/v1/changes/"+url.PathEscape(args[0]), in)
		},
	}
	set.Flags().StringVar(&in.Title, "title", "", "one-line `TITLE`")
	set.Flags().StringVar(&in.State, "state", "open", "the `STATE` the gate's tracker.states name (open, approved, merged …)")
	set.Flags().Int64Var(&in.Pull, "pull", 0, "the pull-request `NUMBER` reviews are exported under")
	set.Flags().StringVar(&in.Head, "head", "", "the pull request's head `COMMIT` (full id)")
	set.Flags().StringSliceVar(&in.Commits, "commit", nil, "the `COMMITS` it lands (full ids, repeatable)")
	set.Flags().StringVar(&in.URL, "url", "", "where to see it")
	var vote server.VoteRequest
	voteCmd := &cobra.Command{
		Use:   "vote KEY",
		Short: "a review vote on a commit of the change request (maintainers, architects, security team)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.change(cmd, e, "POST", "/api/v1/changes/"+url.PathEscape(args[0])+"/votes", vote)
		},
	}
	voteCmd.Flags().StringVar(&vote.Commit, "commit", "", "the reviewed `COMMIT` (full id)")
	voteCmd.Flags().StringVar(&vote.Vote, "vote", "approve", "approve, reject or dismiss")
	show := &cobra.Command{
		Use:   "show KEY",
		Short: "show a change request as the gate sees it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.change(cmd, e, "GET", "/api/v1/changes/"+url.PathEscape(args[0]), nil)
		},
	}
	cmd.AddCommand(set, voteCmd, show)
	return cmd
}

func (c *vulnConn) change(cmd *cobra.Command, e *env, method, path string, body any) error {
	cl, err := c.client(e)
	if err != nil {
		return err
	}
	var ch server.ChangeView
	if err := cl.Do(ctx(cmd), method, path, body, &ch, 0); err != nil {
		return apiErr(err)
	}
	if c.json {
		return printJSON(e, ch)
	}
	fmt.Fprintf(e.stdout, "%s  %s  %s\n", ch.Key, ch.State, ch.Title)
	for _, v := range ch.Votes {
		fmt.Fprintf(e.stdout, "  vote %d  %s %s on %s\n", v.ID, v.Login, v.Vote, v.Commit[:min(12, len(v.Commit))])
	}
	return nil
}

func urlQuery(s string) string { return url.QueryEscape(s) }

// tokenID is the id a token is revoked by: the hash the server keeps.
func tokenID(secret string) string { return server.TokenID(strings.TrimSpace(secret)) }
