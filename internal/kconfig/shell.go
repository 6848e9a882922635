package kconfig

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// shellTimeout bounds a $(shell,...) command, so a tree cannot hang a run.
const shellTimeout = 60 * time.Second

// shell is $(shell,command): it runs command with /bin/sh in the source
// tree, with Options.Env as its whole environment, and expands to its
// output with newlines turned into spaces. It runs only when the caller
// allowed it.
func (p *parser) shell(pos Pos, args []string) (string, error) {
	command := args[0]
	if !p.k.opts.AllowShell {
		return "", &Error{Pos: pos, Include: p.include,
			Message: "$(shell," + command + ") needs permission to run a command",
			Hint:    "parsing this tree runs a shell command; allow it only for trees you trust (assure kconfig --allow-shell, or allow_shell: true in the model's kconfig section)"}
	}
	ctx, cancel := context.WithTimeout(context.Background(), shellTimeout)
	defer cancel()
	// assure: waive W-0030 -- runs only with --allow-shell / allow_shell
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", command)
	cmd.Dir = p.k.SrcTree
	env := make([]string, 0, len(p.k.opts.Env))
	for k, v := range p.k.opts.Env {
		env = append(env, k+"="+v)
	}
	sort.Strings(env)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return "", &Error{Pos: pos, Include: p.include, Message: "$(shell," + command + ") did not finish within " + shellTimeout.String(),
			Hint: "make the command finish, or remove it from the Kconfig file"}
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		// The reference ignores the exit status, but not a command that
		// could not start.
		return "", &Error{Pos: pos, Include: p.include, Message: "$(shell," + command + "): " + err.Error()}
	}
	if !utf8.Valid(stdout.Bytes()) || !utf8.Valid(stderr.Bytes()) {
		return "", &Error{Pos: pos, Include: p.include, Message: "output of $(shell," + command + ") is not valid UTF-8"}
	}
	if stderr.Len() > 0 {
		p.k.warnParse(pos, CodeMacro, "'"+command+"' wrote to stderr: "+strings.Join(splitLines(stderr.String()), "\n"), "", "")
	}
	out := strings.Join(splitLines(stdout.String()), "\n")
	return strings.ReplaceAll(strings.TrimRight(out, "\n"), "\n", " "), nil
}

// splitLines is Python's str.splitlines() for \n, \r\n and \r.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
