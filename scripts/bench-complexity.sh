#!/usr/bin/env bash
# bench-complexity.sh — how fast is assure complexity next to lizard and pmccabe?
#
# usage: scripts/bench-complexity.sh TREE [LIZARD] [RUNS]
#
#   TREE    a source tree (e.g. Mbed TLS v3.6.6 library/)
#   LIZARD  lizard's command or the path of lizard.py (default: $LIZARD, else
#           "lizard"); lizard is timed with 1 and with 2 worker processes
#   RUNS    timed runs per command (default 10; lizard gets 3)
#
# It builds assure and times with hyperfine, after warm-up runs, on the .c and
# .h files of TREE:
#   assure complexity --format csv       (all functions, every core)
#   assure version                       (the start-up cost of the binary)
#   pmccabe                              (if installed: apt-get install pmccabe)
#   lizard --csv, lizard -t 2 --csv
# and then the Go benchmark of the analyzer alone (no process start-up).
# docs/benchmarks.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 && "$1" != -h && "$1" != --help ]] || { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
tree=$(cd "$1" && pwd)
lizard=${2:-${LIZARD:-lizard}}
runs=${3:-10}
command -v hyperfine >/dev/null || { echo "bench-complexity: hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
case "$lizard" in *.py) lizard="python3 $lizard" ;; esac
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/assure" ./cmd/assure
files=$(cd "$tree" && find . -name '*.[ch]' | sort | tr '\n' ' ')
echo "== $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(cd "$tree" && find . -name '*.[ch]' | wc -l) files, $(cd "$tree" && cat $files | wc -c) bytes"
cmds=(-n assure "$bin/assure complexity --format csv --output /dev/null $tree"
	-n "assure version" "$bin/assure version")
if command -v pmccabe >/dev/null; then
	cmds+=(-n pmccabe "cd $tree && pmccabe $files >/dev/null 2>&1")
fi
hyperfine --shell=bash --warmup 3 --runs "$runs" "${cmds[@]}"
hyperfine --shell=bash --warmup 1 --runs 3 \
	-n lizard "$lizard --csv $tree >/dev/null" \
	-n "lizard -t 2" "$lizard -t 2 --csv $tree >/dev/null"
ASSURE_BENCH_TREE="$tree" go test -run '^$' -bench AnalyzeTree -benchtime 20x -count 3 ./internal/complexity
