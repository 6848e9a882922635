#!/usr/bin/env bash
# bench-kconfig.sh — how fast is the Kconfig engine next to Kconfiglib?
#
# usage: scripts/bench-kconfig.sh KCONFIGLIB [DEFCONFIG] [RUNS]
#
#   KCONFIGLIB  directory holding kconfiglib.py
#   DEFCONFIG   configuration to load, relative to the tree (default:
#               boards/sim/sim/sim/configs/nsh/defconfig)
#   RUNS        hyperfine runs per command (default 20)
#
# The tree comes from ASSURE_KCONFIG_TREE and ASSURE_KCONFIG_ENV (see
# scripts/kconfig-nuttx-tree.sh). It runs the Go benchmarks (parse alone;
# parse + load + evaluate every symbol; load + write) and then hyperfine on
# the whole job both tools do — parse the tree, load the defconfig, write
# the full .config — as processes: `assure kconfig write` against a
# Python script calling Kconfiglib's load_config and write_config (what
# its olddefconfig does). docs/benchmarks.md records the results.
set -euo pipefail

die() { echo "bench-kconfig: $*" >&2; exit 2; }
[[ $# -ge 1 ]] || die "usage: $0 KCONFIGLIB [DEFCONFIG] [RUNS]"
lib=$(cd "$1" && pwd) cfg=${2:-boards/sim/sim/sim/configs/nsh/defconfig} runs=${3:-20}
tree=${ASSURE_KCONFIG_TREE:?set ASSURE_KCONFIG_TREE (see scripts/kconfig-nuttx-tree.sh)}
[[ -f "$lib/kconfiglib.py" ]] || die "$lib has no kconfiglib.py"
[[ -f "$tree/$cfg" ]] || die "$tree/$cfg: no such defconfig"
command -v hyperfine >/dev/null || die "hyperfine is needed: apt-get install -y hyperfine"

cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Go benchmarks"
ASSURE_KCONFIG_CONFIGS=$cfg go test -run '^$' -bench . -benchmem -count 5 ./internal/kconfig/ | grep -E '^Benchmark|^ok'

go build -o "$work/assure" ./cmd/assure
envflags=() envs=()
for kv in ${ASSURE_KCONFIG_ENV:-}; do envflags+=(--env "$kv"); envs+=("$kv"); done
cat >"$work/kconfiglib-write.py" <<PY
import sys
sys.path.insert(0, "$lib")
import kconfiglib
kconf = kconfiglib.Kconfig("Kconfig", warn_to_stderr=False)
kconf.load_config(sys.argv[1])
kconf.write_config(sys.argv[2], save_old=False)
PY
# Both write the same .config: check before timing.
(cd "$tree" && env -i PATH="$PATH" "${envs[@]}" python3 "$work/kconfiglib-write.py" "$cfg" "$work/ref.config")
"$work/assure" kconfig write --srctree "$tree" --config "$tree/$cfg" "${envflags[@]}" -o "$work/ours.config" 2>/dev/null
cmp "$work/ref.config" "$work/ours.config" || die "the two .config files differ"
echo "== .config identical ($(wc -l <"$work/ours.config") lines); hyperfine, $runs runs each"
q() { printf '%q ' "$@"; }
hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/hyperfine.md" \
	-n "assure kconfig write" "$(q "$work/assure" kconfig write --srctree "$tree" --config "$tree/$cfg" "${envflags[@]}" -o "$work/ours.config")" \
	-n "Kconfiglib (Python $(python3 -c 'import sys; print(sys.version.split()[0])'))" \
	"$(q env -i PATH="$PATH" "${envs[@]}" sh -c "cd $(q "$tree") && exec python3 $(q "$work/kconfiglib-write.py") $(q "$cfg") $(q "$work/ref.config")")"
cat "$work/hyperfine.md"
