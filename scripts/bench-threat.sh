#!/usr/bin/env bash
# Times what a user runs on a threat model of Threagile's demo size: import,
# analysis, every report and every diagram, one assure process each, as in
# docs/benchmarks.md. Usage: scripts/bench-threat.sh THREAGILE_YAML [ASSURE]
# (THREAGILE_YAML: demo/example/threagile.yaml of github.com/Threagile/threagile;
# ASSURE defaults to a fresh build of ./cmd/assure).
set -euo pipefail
demo=$(realpath "${1:?usage: scripts/bench-threat.sh THREAGILE_YAML [ASSURE]}")
assure=${2:-}
if [ -z "$assure" ]; then
	assure=$(mktemp -d)/assure
	go build -o "$assure" ./cmd/assure
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/security"
printf 'version: 1\nproject:\n  name: threagile-demo\nthreat_model:\n  files: [security/threats/*.yaml]\n' >"$work/security/assure.yaml"
git -C "$work" init -q
run() { # run LABEL ARGS...: one assure process, wall and CPU seconds
	local label=$1; shift
	/usr/bin/time -f "$label	%e	%U	%S	%M" "$assure" -C "$work" "$@" >/dev/null 2>>"$work/times" || true
}
: >"$work/times"
run import threat import --from threagile "$demo" -o security/threats/demo.yaml
run analyze threat analyze
run report-html threat report --format html -o build/report.html
run report-markdown threat report --format markdown -o build/report.md
run report-json threat report --format json -o build/report.json
run dfd-svg threat diagram -o build/dfd.svg
run assets-svg threat diagram --kind assets -o build/assets.svg
run dfd-mermaid threat diagram --format mermaid -o build/dfd.mmd
# The same outputs (and DOT and the assets as Mermaid) from one process.
run out-dir threat report --out-dir build/all
echo "step	wall s	user s	sys s	max RSS KB"
grep -v '^Command' "$work/times" | grep -v 'not carried\|approximated\|^  - ' | grep '	'
awk -F'\t' 'NF==5 && $1 != "out-dir" { w += $2; c += $3 + $4 } END { printf "total (8 processes)\t%.2f\t%.2f CPU\n", w, c }' "$work/times"
ls "$work/build/all" | wc -l | xargs printf 'files from the one out-dir process: %s\n'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
