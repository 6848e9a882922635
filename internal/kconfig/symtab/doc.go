// Package symtab is the symbol table the Kconfig policies read: a plain-data
// snapshot of one evaluated Kconfig tree (every symbol's type, value,
// visibility, where it is defined, its dependencies, defaults, selects and
// implies, and every place a symbol is referenced). The hardening, default-off,
// enabled-but-unused and hygiene checks work on this snapshot rather than on
// the engine itself, so each can be tested with a table written by hand and
// the engine can change without touching them. FromEngine builds it from
// internal/kconfig.
package symtab
