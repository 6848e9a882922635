// Package complexity measures the functions of C, C++ and Go source files:
// cyclomatic complexity (CCN, counted the way lizard counts it by default),
// lines of code, parameters and nesting depth, with file and lines. It works
// on tokens, not on a syntax tree, so it needs no headers, no build
// configuration and no compiler, and reads a large firmware tree in tens of
// milliseconds. docs/complexity.md gives the definitions and every place the
// numbers deliberately differ from lizard's.
//
// The analysis of one file is a pipeline: the lexer cuts the bytes into raw
// tokens (lexer.go), the scanner folds preprocessor lines, drops comments and
// white space and counts lines and conditions (scanner.go), and a finder
// (cfinder.go, gofinder.go) recognises where functions begin and end. The
// walker (walk.go) feeds files to parallel workers and sorts the results.
package complexity
