#!/usr/bin/env bash
# compare-lizard.sh — does assure count cyclomatic complexity the way lizard does?
#
# usage: scripts/compare-lizard.sh TREE [LIZARD] [-v]
#
#   TREE    a source tree (e.g. Mbed TLS v3.6.6 library/, FreeRTOS-Kernel)
#   LIZARD  lizard's command, or the path of lizard.py in a checkout of
#           github.com/terryyin/lizard (default: $LIZARD, else "lizard")
#   -v      list every difference, not the first 20 of each kind
#
# It runs `lizard --csv TREE` and assure's analyzer on the same files, matches
# functions by file, name and start line, and prints: how many functions each
# finds, the share of the functions both find with the same CCN (and NLOC and
# end line), and the functions only one of them finds, sorted into the classes
# docs/complexity.md explains (identical files lizard skips, languages assure
# does not analyse); what is left is listed as unexplained.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 && "$1" != -h && "$1" != --help ]] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
tree=$(cd "$1" && pwd)
lizard=${2:-${LIZARD:-lizard}}
[[ "$lizard" == -v ]] && { lizard=${LIZARD:-lizard}; set -- "$1" "$lizard" -v; }
case "$lizard" in
*.py) [[ -f "$lizard" ]] || { echo "compare-lizard: $lizard: no such file" >&2; exit 2; }
	lizard=$(cd "$(dirname "$lizard")" && pwd)/$(basename "$lizard") ;;
*) command -v "$lizard" >/dev/null || { echo "compare-lizard: $lizard not found (hint: git clone https://github.com/terryyin/lizard and pass lizard/lizard.py)" >&2; exit 2; } ;;
esac
shift $(( $# >= 2 ? 2 : 1 ))
# lizard names files as it was given them; run both from the tree's parent.
parent=$(dirname "$tree") name=$(basename "$tree")
bin=$(mktemp -d)/lizardcmp
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./internal/complexity/lizardcmp
cd "$parent"
"$bin" -tree "$name" -lizard "$lizard" "$@"
