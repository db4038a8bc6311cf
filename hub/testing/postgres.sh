#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the hub's tests, or finds the one
# already running, and prints the line that points the tests at it:
#   eval "$(bash hub/testing/postgres.sh)"     # then: npx vitest run hub
#   bash hub/testing/postgres.sh stop           # stops it again
# The cluster lives in $BARAZA_PG_DIR (default /tmp/baraza-test-pg), trusts loopback
# connections and skips fsync: it holds test data only. initdb refuses to run as root,
# so as root the server runs as the postgres user that Debian's package creates.
set -euo pipefail

dir=${BARAZA_PG_DIR:-/tmp/baraza-test-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found; install them with: apt-get install postgresql" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  if [ -f "$dir/data/PG_VERSION" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; fi
  exit 0
fi

mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
fi

if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  # A new free port at every start: a port saved from an earlier run may be taken by now.
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  echo "$port" >"$dir/port"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { tail -n 20 "$dir/server.log" >&2; exit 1; }
fi
port=$(cat "$dir/port")

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"; }
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'baraza'")" != 1 ]; then
  psql_admin -c "CREATE ROLE baraza LOGIN PASSWORD 'baraza'"
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'baraza_test'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE baraza_test OWNER baraza"
fi

echo "export BARAZA_TEST_DATABASE_URL=postgresql://baraza:baraza@127.0.0.1:$port/baraza_test"
