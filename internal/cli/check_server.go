package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/assure-dev/assure/internal/server"
)

// serverReviews downloads the review votes an assure server holds, in the
// GitHub reviews format the code-review check reads, into a temporary
// file. A server that cannot answer stops the gate (exit 2): the gate does
// not pass on evidence it could not read.
func serverReviews(ctx context.Context, e *env, base string) (string, func(), error) {
	cl, err := server.NewClient(base, serverToken(e, base))
	if err != nil {
		return "", nil, usageErr("--server: %v", err)
	}
	b, _, err := cl.Raw(ctx, "GET", "/api/v1/reviews", nil, "", nil)
	if err != nil {
		return "", nil, inputErr(fmt.Errorf("review votes of %s: %w (hint: set ASSURE_TOKEN to a token with scope read)", cl.Base, err))
	}
	dir, err := os.MkdirTemp("", "assure-check-")
	if err != nil {
		return "", nil, inputErr(err)
	}
	// A temporary directory left behind is not worth failing the gate for.
	cleanup := func() { _ = os.RemoveAll(dir) }
	name := filepath.Join(dir, "reviews-from-server.json")
	if err := os.WriteFile(name, b, 0o600); err != nil {
		cleanup()
		return "", nil, inputErr(err)
	}
	return name, cleanup, nil
}

// serverToken is the token for base: ASSURE_TOKEN, else the one assure
// vuln login saved for the same server.
func serverToken(e *env, base string) string {
	if t := e.getenv("ASSURE_TOKEN"); t != "" {
		return t
	}
	path, err := server.CredentialsFile(e.getenv)
	if err != nil {
		return ""
	}
	saved, err := server.LoadCredentials(path)
	if err != nil || strings.TrimSuffix(saved.Server, "/") != strings.TrimSuffix(base, "/") {
		return ""
	}
	return saved.Token
}

// checkEnv is the environment the gate reads tokens from; with --server,
// ASSURE_TOKEN falls back to the saved credentials.
func checkEnv(e *env, base string) func(string) string {
	if base == "" {
		return e.getenv
	}
	return func(k string) string {
		if k == "ASSURE_TOKEN" {
			return serverToken(e, base)
		}
		return e.getenv(k)
	}
}
