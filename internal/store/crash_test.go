package store

import (
	"bufio"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/vuln"
)

const (
	crashTargetEnv = "ASSURE_STORE_CRASH_CHILD"
	crashKeyEnv    = "ASSURE_STORE_CRASH_KEY"
)

func TestMain(m *testing.M) {
	if target := os.Getenv(crashTargetEnv); target != "" {
		crashChild(target, os.Getenv(crashKeyEnv))
		return
	}
	os.Exit(m.Run())
}

// crashChild writes until it is killed, and prints a line for every write
// after the store acknowledged it: "create ID" or "update ID VERSION".
func crashChild(target, skey string) {
	signer, err := note.NewSigner(skey)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	ctx := context.Background()
	st, err := Open(ctx, target, Options{Signer: signer})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; ; i++ {
		r, err := vuln.New(reporter, vuln.Intake{Title: fmt.Sprintf("crash %d", i), Description: "d"}, env.Config, now)
		if err == nil {
			err = st.CreateReport(ctx, r, Extra{})
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Printf("create %d\n", r.ID)
		for j := 0; j < 2; j++ {
			if _, err := r.Comment(reporter, fmt.Sprintf("v%d", r.Version+1), now); err != nil {
				os.Exit(3)
			}
			if err := st.UpdateReport(ctx, r, Extra{}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
			fmt.Printf("update %d %d\n", r.ID, r.Version)
		}
	}
}

// TestKilledWriterLosesNoAcknowledgedWrite runs a child process that
// writes as fast as it can, kills it with SIGKILL in the middle of its
// writes, reopens the database and finds every write the child had
// acknowledged, and an audit log that still verifies.
func TestKilledWriterLosesNoAcknowledgedWrite(t *testing.T) {
	skey, vkey, err := note.GenerateKey(rand.Reader, "crash-test")
	if err != nil {
		t.Fatal(err)
	}
	verifier, _ := note.NewVerifier(vkey)
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			target := b.target(t)
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), crashTargetEnv+"="+target, crashKeyEnv+"="+skey)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			acked := map[int64]int64{} // id → highest acknowledged version
			lines := 0
			sc := bufio.NewScanner(out)
			killed := false
			for sc.Scan() {
				var id, v int64
				switch f := strings.Fields(sc.Text()); {
				case len(f) == 2 && f[0] == "create":
					fmt.Sscan(f[1], &id)
					v = 1
				case len(f) == 3 && f[0] == "update":
					fmt.Sscan(f[1], &id)
					fmt.Sscan(f[2], &v)
				default:
					t.Fatalf("child said %q", sc.Text())
				}
				acked[id] = max(acked[id], v)
				lines++
				if lines == 150 && !killed {
					// The child is in the middle of its next write.
					if err := cmd.Process.Kill(); err != nil {
						t.Fatal(err)
					}
					killed = true
				}
			}
			err = cmd.Wait()
			if !killed {
				t.Fatalf("child ended before it was killed: %v\n%s", err, stderr.String())
			}
			if lines < 150 {
				t.Fatalf("only %d acknowledgements", lines)
			}
			st := openTarget(t, target)
			ctx := context.Background()
			for id, v := range acked {
				r, err := st.Report(ctx, id)
				if err != nil {
					t.Fatalf("acknowledged report %d: %v", id, err)
				}
				if r.Version < v {
					t.Errorf("report %d: version %d stored, %d was acknowledged", id, r.Version, v)
				}
				if len(r.Comments) < int(v-1) {
					t.Errorf("report %d: %d comments stored, %d acknowledged", id, len(r.Comments), v-1)
				}
			}
			res, err := audit.Verify(ctx, st, verifier, audit.VerifyOptions{})
			if err != nil {
				t.Fatalf("audit log after the crash: %v", err)
			}
			if res.Records < int64(lines) {
				t.Errorf("%d audit records for %d acknowledged writes", res.Records, lines)
			}
			t.Logf("%d acknowledged writes over %d reports survived; audit log of %d records verifies", lines, len(acked), res.Records)
		})
	}
}
