# The Kconfig policy tests (internal/kconfig/unused, cmd/assure stories
# kconfig_policy*.txtar) build a small firmware on the host with gcc, make
# and CMake to get real artefacts: a linker map, an ELF image and
# compile_commands.json of a -ffunction-sections --gc-sections build.
# Sourced by .ci/run; need_pkg installs what is missing.
need_pkg gcc gcc
need_pkg make make
need_pkg cmake cmake
