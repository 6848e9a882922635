#!/usr/bin/env bash
# bench-history.sh — how much does assure's history gate cost next to git log?
#
# usage: scripts/bench-history.sh REPO [RUNS] [--with-commitlint[=N]] [--no-hyperfine]
#
#   REPO   any git repository, work tree or bare (e.g. a mirror of Mbed TLS)
#   RUNS   timed runs per command (default 10), after one warm-up run
#   --with-commitlint[=N]  also time commitlint (config-conventional) on the
#          last N commits (default 2000); it is installed with npm into
#          ${ASSURE_BENCH_CACHE:-~/.cache/assure-bench}/commitlint, never
#          into this repository
#   --no-hyperfine  use the bash timing loop even when hyperfine is installed
#
# It builds assure, then times over the whole history of REPO's HEAD:
#   (a) git log --format=%H%B                 what reading history costs git
#   (b) git log -z --format=...               the exact command assure runs
#   (c) assure check --check change-management --all
# For (c) assure needs a work tree with a model: REPO is cloned with
# --shared --no-checkout into a temporary directory (nothing is copied or
# checked out) and given a minimal security/assure.yaml, tracker kind none.
# The gate exits 1 when commits lack references; that is its answer, not a
# failure of the benchmark. Results: commits, median and mean seconds, and
# commits/s from the median. docs/benchmarks.md records them.
set -euo pipefail

die() { echo "bench-history: $*" >&2; exit 2; }

repo="" runs=10 commitlint=0 sample=2000 use_hyperfine=1
for a in "$@"; do
	case "$a" in
	--with-commitlint) commitlint=1 ;;
	--with-commitlint=*) commitlint=1 sample="${a#*=}" ;;
	--no-hyperfine) use_hyperfine=0 ;;
	-h | --help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown option $a (see --help)" ;;
	*)
		if [[ -z "$repo" ]]; then repo="$a"
		elif [[ "$a" =~ ^[0-9]+$ ]]; then runs="$a"
		else die "RUNS must be a number, got '$a'"
		fi ;;
	esac
done
[[ -n "$repo" ]] || die "usage: $0 REPO [RUNS] [--with-commitlint[=N]] [--no-hyperfine]"
[[ "$sample" =~ ^[0-9]+$ && "$sample" -gt 0 ]] || die "--with-commitlint=N needs a positive number"
[[ "$runs" -gt 0 ]] || die "RUNS must be at least 1"
command -v git >/dev/null || die "git is not installed"
command -v go >/dev/null || die "go is not installed (needed to build assure)"
repo="$(cd "$repo" && pwd)" || die "no such directory: $repo"
git -C "$repo" rev-parse --verify --quiet 'HEAD^{commit}' >/dev/null || die "$repo is not a git repository with commits"

src="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "building assure from $src" >&2
(cd "$src" && go build -o "$tmp/assure" ./cmd/assure)

commits="$(git -C "$repo" rev-list --count HEAD)"

echo "cloning $repo --shared --no-checkout" >&2
git clone -q --shared --no-checkout "$repo" "$tmp/clone"
mkdir -p "$tmp/clone/security"
cat >"$tmp/clone/security/assure.yaml" <<'EOF'
version: 1
project:
  name: bench
  tracker:
    kind: none
EOF
[[ "$(git -C "$tmp/clone" rev-list --count HEAD)" == "$commits" ]] || die "the clone's HEAD differs from $repo's"

# The record format of internal/gitlog, and the environment it runs git in.
format='--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%at%x1f%B'
q() { printf '%q' "$1"; }
names=("git-log" "git-log-as-assure" "assure-check")
counts=("$commits" "$commits" "$commits")
cmds=(
	"env -u GIT_FLUSH git -C $(q "$repo") log --format=%H%B"
	"env GIT_FLUSH=0 git -C $(q "$repo") -c log.showSignature=false -c core.quotePath=false log -z --no-color --no-decorate --no-mailmap $format HEAD --"
	"$(q "$tmp/assure") -C $(q "$tmp/clone") check --check change-management --all"
)

# One untimed run of the gate: exit 0 (pass) and 1 (gate failed) are
# answers; anything else is a broken setup and would make the timings lie.
set +e
"$tmp/assure" -C "$tmp/clone" check --check change-management --all >"$tmp/gate.out" 2>&1
rc=$?
set -e
if [[ $rc -gt 1 ]]; then
	cat "$tmp/gate.out" >&2
	die "assure check exited $rc"
fi
summary="$(grep -m1 'change-management ' "$tmp/gate.out" | sed 's/^ *//' || true)"

if [[ $commitlint -eq 1 ]]; then
	command -v npm >/dev/null || die "--with-commitlint needs npm (Node.js 18 or newer)"
	cl="${ASSURE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/assure-bench}/commitlint"
	if [[ ! -x "$cl/node_modules/.bin/commitlint" ]]; then
		echo "installing @commitlint/cli and @commitlint/config-conventional into $cl" >&2
		mkdir -p "$cl"
		npm install --prefix "$cl" --no-audit --no-fund --loglevel=error \
			@commitlint/cli @commitlint/config-conventional >&2 ||
			die "npm could not install commitlint"
	fi
	echo "export default { extends: ['@commitlint/config-conventional'] };" >"$cl/commitlint.config.mjs"
	from="$(git -C "$repo" rev-list --skip="$sample" -n 1 HEAD)"
	[[ -n "$from" ]] || die "the history has fewer than $sample commits; lower --with-commitlint=N"
	names+=("commitlint")
	counts+=("$(git -C "$repo" rev-list --count "$from..HEAD")")
	# commitlint exits 1 when messages break the rules: expected here.
	cmds+=("$(q "$cl/node_modules/.bin/commitlint") --cwd $(q "$tmp/clone") -g $(q "$cl/commitlint.config.mjs") --from $from --to HEAD --color=false")
	"$cl/node_modules/.bin/commitlint" --version >"$tmp/commitlint.version"
fi

# results: one "name median mean" line per command.
results="$tmp/results"
: >"$results"
if [[ $use_hyperfine -eq 1 ]] && command -v hyperfine >/dev/null; then
	echo "timing with $(hyperfine --version), $runs runs each" >&2
	args=(-N -i -w 1 -r "$runs" --style basic --export-csv "$tmp/hf.csv")
	for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
	hyperfine "${args[@]}" >&2
	# command,mean,stddev,median,user,system,min,max
	tail -n +2 "$tmp/hf.csv" | awk -F, '{print $1, $4, $2}' >>"$results"
else
	[[ $use_hyperfine -eq 1 ]] && echo "hyperfine not found (Debian: apt-get install hyperfine); using a bash loop" >&2
	echo "timing with a bash loop, $runs runs each" >&2
	for i in "${!cmds[@]}"; do
		eval "${cmds[$i]}" >/dev/null 2>&1 || true # warm-up
		ts=()
		for ((r = 0; r < runs; r++)); do
			t0=$EPOCHREALTIME
			eval "${cmds[$i]}" >/dev/null 2>&1 || true
			t1=$EPOCHREALTIME
			ts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.6f", b-a}')")
		done
		printf '%s\n' "${ts[@]}" | sort -g | awk -v n="${names[$i]}" '
			{ t[NR] = $1; s += $1 }
			END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print n, m, s / NR }' >>"$results"
	done
fi

echo
echo "repository: $repo (HEAD $(git -C "$repo" rev-parse --short=12 HEAD))"
echo "machine:    $(nproc) cores, $(git --version), $(go version | cut -d' ' -f3)"
[[ -f "$tmp/commitlint.version" ]] && echo "commitlint: $(cat "$tmp/commitlint.version"), last $sample commits"
[[ -n "$summary" ]] && echo "gate:       $summary"
echo
printf '%-20s %8s %10s %10s %12s\n' "command" "commits" "median s" "mean s" "commits/s"
i=0
while read -r name median mean; do
	printf '%-20s %8s %10.3f %10.3f %12.0f\n' "$name" "${counts[$i]}" "$median" "$mean" \
		"$(awk -v c="${counts[$i]}" -v t="$median" 'BEGIN{print c / t}')"
	i=$((i + 1))
done <"$results"
