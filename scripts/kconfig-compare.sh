#!/usr/bin/env bash
# kconfig-compare.sh — check the Kconfig engine against Kconfiglib on a
# real tree: every symbol's type, value, visibility, assignable values,
# help and .config line, every choice, and the .config text, after loading
# each of a sample of defconfigs (internal/kconfig/reference_test.go).
#
# usage: scripts/kconfig-compare.sh KCONFIGLIB [COUNT|all]
#
#   KCONFIGLIB  directory holding kconfiglib.py (a clone of
#               https://github.com/ulfalizer/Kconfiglib)
#   COUNT       how many defconfigs of the tree, spread evenly (default 100)
#
# The tree comes from ASSURE_KCONFIG_TREE and ASSURE_KCONFIG_ENV, e.g.
#   eval "$(scripts/kconfig-nuttx-tree.sh ~/src/nuttx /tmp/nuttx)"
set -euo pipefail

die() { echo "kconfig-compare: $*" >&2; exit 2; }
[[ $# -ge 1 ]] || die "usage: $0 KCONFIGLIB [COUNT|all]"
lib=$(cd "$1" && pwd) count=${2:-100}
[[ -f "$lib/kconfiglib.py" ]] || die "$lib has no kconfiglib.py"
[[ -n "${ASSURE_KCONFIG_TREE:-}" ]] || die "set ASSURE_KCONFIG_TREE (see scripts/kconfig-nuttx-tree.sh)"
command -v python3 >/dev/null || die "python3 is needed: apt-get install -y python3"

cd "$(dirname "$0")/.."
mapfile -t all < <(cd "$ASSURE_KCONFIG_TREE" && find . -name defconfig -printf '%P\n' | LC_ALL=C sort)
[[ ${#all[@]} -gt 0 ]] || die "no defconfig under $ASSURE_KCONFIG_TREE"
if [[ "$count" == all || "$count" -ge ${#all[@]} ]]; then
	picked=("${all[@]}")
else
	picked=()
	for ((i = 0; i < count; i++)); do picked+=("${all[i * ${#all[@]} / count]}"); done
fi
echo "comparing with Kconfiglib on ${#picked[@]} of ${#all[@]} defconfigs (and defaults only)"
ASSURE_KCONFIGLIB=$lib ASSURE_KCONFIG_CONFIGS="- ${picked[*]}" \
	go test -count=1 -timeout 2h -run '^TestReference$' -v ./internal/kconfig/ |
	grep -E '^(---|\s+reference_test|FAIL|ok|PASS)' | grep -v 'choices equal' || true
