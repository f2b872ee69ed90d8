#!/usr/bin/env bash
# CI's check of `make install`: installs into a fresh prefix, then runs the installed binary from there,
# with no Swift toolchain on PATH or in the library path, through a real transform and a real plan
# against a throwaway PostgreSQL that holds Sentry 26.x's schema, reached through libpq's environment
# alone (no --database). Needs the PostgreSQL environment of scripts/with-postgres.sh:
#
#   scripts/with-postgres.sh scripts/check-install.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.."
: "${PGHOST:?run through scripts/with-postgres.sh}"

work=$(mktemp -d "${TMPDIR:-/tmp}/sentry-migrate-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

make --no-print-directory install PREFIX="$prefix"

bin="$prefix/bin/sentry-migrate"
for file in "$bin" "$prefix/share/man/man1/sentry-migrate.1" \
    "$prefix/share/bash-completion/completions/sentry-migrate" "$prefix/share/zsh/site-functions/_sentry-migrate" \
    "$prefix/share/fish/vendor_completions.d/sentry-migrate.fish"; do
    [ -s "$file" ] || fatal "make install did not install $file"
done

# Swift's runtime is inside the binary: nothing it loads comes from a Swift toolchain.
if ldd "$bin" | grep -E 'libswift|libFoundation|libdispatch|/swift/'; then
    fatal "the installed binary still loads Swift libraries (above)"
fi
grep -q '^\.Sh NAME' "$prefix/share/man/man1/sentry-migrate.1" || fatal "the man page has no NAME section"
grep -q 'apply' "$prefix/share/man/man1/sentry-migrate.1" || fatal "the man page does not describe apply"
bash -n "$prefix/share/bash-completion/completions/sentry-migrate" || fatal "the bash completion does not parse"
grep -q -- '--database' "$prefix/share/bash-completion/completions/sentry-migrate" \
    || fatal "the bash completion does not know --database"

# Only the system's directories: no toolchain to fall back on.
run() { env -i PATH=/usr/bin:/bin HOME="$work" PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" \
    PGDATABASE=sentry_install_check "$bin" "$@"; }

run --version >/dev/null
run transform --snapshot Tests/Fixtures/snapshots/acme-hosted --mapping mappings/example.yaml \
    --out "$work/desired" >/dev/null

psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS sentry_install_check' -c 'CREATE DATABASE sentry_install_check'
psql -X -q -v ON_ERROR_STOP=1 -d sentry_install_check -f Tests/Fixtures/schema/sentry-26.x.sql >/dev/null
status=0
run plan --snapshot "$work/desired" --detailed-exitcode >"$work/plan.txt" || status=$?
psql -X -q -d postgres -c 'DROP DATABASE sentry_install_check'
[ "$status" -eq 2 ] || { cat "$work/plan.txt" >&2; fatal "plan from the prefix exited $status, expected 2 (changes)"; }
grep -q 'acme-selfhosted' "$work/plan.txt" || fatal "the plan does not name the organization"
log "install check: ok ($prefix; $(du -h "$bin" | cut -f1) binary)"
