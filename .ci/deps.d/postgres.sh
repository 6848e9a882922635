# PostgreSQL for the store tests of the security issue management server
# (internal/store, internal/audit): the same conformance suite runs against
# SQLite and against a real PostgreSQL server. This file installs the Debian
# package when it is missing, starts a private cluster owned by the postgres
# user that listens only on a Unix socket (no TCP port to collide with), and
# exports ASSURE_TEST_POSTGRES, the DSN the tests read. Without it those tests
# fail and say to run .ci/run. Sourced by .ci/run; safe to source twice.

if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
	echo "== installing postgresql (for the store tests)"
	if [ -z "${apt_updated:-}" ]; then apt-get update -qq; apt_updated=1; fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

assure_pg_start() {
	local bin dir port=55432
	bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	dir="${ASSURE_PG_DIR:-${TMPDIR:-/tmp}/assure-pg}"
	if [ "$(id -u)" -eq 0 ]; then
		as_pg() { runuser -u postgres -- "$@"; }
	else
		as_pg() { "$@"; }
	fi
	if [ ! -s "$dir/data/PG_VERSION" ]; then
		mkdir -p "$dir"
		[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
		as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
	fi
	if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
			-o "-c listen_addresses='' -k $dir -p $port -c max_connections=200" start >/dev/null
	fi
	as_pg "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 >/dev/null <<-SQL
		SELECT 'CREATE ROLE assure LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'assure')\gexec
		SELECT 'CREATE DATABASE assure_test OWNER assure' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'assure_test')\gexec
	SQL
	export ASSURE_TEST_POSTGRES="postgres://assure@/assure_test?host=$dir&port=$port&sslmode=disable"
	echo "== PostgreSQL for the store tests: $ASSURE_TEST_POSTGRES"
}
assure_pg_start
