#!/usr/bin/env bash
# bench-kconfig-policy.sh — how fast are the Kconfig checks on a real tree?
#
# usage: scripts/bench-kconfig-policy.sh NUTTX DIR
#
#   NUTTX  a clone of https://github.com/apache/nuttx (work tree or bare)
#   DIR    where to put the tree: its Kconfig files (prepared by
#          scripts/kconfig-nuttx-tree.sh) plus its C sources and build files
#
# It runs the Go benchmarks of the hygiene check (BenchmarkNever: which of
# the 22,000 options can never be enabled; BenchmarkLint: that plus every
# CONFIG_ name in 20,000 source files) and of the C scanner (full scan as
# the unused analysis makes it, references only as the hygiene check
# makes it), then `assure kconfig lint` as a process under /usr/bin/time.
# docs/benchmarks.md records the results.
set -euo pipefail

die() { echo "bench-kconfig-policy: $*" >&2; exit 2; }
[[ $# -eq 2 ]] || die "usage: $0 NUTTX DIR"
src=$1 dir=$2
cd "$(dirname "$0")/.."
eval "$(scripts/kconfig-nuttx-tree.sh "$src" "$dir")"
gitdir=$(git -C "$src" rev-parse --git-dir)
case "$gitdir" in /*) ;; *) gitdir="$src/$gitdir" ;; esac
index=$(mktemp)
trap 'rm -f "$index"' EXIT
GIT_INDEX_FILE=$index git --git-dir="$gitdir" read-tree HEAD
# Mirrors may lack a few blobs; the files that are there are enough.
git --git-dir="$gitdir" ls-tree -r --name-only HEAD |
	grep -E '\.(c|h)$|(^|/)(Make\.defs|Makefile|CMakeLists\.txt)$' |
	GIT_INDEX_FILE=$index git --git-dir="$gitdir" --work-tree="$dir" checkout-index -f --stdin 2>/dev/null || true

echo "== $(find "$dir" -name '*.c' | wc -l) .c files, $(find "$dir" -name Kconfig | wc -l) Kconfig files; load: $(cut -d' ' -f1-3 /proc/loadavg)"
export ASSURE_KCONFIG_TREE ASSURE_KCONFIG_ENV ASSURE_CSRC_DIR=$dir
go test -run '^$' -bench . -benchtime 3x ./internal/kconfig/lint ./internal/kconfig/csrc
go build -o "${TMPDIR:-/tmp}/assure-bench" ./cmd/assure
envs=()
for kv in $ASSURE_KCONFIG_ENV; do envs+=(--env "$kv"); done
for _ in 1 2 3; do
	/usr/bin/time -f '%e s wall, %U s user, %S s system, %M KB' \
		"${TMPDIR:-/tmp}/assure-bench" kconfig lint --srctree "$dir" "${envs[@]}" >/dev/null || true
done
