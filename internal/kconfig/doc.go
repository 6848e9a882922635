// Package kconfig parses and evaluates Kconfig trees with the semantics of
// Kconfiglib (the reference implementation of the Linux kconfig language):
// it reads the Kconfig files of a tree (the $(...) preprocessor, source
// globs, menus, choices, ifs), computes every symbol's value the way
// Kconfiglib does (tristate logic, visibility, select, imply, ranges, choice
// modes), reads a .config and writes one with the same content Kconfiglib's
// write_config writes. Problems come back as diagnostics with file:line.
//
// # API overview
//
// Parse a tree, load a configuration, read values, write the result:
//
//	kc, err := kconfig.Parse("Kconfig", kconfig.Options{SrcTree: dir, Env: env})
//	err = kc.LoadConfig("boards/x/defconfig", true)   // replace user values
//	sym := kc.Lookup("STACK_CANARIES")                 // nil if never seen
//	sym.Type(), sym.Value(), sym.Tristate(), sym.Visibility()
//	sym.Nodes()[0].Pos                                 // where it is defined
//	sym.SelectedBy(), sym.ImpliedBy(), sym.Defaults(), sym.Ranges()
//	kc.WriteConfig(w)                                  // full .config
//	kc.Diagnostics()                                   // warnings with file:line
//
// Tree is the model-level description of a tree (root file, srctree,
// environment, configuration) and Tree.Load does Parse plus LoadConfig.
//
// Values are computed lazily and cached; SetValue, UnsetValue and
// LoadConfig invalidate the cache. A *Kconfig is not safe for concurrent use.
//
// Types and values: Type is the symbol type (TypeBool, TypeTristate,
// TypeString, TypeInt, TypeHex, TypeUnknown); Tri is a tristate value (N,
// M, Y). Symbol.Value is the string value Kconfiglib calls str_value ("y",
// "m", "n" for bool/tristate), Symbol.Tristate is tri_value.
//
// Menu tree: Kconfig.Top is the root MenuNode; every node has Parent, List
// (first child) and Next (sibling), as in Kconfiglib, with 'if' blocks
// removed and implicit submenus created; Kconfig.Nodes walks it in .config
// order. A MenuNode carries a symbol, a choice, a menu or a comment (Kind),
// where it is written (Pos, Include), its prompt (HasPrompt, Prompt,
// PromptCond), Help(), its dependencies (Dep, with those of enclosing
// menus, ifs and choices) and its properties both propagated (Defaults,
// Selects, Implies, Ranges) and as written (OrigDefaults, OrigSelects, ...,
// OrigDep, OrigPromptCond). MenuNode.MenuPath gives the menu titles above
// a node, Referenced the symbols it uses. Kconfig.UndefinedReferences lists
// references to symbols nobody defines.
//
// Expressions are *Expr trees (OpSymbol, OpAnd, OpOr, OpNot, relations);
// Expr.Eval computes them, Expr.String prints them in Kconfig syntax and
// Expr.Symbols lists the symbols they reference.
//
// Preprocessor functions beyond the built-in ones (Zephyr's devicetree
// functions, for instance) come in Options.Functions; Options.Env is the
// whole environment a tree sees, and $(shell,...) runs only with
// Options.AllowShell.
//
// Errors: Parse returns an *Error (Pos, Message, Hint) for anything the
// reference rejects (syntax errors, unterminated blocks, source cycles,
// missing source files, dependency loops, $(error-if,...)). Warnings the
// reference prints (undefined symbols, out-of-range values, malformed
// .config lines, values that do not take effect, ...) are Diagnostics with
// a stable Code.
package kconfig
