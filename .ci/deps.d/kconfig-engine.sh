# Kconfig engine (internal/kconfig, issue #5). Its tests need only Go, git
# and /bin/sh. Its comparison with Kconfiglib, the reference implementation
# (TestSemantics and TestReference with ASSURE_KCONFIGLIB set, and
# scripts/kconfig-compare.sh on a NuttX tree), runs Kconfiglib with python3.
need_pkg python3 python3
