// Package csrc reads C sources the way the Kconfig checks need them,
// without a compiler: which CONFIG_ options the preprocessor conditionals
// around each line require, which functions and variables a file defines at
// top level (and under which options), every CONFIG_X a file names, and the
// identifiers its code uses. It is a scanner, not a C parser: it
// understands comments, strings, line continuations, #if/#ifdef/#elif/#else
// and brace nesting, which is what tells code gated by an option apart
// from code that is always built.
package csrc
