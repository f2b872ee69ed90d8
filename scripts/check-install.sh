#!/usr/bin/env bash
# CI's check of `make install`: installs into a fresh prefix, then runs the installed binary from there,
# with no Swift toolchain on PATH or in the library path, through a real export (HTTP over loopback from
# sentry-sim, the debug build beside it, serving the sample organization with its secret keys), a real
# transform and a real plan against a throwaway PostgreSQL that holds Sentry 26.x's schema, reached
# through libpq's environment alone (no --database). Needs the PostgreSQL environment of
# scripts/with-postgres.sh:
#
#   scripts/with-postgres.sh scripts/check-install.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.."
: "${PGHOST:?run through scripts/with-postgres.sh}"

work=$(mktemp -d "${TMPDIR:-/tmp}/sentry-migrate-install.XXXXXX")
sim_pid=""
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
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
# What it loads directly is what README and docs/runbook.md §10 tell an admin to install (Debian:
# libpq5, libcurl4 for URLSession, libstdc++6, libgcc-s1, libc6). A new one must be documented there.
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(lib.*\)\]/\1/p' | LC_ALL=C sort | tr '\n' ' ')
[ "$needed" = "libc.so.6 libcurl.so.4 libgcc_s.so.1 libm.so.6 libpq.so.5 libstdc++.so.6 " ] \
    || fatal "the installed binary loads $needed; update README and docs/runbook.md §10, then this list"
grep -q '^\.Sh NAME' "$prefix/share/man/man1/sentry-migrate.1" || fatal "the man page has no NAME section"
grep -q 'apply' "$prefix/share/man/man1/sentry-migrate.1" || fatal "the man page does not describe apply"
bash -n "$prefix/share/bash-completion/completions/sentry-migrate" || fatal "the bash completion does not parse"
grep -q -- '--database' "$prefix/share/bash-completion/completions/sentry-migrate" \
    || fatal "the bash completion does not know --database"

# Only the system's directories: no toolchain to fall back on.
run() { env -i PATH=/usr/bin:/bin HOME="$work" PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" \
    PGDATABASE=sentry_install_check SENTRY_AUTH_TOKEN=install-check "$bin" "$@"; }

run --version >/dev/null

# The plan needs the snapshot's secret keys, which only an export writes (the fixture has none).
swift=${SWIFT:-swift}
read -r -a extra <<<"${SWIFT_BUILD_FLAGS:-}"
"$swift" build "${extra[@]}" --product sentry-sim >/dev/null
"$("$swift" build "${extra[@]}" --show-bin-path)/sentry-sim" --snapshot Tests/Fixtures/snapshots/acme-hosted \
    --token install-check --port 0 2>"$work/sim.log" &
sim_pid=$!
port=""
for _ in $(seq 100); do
    port=$(grep -o '127\.0\.0\.1:[0-9]*' "$work/sim.log" 2>/dev/null | head -n 1 | cut -d: -f2 || true)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$work/sim.log" >&2; fatal "sentry-sim did not start"; }
run export --url "http://127.0.0.1:$port" --org acme --out "$work/hosted" 2>"$work/export.log" \
    || { cat "$work/export.log" >&2; fatal "export from the prefix failed"; }
[ -s "$work/hosted/secrets/keys.json" ] || fatal "export from the prefix wrote no secrets/keys.json"
run transform --snapshot "$work/hosted" --mapping mappings/example.yaml --out "$work/desired" >/dev/null

psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS sentry_install_check' -c 'CREATE DATABASE sentry_install_check'
psql -X -q -v ON_ERROR_STOP=1 -d sentry_install_check -f Tests/Fixtures/schema/sentry-26.x.sql >/dev/null
# The people mappings/example.yaml links (identity: link), as `make demo` has them: the plan's rehearsal
# refuses a member to link with no user.
psql -X -q -v ON_ERROR_STOP=1 -d sentry_install_check >/dev/null <<'SQL'
INSERT INTO public.auth_user (id, password, username, first_name, email, is_staff, is_active, is_superuser,
    is_managed, is_password_expired, flags, date_joined, last_active)
SELECT 100 + n, '!', e, '', e, false, true, false, false, false, 0, now(), now()
FROM unnest(ARRAY['alice@acme.com', 'bob@acme.com', 'david@acme.com', 'erin@acme.com']) WITH ORDINALITY AS t(e, n);
INSERT INTO public.sentry_useremail (user_id, email, validation_hash, date_hash_added, is_verified)
SELECT id, email, md5(email), now(), true FROM public.auth_user;
SQL
status=0
run plan --snapshot "$work/desired" --detailed-exitcode >"$work/plan.txt" || status=$?
psql -X -q -d postgres -c 'DROP DATABASE sentry_install_check'
[ "$status" -eq 2 ] || { cat "$work/plan.txt" >&2; fatal "plan from the prefix exited $status, expected 2 (changes)"; }
grep -q 'acme-selfhosted' "$work/plan.txt" || fatal "the plan does not name the organization"
log "install check: ok ($prefix; $(du -h "$bin" | cut -f1) binary)"
