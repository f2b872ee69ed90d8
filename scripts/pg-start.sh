#!/usr/bin/env bash
# Starts a private, throwaway PostgreSQL cluster and prints the environment that reaches it.
# It listens on a Unix socket inside its own folder only (no TCP at all) and trusts local
# connections, so it must never hold real data.
#
#   eval "$(scripts/pg-start.sh DIR)"   # exports PGHOST, PGPORT, PGUSER, SENTRY_MIGRATE_TEST_DATABASE_URL
#   scripts/pg-stop.sh DIR
source "$(dirname "$0")/lib.sh"

dir=${1:?usage: pg-start.sh DIR}
bindir=$(pg_bindir)
user=$(pg_os_user)

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ -f "$dir/data/postmaster.pid" ]; then
    fatal "a cluster already runs in $dir; stop it with scripts/pg-stop.sh $dir"
fi
rm -rf "$dir/data" "$dir/socket" "$dir/server.log"
mkdir -p "$dir/data" "$dir/socket"
if [ "$(id -u)" -eq 0 ]; then
    chown "$user" "$dir" "$dir/data" "$dir/socket"
    # The unprivileged server must be able to reach its folder.
    chmod 0755 "$dir"
fi
chmod 0700 "$dir/data"
as_pg_user "$user" test -w "$dir/data" \
    || fatal "user '$user' cannot reach $dir; make every parent folder traversable (chmod o+x) or pick another DIR"
chmod 0755 "$dir/socket"

as_pg_user "$user" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; fatal "initdb failed (log above)"; }

# Settings for a disposable test server: no TCP, fast and not crash-safe.
as_pg_user "$user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir/socket -p 5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null \
    || { cat "$dir/server.log" >&2; fatal "PostgreSQL did not start (log above)"; }

cat <<ENV
export PGHOST='$dir/socket'
export PGPORT=5432
export PGUSER=postgres
export PGDATABASE=postgres
export SENTRY_MIGRATE_TEST_DATABASE_URL='postgresql:///postgres?host=$dir/socket&port=5432&user=postgres'
ENV
