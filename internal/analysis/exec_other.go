//go:build !unix

package analysis

import (
	"os"
	"os/exec"
)

// Without process groups, cancelling kills the command itself only.
func ownGroup(*exec.Cmd) {}

func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}

func signalOf(*os.ProcessState) string { return "" }
