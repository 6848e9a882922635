// Package kpolicy runs the Kconfig policies a model configures — the
// hardening profile, the default-off policy, enabled-but-unused detection
// and tree hygiene — and turns their results into findings with the
// requirement IDs of the process catalog. `assure check` (internal/check)
// and `assure kconfig harden|unused|lint` (internal/cli) both go through
// it, so the gate and the commands always agree.
package kpolicy
