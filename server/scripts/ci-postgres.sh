#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on loopback for the server's test suite and prints its
# connection URL (one line on stdout; everything else goes to stderr):
#
#   export TEST_DATABASE_URL="$(bash server/scripts/ci-postgres.sh)"
#   npx vitest run tests/server
#   bash server/scripts/ci-postgres.sh stop        # optional: stops the cluster
#
# - Installs Debian's `postgresql` package when no initdb is found (needs root and apt).
# - The cluster lives in $PG_DIR (default /tmp/idphoto-ci-pg), owned by the `postgres` OS user,
#   listens on 127.0.0.1:$PG_PORT only (default 55432) and on a Unix socket inside $PG_DIR.
# - Host connections need a password (scram-sha-256); a random one is made once per cluster.
# - Idempotent: when the cluster in $PG_DIR is already running, it is reused.
set -euo pipefail

PG_DIR="${PG_DIR:-/tmp/idphoto-ci-pg}"
PG_PORT="${PG_PORT:-55432}"
DB_NAME="${PG_DB:-idphoto_test}"
DB_USER="${PG_USER:-idphoto}"

log() { echo "ci-postgres: $*" >&2; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_pg() {
	if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

BIN="$(find_bin)"
if [ "${1:-}" = stop ]; then
	[ -n "$BIN" ] && [ -f "$PG_DIR/data/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >&2
	exit 0
fi

if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
	log "installing postgresql from Debian"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends postgresql >&2
	BIN="$(find_bin)"
fi
[ -x "$BIN/initdb" ] || { log "initdb not found after install"; exit 1; }
id postgres >/dev/null 2>&1 || { log "no 'postgres' OS user"; exit 1; }

mkdir -p "$PG_DIR"
chown postgres:postgres "$PG_DIR"
chmod 700 "$PG_DIR"

if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
	log "initdb in $PG_DIR/data"
	head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PG_DIR/password"
	chown postgres:postgres "$PG_DIR/password"
	chmod 600 "$PG_DIR/password"
	as_pg "$BIN/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
		--encoding=UTF8 --locale=C.UTF-8 >&2
fi
PASSWORD="$(cat "$PG_DIR/password")"

if ! as_pg "$BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
	log "starting on 127.0.0.1:$PG_PORT"
	as_pg "$BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=200" start >&2
fi

psql_su() { as_pg "$BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_su -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]; then
	psql_su -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_su -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
	psql_su -c "CREATE DATABASE $DB_NAME OWNER $DB_USER" >&2
fi
as_pg "$BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >&2

echo "postgres://$DB_USER:$PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
