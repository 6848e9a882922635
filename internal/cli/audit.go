package cli

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"golang.org/x/mod/sumdb/note"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/store"
)

func init() { register(newAuditCmd) }

func newAuditCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "verify the security issue management server's tamper-evident audit log",
		Long: `The server (assure serve) appends every security-relevant event to a
hash-chained Merkle tree (the transparency-log scheme of the Go checksum
database) and signs a checkpoint of it after every write. 'assure audit verify'
recomputes the tree from the records and proves that no entry was changed,
removed or reordered.`,
	}
	var db, key, witness string
	addFlags := func(c *cobra.Command) {
		c.Flags().StringVar(&db, "db", "", "the server's database: a SQLite `FILE` (DATA-DIR/assure.db) or a postgres:// URL")
		c.Flags().StringVar(&key, "key", "", "the audit log's public key `FILE` (default: audit.pub beside a SQLite database)")
	}
	verify := &cobra.Command{
		Use:   "verify",
		Short: "prove that no audit record was changed, removed or reordered",
		Long: `verify reads the audit log straight from the database, recomputes every record
hash and interior hash of the Merkle tree, compares them with the stored ones,
and checks every signed checkpoint with the public key. It exits 0 when the log
is intact, 1 when it was tampered with (each problem is named), and 2 when it
cannot tell (no database, no key).

A writer with access to the database but not to the signing key cannot forge a
checkpoint, but can cut the log back to an earlier checkpoint together with
everything after it. Save the output of 'assure audit checkpoint' somewhere
else from time to time and pass it as --witness to catch that too.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, v, err := openAudit(cmd.Context(), db, key)
			if err != nil {
				return err
			}
			defer st.Close()
			var opt audit.VerifyOptions
			if witness != "" {
				// assure: waive W-0013 -- the --witness file the user names
				if opt.Witness, err = os.ReadFile(witness); err != nil {
					return inputErr(err)
				}
			}
			res, err := audit.Verify(ctx(cmd), st, v, opt)
			var ve *audit.VerifyError
			if errors.As(err, &ve) {
				fmt.Fprintf(e.stderr, "assure: audit log of %s: NOT intact, %d problem(s):\n", db, len(ve.Problems))
				for _, p := range ve.Problems {
					fmt.Fprintf(e.stderr, "  %s\n", p.What)
				}
				return gateFailed
			}
			if err != nil {
				return inputErr(err)
			}
			fmt.Fprintf(e.stdout, "audit log of %s: intact: %d records, %d signed checkpoints, root %s (key %s)\n",
				db, res.Records, res.Checkpoints, base64.StdEncoding.EncodeToString(res.Latest.Tree.Hash[:]), v.Name())
			if witness != "" {
				fmt.Fprintf(e.stdout, "consistent with the witness checkpoint %s\n", witness)
			}
			return nil
		},
	}
	addFlags(verify)
	verify.Flags().StringVar(&witness, "witness", "", "a checkpoint `FILE` saved earlier with 'assure audit checkpoint'; the log must still contain it")

	checkpoint := &cobra.Command{
		Use:   "checkpoint",
		Short: "print the latest signed checkpoint, to keep as a witness outside the database",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, v, err := openAudit(cmd.Context(), db, key)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := audit.Verify(ctx(cmd), st, v, audit.VerifyOptions{})
			var ve *audit.VerifyError
			if errors.As(err, &ve) {
				fmt.Fprintf(e.stderr, "assure: the audit log is not intact; run 'assure audit verify' to see why\n")
				return gateFailed
			}
			if err != nil {
				return inputErr(err)
			}
			if res.Records == 0 {
				return inputErr(errors.New("the audit log is empty: nothing to witness yet"))
			}
			_, err = e.stdout.Write(res.Latest.Note)
			return err
		},
	}
	addFlags(checkpoint)
	cmd.AddCommand(verify, checkpoint)
	return cmd
}

func ctx(cmd *cobra.Command) context.Context {
	if c := cmd.Context(); c != nil {
		return c
	}
	return context.Background()
}

// openAudit opens the database read-only and the verifier key.
func openAudit(c context.Context, db, key string) (store.Store, note.Verifier, error) {
	if c == nil {
		c = context.Background()
	}
	if db == "" {
		return nil, nil, usageErr("--db is required (hint: the SQLite file in the server's data directory, or a postgres:// URL)")
	}
	if key == "" {
		if store.IsPostgres(db) {
			return nil, nil, usageErr("--key is required with a PostgreSQL database (hint: the audit.pub in the server's data directory)")
		}
		key = filepath.Join(filepath.Dir(db), audit.PublicKeyFile)
	}
	v, err := audit.ReadVerifier(key)
	if err != nil {
		return nil, nil, inputErr(fmt.Errorf("audit key: %w", err))
	}
	st, err := store.Open(c, db, store.Options{ReadOnly: true})
	if err != nil {
		return nil, nil, inputErr(err)
	}
	return st, v, nil
}
