#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster, and always stops the cluster afterwards.
#   scripts/with-postgres.sh swift test
source "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || fatal "usage: with-postgres.sh COMMAND [ARGS...]"
dir=$(mktemp -d "${TMPDIR:-/tmp}/sentry-migrate-pg.XXXXXX")
stop() { "$(dirname "$0")/pg-stop.sh" "$dir"; }
trap stop EXIT INT TERM
pg_env=$("$(dirname "$0")/pg-start.sh" "$dir")
eval "$pg_env"
log "PostgreSQL (throwaway) on socket $PGHOST"
"$@"
