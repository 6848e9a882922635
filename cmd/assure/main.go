// Command assure is the security process of the Zephyr RTOS Security
// Overview as software: `assure check` is the gate hooks and CI run on every
// change and release. All behaviour lives in internal/; this file only hands
// over the process's arguments and exit code.
package main

import (
	"os"

	"github.com/assure-dev/assure/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
