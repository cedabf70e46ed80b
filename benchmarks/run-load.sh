#!/usr/bin/env bash
# The load tests over HTTP (benchmarks/README.md, "Load tests over HTTP"): builds the benchmarks jar,
# then runs every scenario against the quickstart server in memory, on H2 and on PostgreSQL, and
# writes benchmarks/target/load-results.md. Options after the script's name go to LoadRun (--help).
#
# PostgreSQL: the database in ROSTER_LOAD_JDBC_URL (with ROSTER_LOAD_JDBC_USER and
# ROSTER_LOAD_JDBC_PASSWORD) if set; else, run as root on Debian, a throwaway server of its own
# on 127.0.0.1 (installed from Debian's packages if missing), removed on exit, as .ci/run does;
# else PostgreSQL is left out, with a message. Nothing else needs installing: the load generator
# is Java, in the jar.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -DskipTests -pl benchmarks -am package

pg_dir=""
pg_bin=""

stop_postgres() {
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true
  fi
  if [ -n "$pg_dir" ]; then
    rm -rf "$pg_dir"
  fi
}

start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "No PostgreSQL server found; installing it from Debian's packages"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
  fi
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

  local port=54339
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1)) # taken: try the next one
  done

  pg_dir=$(mktemp -d /tmp/roster-load-postgres.XXXXXX)
  trap stop_postgres EXIT
  chown postgres:postgres "$pg_dir"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -E UTF8 \
    --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >"$pg_dir/initdb.log"
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pg_dir" start >/dev/null
  runuser -u postgres -- "$pg_bin/psql" -h "$pg_dir" -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE roster LOGIN PASSWORD 'roster'" \
    -c "CREATE DATABASE roster_load OWNER roster"

  export ROSTER_LOAD_JDBC_URL="jdbc:postgresql://127.0.0.1:$port/roster_load"
  export ROSTER_LOAD_JDBC_USER=roster
  export ROSTER_LOAD_JDBC_PASSWORD=roster
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the load run"
}

if [ -n "${ROSTER_LOAD_JDBC_URL:-}" ]; then
  echo "Using the PostgreSQL database given in ROSTER_LOAD_JDBC_URL"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  start_postgres
else
  echo "Not root on Debian and no ROSTER_LOAD_JDBC_URL: PostgreSQL is left out"
fi

java -cp benchmarks/target/roster-benchmarks.jar dev.roster.scim.benchmarks.load.LoadRun "$@"
