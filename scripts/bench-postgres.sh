#!/usr/bin/env bash
# Fleet recording benchmark: builds the Benchmarks executable in release (its own scratch path),
# starts a throwaway PostgreSQL server on loopback in a temporary directory (initdb + pg_ctl, as
# the postgres user when run as root; stopped and removed on exit), then has 20 nodes record a
# 4,096-user scrape every 10 s into it (30 timed rounds after a warm-up round) in two arrival
# patterns: all nodes of a round at once (the pacing compressed, no round waits 10 s), then spread
# evenly over each 10 s in real time (node i at i × 0.5 s; about 5 minutes), and times each
# scrape's `record`: p50, p95, max. The same workload then runs on SQLite in the same run (every
# node into one file), the single-host store. Prints a Markdown table for docs/benchmarks.md.
#
# The server keeps PostgreSQL's defaults (fsync and synchronous_commit on), listens on 127.0.0.1
# only and trusts loopback connections (the throwaway cluster has no password).
#
# Usage: scripts/bench-postgres.sh [--nodes N] [--users U] [--rounds R] [--arrival together|spread|both]
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=20 users=4096 rounds=30 arrival=both
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --arrival) arrival=$2; shift 2 ;;
    *) echo "bench-postgres: unknown option $1" >&2; exit 2 ;;
  esac
done

pg_bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)
[ -n "$pg_bin" ] || { echo "bench-postgres: no PostgreSQL under /usr/lib/postgresql: run scripts/setup.sh" >&2; exit 1; }

scratch=.build-bench
build_log=$(mktemp)
swift build -c release --product Benchmarks --scratch-path "$scratch" >"$build_log" 2>&1 || { cat "$build_log" >&2; exit 1; }
rm -f "$build_log"
bin="$scratch/release/Benchmarks"

work=$(mktemp -d /tmp/bench-postgres.XXXXXX)
as_server=()
if [ "$(id -u)" = 0 ]; then
  as_server=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
stop() {
  if [ -f "$work/data/postmaster.pid" ]; then
    "${as_server[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap stop EXIT
mkdir -p "$work/socket" "$work/sqlite"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$work"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_server[@]}" "$pg_bin/initdb" -D "$work/data" -U admin -E UTF8 --no-locale --auth-local=trust --auth-host=trust >/dev/null
"${as_server[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 30 \
  -o "-p $port -k $work/socket -c listen_addresses=127.0.0.1" start >/dev/null
"${as_server[@]}" "$pg_bin/psql" -X -q -h "$work/socket" -p "$port" -U admin -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE bench LOGIN" -c "CREATE DATABASE bench OWNER bench"
version=$("$pg_bin/postgres" --version | awk '{print $3}')

echo "### Fleet recording, release, $(date -u +%Y-%m-%d), $(nproc) cores, PostgreSQL $version and SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)') on the same host"
echo
"$bin" fleet-record --postgres "postgres://bench@127.0.0.1:$port/bench?sslmode=disable" \
  --nodes "$nodes" --users "$users" --rounds "$rounds" --arrival "$arrival" --dir "$work/sqlite"
