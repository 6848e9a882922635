// Package unused finds the options a build enables but the application
// does not use (Secure Coding: "the user shall be notified if low-level
// options and APIs are enabled but not used by the application").
//
// With the artefacts of a build made with -ffunction-sections
// -fdata-sections -Wl,--gc-sections, an option is unused when none of the
// code it gates survives in the final image. The code an option gates is
// found two ways: source files the build compiles only when the option is
// set (zephyr_sources_ifdef(CONFIG_X …), target_sources_ifdef, if(CONFIG_X)
// blocks in CMake, obj-$(CONFIG_X) and ifeq ($(CONFIG_X),y) in Makefiles),
// and functions and variables defined inside #ifdef CONFIG_X regions of the
// compiled sources. What survived is read from the linker map file (GNU
// ld: kept and discarded input sections) or, failing that, from the ELF
// symbol tables of the image and of the object files.
//
// Without artefacts it falls back on the application's own sources: an
// option is used when they name CONFIG_X or call a function the option
// gates. Every report says which method answered.
package unused
