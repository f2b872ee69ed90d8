#!/usr/bin/env bash
# `make demo`: the whole pipeline on a throwaway PostgreSQL holding self-hosted Sentry 26.x's schema
# and a simulator serving a sample sentry.io organization: export → transform → plan → apply →
# verify. Everything runs on this machine (Unix socket and loopback only) and is removed at the end.
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.."

bindir=$(swift build --show-bin-path)
bin=$bindir/sentry-migrate
[ -x "$bin" ] && [ -x "$bindir/sentry-sim" ] || fatal "not built; run 'make build'"
work=$(mktemp -d "${TMPDIR:-/tmp}/sentry-migrate-demo.XXXXXX")
sim_pid=""
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
    scripts/pg-stop.sh "$work/pg"
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*" | sed "s|$work|\$WORK|g; s|$bindir/||g" >&2; "$@"; }

step "1. A throwaway self-hosted Sentry database (PostgreSQL on a private Unix socket)"
chmod 0755 "$work" # the server runs as an unprivileged user when we are root
pg_env=$(scripts/pg-start.sh "$work/pg")
eval "$pg_env"
createdb sentry
psql -q -v ON_ERROR_STOP=1 -d sentry -f Tests/Fixtures/schema/sentry-26.x.sql >/dev/null
# Four people already signed in to self-hosted (by SSO, say): the mapping links them.
psql -q -v ON_ERROR_STOP=1 -d sentry >/dev/null <<'SQL'
INSERT INTO public.auth_user (id, password, username, first_name, email, is_staff, is_active, is_superuser,
    is_managed, is_password_expired, flags, date_joined, last_active)
SELECT 100 + n, '!', e, '', e, false, true, false, false, false, 0, now(), now()
FROM unnest(ARRAY['alice@acme.com', 'bob@acme.com', 'david@acme.com', 'erin@acme.com']) WITH ORDINALITY AS t(e, n);
INSERT INTO public.sentry_useremail (user_id, email, validation_hash, date_hash_added, is_verified)
SELECT id, email, md5(email), now(), true FROM public.auth_user;
SELECT setval('public.auth_user_id_seq', 200);
SQL
db="postgresql:///sentry?host=$PGHOST"
echo "Self-hosted Sentry 26.x schema loaded; users alice, bob, david and erin @acme.com exist; no organization yet."

step "2. A stand-in for sentry.io serving organization 'acme' (sentry-sim, loopback only)"
"$bindir/sentry-sim" --snapshot Tests/Fixtures/snapshots/acme-hosted --token demo-token --port 0 \
    --latency-ms 5 2>"$work/sim.log" &
sim_pid=$!
for _ in $(seq 100); do
    port=$(grep -o '127\.0\.0\.1:[0-9]*' "$work/sim.log" | head -n 1 | cut -d: -f2 || true)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "${port:-}" ] || { cat "$work/sim.log" >&2; fatal "sentry-sim did not start"; }
echo "sentry-sim listens on http://127.0.0.1:$port"
export SENTRY_AUTH_TOKEN=demo-token

step "3. export: the hosted organization into a snapshot folder"
run "$bin" export --url "http://127.0.0.1:$port" --org acme --out "$work/hosted"
ls "$work/hosted"

step "4. transform: through mappings/example.yaml (renames, merges, e-mail domain, roles, identity, waves)"
run "$bin" transform --snapshot "$work/hosted" --mapping mappings/example.yaml --out "$work/desired" --explain \
    >"$work/explain.txt"
echo "The first of $(wc -l <"$work/explain.txt") explanations (each names its mapping rule):"
head -n 10 "$work/explain.txt"

step "5. plan: the dry run reviewers approve (secrets never shown)"
run "$bin" plan --snapshot "$work/desired" --database "$db" --out "$work/plan.json"

step "6. apply: stage by stage, each in one transaction under an advisory lock"
run "$bin" apply "$work/plan.json" --database "$db"
run "$bin" status --database "$db"

step "7. verify: every entity, field and DSN accounted for"
run "$bin" verify --snapshot "$work/desired" --database "$db"

step "8. Planning again finds nothing to do"
run "$bin" plan --snapshot "$work/desired" --database "$db" --detailed-exitcode | tail -n 1

step "9. Drift after cutover is caught: someone deactivates a key on self-hosted"
psql -q -d sentry -c "UPDATE sentry_projectkey SET status = 1 WHERE id = (SELECT min(id) FROM sentry_projectkey)"
run "$bin" verify --snapshot "$work/desired" --database "$db" || echo "(exit code $?: differences found)"

printf '\nDone. Everything above ran against throwaway copies and has been removed.\n'
