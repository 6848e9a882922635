// Package lint checks the hygiene of a Kconfig tree the way Zephyr's
// compliance CI does: references to symbols no Kconfig file defines, in
// the Kconfig files themselves and in the sources (CONFIG_X,
// IS_ENABLED(CONFIG_X), #ifdef CONFIG_X, CMake and Make files, .conf
// fragments), and options that can never be enabled (dependencies that can
// never be met, or no prompt, no default and nothing selecting them). Each
// is code or configuration that silently does nothing.
package lint
