#!/usr/bin/env bash
# Load test of assure serve with wrk (Debian package wrk) on loopback.
#
#   scripts/bench-serve.sh sqlite      one server on SQLite: a mixed read/write
#                                      API load, for req/s and latency (p99)
#   scripts/bench-serve.sh postgres    two servers on one PostgreSQL under
#                                      concurrent triage of the same reports,
#                                      then a consistency check of every report
#                                      and the audit log
#
# Environment: DURATION (default 30s), CONNECTIONS (64), THREADS (2),
# REPORTS (200), WRITE_PCT (10), LIST_PCT (10), SQLITE_SYNC (FULL or NORMAL),
# ASSURE_TEST_POSTGRES (postgres mode; .ci/deps.d/postgres.sh starts one).
# Figures go to standard output; docs/benchmarks.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-sqlite}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
REPORTS=${REPORTS:-200}
export WRITE_PCT=${WRITE_PCT:-10} LIST_PCT=${LIST_PCT:-10} REPORTS

for tool in wrk jq curl; do
	command -v "$tool" >/dev/null || { echo "bench-serve: $tool is missing (hint: apt-get install -y $tool)" >&2; exit 2; }
done

work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/assure" ./cmd/assure
assure=$work/assure
repo=$work/repo
mkdir -p "$repo/security"
cat >"$repo/security/assure.yaml" <<'YAML'
version: 1
project:
  name: Bench RTOS
people:
  - {id: sam, name: Sam, emails: [sam@example.com], roles: [security-team]}
  - {id: mia, name: Mia, emails: [mia@example.com], roles: [maintainer]}
modules:
  - {id: net, name: Networking, paths: ["subsys/net/**"], security_relevant: false, maintainers: [mia]}
YAML
pw="bench password 0123"

# serve NAME ARGS…: start a server, wait for its URL, print it.
serve() {
	local name=$1
	shift
	"$assure" -C "$repo" serve --addr 127.0.0.1:0 --url-file "$work/$name.url" --schedule-every 1h "$@" \
		>"$work/$name.out" 2>"$work/$name.log" &
	pids+=($!)
	for _ in $(seq 600); do [ -s "$work/$name.url" ] && break; sleep 0.05; done
	[ -s "$work/$name.url" ] || { cat "$work/$name.log" >&2; exit 1; }
	cat "$work/$name.url"
}

token() { # token URL LOGIN
	curl -sf -H 'Content-Type: application/json' -d "{\"login\":\"$2\",\"password\":\"$pw\",\"days\":1}" "$1/api/v1/login" | jq -r .token
}

seed() { # seed URL TOKEN: REPORTS reports in triage
	local url=$1 tok=$2
	for i in $(seq "$REPORTS"); do
		curl -sf -o /dev/null -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
			-d "{\"title\":\"bench report $i\",\"description\":\"seeded by bench-serve.sh\",\"severity\":\"high\"}" "$url/api/v1/reports"
		curl -sf -o /dev/null -X POST -H "Authorization: Bearer $tok" "$url/api/v1/reports/$i/start-triage"
	done
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr)"
echo "== wrk: ${DURATION}, ${CONNECTIONS} connections, ${THREADS} threads"

case "$mode" in
sqlite)
	sync=${SQLITE_SYNC:-FULL}
	printf '%s\n' "$pw" | "$assure" -C "$repo" serve account create --data "$work/data" --login sam --role security-team --password-stdin >/dev/null
	url=$(serve one --data "$work/data" --sqlite-sync "$sync")
	tok=$(token "$url" sam)
	seed "$url" "$tok"
	echo "== SQLite (synchronous=$sync), $REPORTS reports; mix: ${WRITE_PCT}% comments, ${LIST_PCT}% inbox pages, the rest report views (audited)"
	TOKEN=$tok wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench-serve.lua "$url"
	"$assure" audit verify --db "$work/data/assure.db"
	;;
postgres)
	: "${ASSURE_TEST_POSTGRES:?set ASSURE_TEST_POSTGRES (hint: . .ci/deps.d/postgres.sh)}"
	schema="bench_$$"
	PGOPTIONS="-c client_min_messages=warning" psql "$ASSURE_TEST_POSTGRES" -qc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
	case "$ASSURE_TEST_POSTGRES" in *\?*) db="$ASSURE_TEST_POSTGRES&search_path=$schema" ;; *) db="$ASSURE_TEST_POSTGRES?search_path=$schema" ;; esac
	printf '%s\n' "$pw" | "$assure" -C "$repo" serve account create --data "$work/data" --db "$db" --login sam --role security-team --password-stdin >/dev/null
	a=$(serve a --data "$work/data" --db "$db")
	b=$(serve b --data "$work/data" --db "$db")
	tok=$(token "$a" sam)
	seed "$a" "$tok"
	echo "== two servers ($a, $b) on one PostgreSQL: concurrent triage of the same $REPORTS reports, half the load on each"
	half=$((CONNECTIONS / 2))
	TOKEN=$tok MODE=triage wrk -t1 -c"$half" -d"$DURATION" --latency -s scripts/bench-serve.lua "$a" >"$work/wrk-a.txt" &
	wa=$!
	TOKEN=$tok MODE=triage wrk -t1 -c"$half" -d"$DURATION" --latency -s scripts/bench-serve.lua "$b" >"$work/wrk-b.txt"
	wait "$wa"
	for s in a b; do echo "-- server $s"; cat "$work/wrk-$s.txt"; done
	echo "== consistency: every report's stored vector is the one its own triage wrote (workaround = vector)"
	bad=0
	for i in $(seq "$REPORTS"); do
		curl -sf -H "Authorization: Bearer $tok" "$b/api/v1/reports/$i" |
			jq -e '.cvss.vector == .workaround and ([.history[] | select(.kind == "triage")] | length) >= 1' >/dev/null || bad=$((bad + 1))
	done
	echo "reports inconsistent: $bad of $REPORTS"
	"$assure" audit verify --db "$db" --key "$work/data/audit.pub"
	PGOPTIONS="-c client_min_messages=warning" psql "$ASSURE_TEST_POSTGRES" -qc "DROP SCHEMA $schema CASCADE"
	[ "$bad" -eq 0 ]
	;;
*)
	echo "usage: scripts/bench-serve.sh sqlite|postgres" >&2
	exit 2
	;;
esac
