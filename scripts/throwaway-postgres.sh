#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server:
#
#     scripts/throwaway-postgres.sh make test
#
# Starts a fresh cluster from Debian's packages in a mktemp directory, listening only on
# 127.0.0.1 (first free port from PG_PORT, default 54329; its unix socket stays inside
# the directory), creates role and database `score`, runs the command with
# DATABASE_URL=postgres://score:...@127.0.0.1:PORT/score, then always stops the server
# and removes the directory. Exits with the command's status.
#
# initdb refuses to run as root, so as root the server runs as the `postgres` system user
# (created by Debian's postgresql-common; created here if absent) and Debian's
# `postgresql` package is installed if missing. As another user the server runs as that
# user. fsync is off: the data is thrown away anyway. PG_BINDIR picks the binaries
# (default: the newest /usr/lib/postgresql/N/bin, N >= 15).
set -euo pipefail

[ "$#" -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
caller_dir="$PWD"
say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

find_bindir() {
    local dir best="" best_version=0 version
    for dir in /usr/lib/postgresql/*/bin; do
        if [ ! -x "$dir/initdb" ] || [ ! -x "$dir/pg_ctl" ]; then continue; fi
        version="$(basename "$(dirname "$dir")")"
        if ! [[ "$version" =~ ^[0-9]+$ ]] || [ "$version" -lt 15 ]; then continue; fi
        if [ "$version" -gt "$best_version" ]; then best="$dir"; best_version="$version"; fi
    done
    printf '%s' "$best"
}

bindir="${PG_BINDIR:-$(find_bindir)}"
if [ -z "$bindir" ]; then
    # Exit status 3 from system-packages.sh: not root, it printed what to install.
    bash "$root/scripts/system-packages.sh" postgresql
    bindir="$(find_bindir)"
    [ -n "$bindir" ] || die "no PostgreSQL 15+ found under /usr/lib/postgresql/ after installing."
fi
[ -x "$bindir/initdb" ] || die "$bindir/initdb not found (set PG_BINDIR)."

if is_root; then
    pg_user=postgres
    if ! id "$pg_user" >/dev/null 2>&1; then
        say "Creating system user $pg_user"
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$pg_user"
    fi
    as_pg() { runuser -u "$pg_user" -- "$@"; }
else
    pg_user="$(id -un)"
    as_pg() { "$@"; }
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port="${PG_PORT:-54329}"
last=$((port + 50))
while port_in_use "$port"; do
    port=$((port + 1))
    [ "$port" -le "$last" ] || die "no free port between ${PG_PORT:-54329} and $last."
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/score-pg.XXXXXX")"
started=""
# shellcheck disable=SC2317  # called by the trap
cleanup() {
    local status=$?
    if [ -n "$started" ]; then
        say "Stopping the throwaway PostgreSQL server"
        (cd "$tmp" && as_pg "$bindir/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null 2>&1) \
            || (cd "$tmp" && as_pg "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop \
                >/dev/null 2>&1) || true
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
mkdir "$tmp/sock"
printf '%s\n' "$password" >"$tmp/pwfile"
chmod 700 "$tmp"
chmod 600 "$tmp/pwfile"
if is_root; then chown -R "$pg_user:" "$tmp"; fi

say "Starting a throwaway PostgreSQL $(basename "$(dirname "$bindir")") on 127.0.0.1:$port ($tmp)"
cd "$tmp"  # the server user may not be allowed into the caller's directory
as_pg "$bindir/initdb" --pgdata="$tmp/data" --username=score --pwfile="$tmp/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale --no-sync \
    >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; die "initdb failed."; }
cat >>"$tmp/data/postgresql.conf" <<EOF

# throwaway server for tests (scripts/throwaway-postgres.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$tmp/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
# A test that waits on a lock or runs a runaway query fails with the statement named
# instead of hanging the run; lock waits are logged and printed when the command fails.
lock_timeout = '120s'
statement_timeout = '180s'
deadlock_timeout = '5s'
log_lock_waits = on
EOF
started=yes
as_pg "$bindir/pg_ctl" --pgdata="$tmp/data" --log="$tmp/postgres.log" --wait --timeout=60 \
    start >/dev/null || { cat "$tmp/postgres.log" >&2; die "the PostgreSQL server did not start."; }
PGPASSWORD="$password" "$bindir/createdb" --host=127.0.0.1 --port="$port" --username=score \
    --owner=score score

export DATABASE_URL="postgres://score:$password@127.0.0.1:$port/score"
cd "$caller_dir"
say "DATABASE_URL=postgres://score:***@127.0.0.1:$port/score"
set +e
"$@"
status=$?
set -e
if [ "$status" -ne 0 ] && [ -f "$tmp/postgres.log" ]; then
    say "The command failed; the server's log of errors and lock waits (last 40 lines):"
    grep -E 'ERROR|FATAL|lock|deadlock' "$tmp/postgres.log" | tail -n 40 >&2 || true
fi
exit "$status"
