#!/usr/bin/env bash
# `make conformance`: Sentry 23.7.1's own code reads back what `sentry-migrate apply` wrote and
# compares it with the desired snapshot, field by field (docs/conformance.md).
#
# For each scenario: a throwaway PostgreSQL holding a database Sentry 23.7.1 migrated itself,
# users made by Sentry's ORM, then the real pipeline (sentry-sim → export → transform → plan →
# apply → verify), then scripts/conformance/check.py inside Sentry (`sentry exec`).
#   scripts/conformance/run.sh [SCENARIO...]     scenarios: example generated published finish (default: all)
#   KEEP=1 keeps the work folder for a look afterwards.
source "$(dirname "$0")/lib.sh"
source "$conformance_dir/sentry-env.sh"
source "$conformance_dir/finish.sh"
cd "$repo_dir"

bindir=$(swift build --show-bin-path)
bin=$bindir/sentry-migrate
[ -x "$bin" ] && [ -x "$bindir/sentry-sim" ] || fatal "not built; run 'make build' (or 'make conformance', which builds)"

work=$(mktemp -d "${TMPDIR:-/tmp}/sentry-migrate-conformance.XXXXXX")
chmod 0755 "$work" # the PostgreSQL server runs as an unprivileged user when we are root
sim_pid=""
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
    sentry_env_down "$work"
    scripts/pg-stop.sh "$work/pg"
    if [ -n "${KEEP:-}" ]; then log "conformance: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

step() { printf '\n== %s\n' "$*" >&2; }
started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started))s"; }

step "Sentry $sentry_version environment (virtualenv cache: $venv_dir)"
eval "$(scripts/pg-start.sh "$work/pg")"
export SENTRY_DB_NAME=sentry_template
sentry_env_up "$work"
log "virtualenv ready, Redis on 127.0.0.1:$SENTRY_REDIS_PORT ($(elapsed))"

# The schema: a database Sentry 23.7.1 migrated itself (`sentry upgrade`), dumped once into the
# cache and restored from there on later runs (docs/conformance.md: why not the fixture alone).
schema_dump=$shared_cache/sentry-$sentry_version-upgraded.dump
if [ ! -s "$schema_dump" ]; then
    step "sentry upgrade: Sentry $sentry_version migrates an empty database (once; then cached)"
    createdb sentry_template
    sentry_cmd upgrade --noinput >"$work/upgrade.log" 2>&1 \
        || { tail -n 40 "$work/upgrade.log" >&2; fatal "sentry upgrade failed (last lines above)"; }
    pg_dump -Fc -d sentry_template -f "$schema_dump.tmp" && mv "$schema_dump.tmp" "$schema_dump"
    log "migrated and cached in $schema_dump ($(elapsed))"
fi

# The project's 23.7.1 schema fixture (what `swift test` runs against) must be what Sentry's own
# migrations make: the same columns, types, nullability and indexes in every table it holds.
check_fixture_schema() {
    local real=$1 tables q
    createdb fixture_check
    psql -q -v ON_ERROR_STOP=1 -d fixture_check -f Tests/Fixtures/schema/sentry-$sentry_version.sql >/dev/null
    tables=$(psql -At -d fixture_check -c "SELECT string_agg(quote_literal(table_name), ',') FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name <> 'django_migrations'")
    q="SELECT table_name, column_name, data_type, is_nullable, coalesce(character_maximum_length::text, '')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ($tables)
        UNION ALL SELECT tablename, indexname, indexdef, '', '' FROM pg_indexes
        WHERE schemaname = 'public' AND tablename IN ($tables) ORDER BY 1, 2, 3"
    if ! diff <(psql -At -d fixture_check -c "$q") <(psql -At -d "$real" -c "$q") >"$work/fixture-schema.diff"; then
        cat "$work/fixture-schema.diff" >&2
        fatal "Tests/Fixtures/schema/sentry-$sentry_version.sql differs from the schema Sentry $sentry_version's migrations make (< fixture, > Sentry; table|column|type|nullable|length or table|index|definition). Fix the fixture (scripts/build-schema-fixtures.sh)"
    fi
    dropdb fixture_check
    log "Tests/Fixtures/schema/sentry-$sentry_version.sql matches what Sentry's migrations make ($(wc -w <<<"${tables//,/ }") tables)"
}

# Runs the real pipeline for one scenario and lets Sentry read the result.
#   scenario NAME ORG SIM_ARGS MAPPING
scenario() {
    local name=$1 org=$2 sim_args=$3 mapping=$4 dir=$work/$1
    step "scenario '$name': a fresh self-hosted database from the migrated dump"
    mkdir -p "$dir"
    export SENTRY_DB_NAME=sentry_$name
    createdb "$SENTRY_DB_NAME"
    pg_restore --no-owner -d "$SENTRY_DB_NAME" "$schema_dump" \
        || fatal "pg_restore of $schema_dump failed; delete it to migrate again"
    local db="postgresql:///$SENTRY_DB_NAME?host=$PGHOST"
    [ -n "$fixture_checked" ] || { check_fixture_schema "$SENTRY_DB_NAME"; fixture_checked=1; }

    # People who already use the self-hosted Sentry, made by Sentry's own ORM: the mapping's
    # `identity: link` finds them by e-mail.
    if [ -n "${SEED_USERS:-}" ]; then
        CONFORMANCE_USERS=$SEED_USERS sentry_cmd exec "$conformance_dir/seed_users.py" \
            || fatal "creating users through Sentry's ORM failed (output above)"
    fi

    # shellcheck disable=SC2086
    "$bindir/sentry-sim" $sim_args --token conformance-token --port 0 2>"$dir/sim.log" &
    sim_pid=$!
    local port="" _
    for _ in $(seq 100); do
        port=$(grep -o '127\.0\.0\.1:[0-9]*' "$dir/sim.log" | head -n 1 | cut -d: -f2 || true)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$dir/sim.log" >&2; fatal "sentry-sim did not start"; }

    local desired=$dir/hosted
    SENTRY_AUTH_TOKEN=conformance-token "$bin" export --url "http://127.0.0.1:$port" --org "$org" \
        --out "$dir/hosted" >"$dir/export.log" 2>&1 \
        || { cat "$dir/export.log" >&2; fatal "export from sentry-sim failed (output above)"; }
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
    sim_pid=""
    if [ -n "$mapping" ]; then
        desired=$dir/desired
        "$bin" transform --snapshot "$dir/hosted" --mapping "$mapping" --out "$desired" >"$dir/transform.log" 2>&1 \
            || { cat "$dir/transform.log" >&2; fatal "transform failed (output above)"; }
    fi
    "$bin" plan --snapshot "$desired" --database "$db" --out "$dir/plan.json" >"$dir/plan.txt" 2>&1 \
        || { cat "$dir/plan.txt" >&2; fatal "plan against Sentry $sentry_version's own schema failed (output above)"; }
    tail -n 1 "$dir/plan.txt" >&2
    "$bin" apply "$dir/plan.json" --database "$db" >"$dir/apply.log" 2>&1 \
        || { cat "$dir/apply.log" >&2; fatal "apply into Sentry $sentry_version's own schema failed (output above)"; }
    "$bin" verify --snapshot "$desired" --database "$db" >"$dir/verify.log" 2>&1 \
        || { cat "$dir/verify.log" >&2; fatal "sentry-migrate verify found differences (output above)"; }

    step "scenario '$name': Sentry $sentry_version reads it back ($(elapsed))"
    CONFORMANCE_SNAPSHOT=$desired CONFORMANCE_PLAN=$dir/plan.json \
        sentry_cmd exec "$conformance_dir/check.py" || return 1
    [ -z "${FINISH_ALERTS:-}" ] || finish_alerts "$dir" || return 1
    if [ -n "${UPDATED_SIM_ARGS:-}" ]; then
        change_phase updated "$UPDATED_SIM_ARGS" '"metric-alerts update"' "" CONFORMANCE_UPDATED || return 1
        change_phase pruned "$PRUNED_SIM_ARGS" '"metric-alerts delete"' --prune CONFORMANCE_PRUNED || return 1
        desired=$dir/pruned/desired
    fi
    [ -z "${TAMPER:-}" ] || tamper "$desired" "$dir"
}

# The same organization changed on sentry.io since the last migration: exported again, transformed,
# planned (the plan must hold exactly EXPECTED, e.g. '"metric-alerts update"'), applied, verified, and
# read back by Sentry with CHECK_ENV=1; the plan after that must be empty. Before the first change,
# the subscriptions are made ACTIVE with a Snuba id, as create_subscription_in_snuba leaves them, so
# that the update moves live subscriptions.
#   change_phase LABEL SIM_ARGS EXPECTED PLAN_FLAGS CHECK_ENV
change_phase() {
    local label=$1 sim_args=$2 expected=$3 flags=$4 check_env=$5 up=$dir/$1
    step "scenario '$name': the alerts changed on sentry.io ($label) are planned and applied"
    mkdir -p "$up"
    psql -q -v ON_ERROR_STOP=1 -d "$SENTRY_DB_NAME" -c \
        "UPDATE sentry_querysubscription SET status = 0, subscription_id = '0/conformance' || id WHERE status = 1"
    # shellcheck disable=SC2086
    "$bindir/sentry-sim" $sim_args --token conformance-token --port 0 2>"$up/sim.log" &
    sim_pid=$!
    local port="" _
    for _ in $(seq 100); do
        port=$(grep -o '127\.0\.0\.1:[0-9]*' "$up/sim.log" | head -n 1 | cut -d: -f2 || true)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$up/sim.log" >&2; fatal "sentry-sim did not start"; }
    SENTRY_AUTH_TOKEN=conformance-token "$bin" export --url "http://127.0.0.1:$port" --org "$org" \
        --out "$up/hosted" >"$up/export.log" 2>&1 \
        || { cat "$up/export.log" >&2; fatal "export of the changed organization failed (output above)"; }
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
    sim_pid=""
    "$bin" transform --snapshot "$up/hosted" --mapping "$mapping" --out "$up/desired" >"$up/transform.log" 2>&1 \
        || { cat "$up/transform.log" >&2; fatal "transform of the changed organization failed (output above)"; }
    # shellcheck disable=SC2086
    "$bin" plan --snapshot "$up/desired" --database "$db" $flags --out "$up/plan.json" >"$up/plan.txt" 2>&1 \
        || { cat "$up/plan.txt" >&2; fatal "plan of the changed alerts failed (output above)"; }
    local changes
    changes=$(jq '[.changes[] | select(.action != "keep")] | map("\(.stage) \(.action)") | unique | join(", ")' "$up/plan.json")
    [ "$changes" = "$expected" ] \
        || { cat "$up/plan.txt" >&2; fatal "the plan of the changed alerts holds $changes, not only $expected"; }
    "$bin" apply "$up/plan.json" --database "$db" >"$up/apply.log" 2>&1 \
        || { cat "$up/apply.log" >&2; fatal "apply of the changed alerts failed (output above)"; }
    "$bin" verify --snapshot "$up/desired" --database "$db" >"$up/verify.log" 2>&1 \
        || { cat "$up/verify.log" >&2; fatal "verify after the change found differences (output above)"; }
    # shellcheck disable=SC2086
    "$bin" plan --snapshot "$up/desired" --database "$db" $flags --out "$up/replan.json" >"$up/replan.txt" 2>&1 \
        || { cat "$up/replan.txt" >&2; fatal "the plan after the change failed (output above)"; }
    [ "$(jq '[.changes[] | select(.action != "keep")] | length' "$up/replan.json")" = 0 ] \
        || { cat "$up/replan.txt" >&2; fatal "the plan after the change is not empty (above)"; }
    step "scenario '$name': Sentry $sentry_version reads the alerts back after the change ($label, $(elapsed))"
    (
        export "$check_env=1"
        CONFORMANCE_SNAPSHOT=$up/desired CONFORMANCE_PLAN=$dir/plan.json sentry_cmd exec "$conformance_dir/check.py"
    )
}

# The checker must be able to fail: faults written behind apply's back (scripts/conformance/
# tamper-NAME.sql), each of which Sentry reads differently from the snapshot, must each come out as
# the MISMATCH line its `-- want:` comment names.
tamper() {
    local desired=$1 dir=$2 out=$2/tampered.txt sql=$conformance_dir/tamper-$name.sql
    local wants=()
    mapfile -t wants < <(sed -n 's/^-- want: //p' "$sql")
    step "scenario '$name': the same check after writing ${#wants[@]} faults behind apply's back"
    psql -q -v ON_ERROR_STOP=1 -d "$SENTRY_DB_NAME" -f "$sql"
    if CONFORMANCE_SNAPSHOT=$desired CONFORMANCE_PLAN=$dir/plan.json \
        sentry_cmd exec "$conformance_dir/check.py" >"$out" 2>&1; then
        cat "$out" >&2
        fatal "the checker passed a tampered database: it cannot fail, so it proves nothing"
    fi
    local want missing=0
    for want in "${wants[@]}"; do
        grep -qF "MISMATCH $want" "$out" || { log "not caught: $want"; missing=1; }
    done
    [ $missing -eq 0 ] || { cat "$out" >&2; fatal "the checker missed tampered fields (above)"; }
    log "all ${#wants[@]} faults caught ($(grep -c '^MISMATCH' "$out") MISMATCH lines)"
}

fixture_checked=""
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(example generated published finish settings alerts metric-alerts)
failed=()
for s in "${scenarios[@]}"; do
    case $s in
    example)
        # The sample organization through mappings/example.yaml: renames, merges, exclusions,
        # e-mail and role maps, link/create/invite identities, key and filter rules, ownership rewrite.
        # The migrated dump holds the organization `sentry` that `sentry upgrade` creates; this
        # scenario creates its organization beside it (organization.alongside).
        sed 's/^  name: "Acme (self-hosted)"$/&\n  alongside: true/' mappings/example.yaml >"$work/example.yaml"
        grep -q '^  alongside: true$' "$work/example.yaml" || fatal "mappings/example.yaml: no organization name line to extend"
        SEED_USERS="alice@acme.com bob@acme.com david@acme.com erin@acme.com" TAMPER=1 \
            scenario example acme "--snapshot Tests/Fixtures/snapshots/acme-hosted" "$work/example.yaml" || failed+=("$s")
        ;;
    generated)
        # A generated organization carried as it is (every role, pending invites, several keys
        # per project, rate limits, inactive keys, subfilters), identity 'create' for everyone.
        SEED_USERS="" scenario generated generated "--generate teams=6,projects=10,members=40,seed=23,pending-every=7,keys=3,slug=generated" \
            "$conformance_dir/generated.yaml" || failed+=("$s")
        ;;
    published)
        # The organization of Sentry's published API examples (odd ids and names, an owner that
        # sentry.io itself does not resolve): Tests/Fixtures/snapshots/example-hosted.
        SEED_USERS="" scenario published the-interstellar-jurisdiction \
            "--snapshot Tests/Fixtures/snapshots/example-hosted" "$conformance_dir/published.yaml" || failed+=("$s")
        ;;
    finish)
        # Into Sentry's own default organization, then `sentry-migrate finish` inside Sentry
        # (scripts/conformance/finish.sh).
        finish_scenario || failed+=("$s")
        ;;
    settings)
        # Every organization and project setting away from its default, environments with the hidden
        # flag, security tokens, and settings overrides of the mapping: Tests/Fixtures/snapshots/settings-hosted.
        SEED_USERS="" scenario settings initech "--snapshot Tests/Fixtures/snapshots/settings-hosted" \
            "$conformance_dir/settings.yaml" || failed+=("$s")
        ;;
    alerts)
        # Issue alert rules: team and member targets through a team rename, an environment rename and
        # an environment the target lacks, a Slack action dropped by the mapping's policy, owners, two
        # rules of one name: Tests/Fixtures/snapshots/alerts-hosted.
        SEED_USERS="" TAMPER=1 FINISH_ALERTS=1 scenario alerts hooli "--snapshot Tests/Fixtures/snapshots/alerts-hosted" \
            "$conformance_dir/alerts.yaml" || failed+=("$s")
        ;;
    metric-alerts)
        # Metric alerts (scripts/conformance/alerts_fixture.py) through the example mapping: Sentry's
        # DetailedAlertRuleSerializer reads each back, and its subscription_checker picks up every
        # pending subscription (scripts/conformance/alerts_check.py).
        python3 "$conformance_dir/alerts_fixture.py" Tests/Fixtures/snapshots/acme-hosted "$work/metric-alerts-hosted"
        python3 "$conformance_dir/alerts_fixture.py" Tests/Fixtures/snapshots/acme-hosted \
            "$work/metric-alerts-updated" --updated
        python3 "$conformance_dir/alerts_fixture.py" Tests/Fixtures/snapshots/acme-hosted \
            "$work/metric-alerts-pruned" --pruned
        sed 's/^  name: "Acme (self-hosted)"$/&\n  alongside: true/' mappings/example.yaml >"$work/metric-alerts.yaml"
        SEED_USERS="alice@acme.com bob@acme.com david@acme.com erin@acme.com" TAMPER=1 FINISH_ALERTS=1 \
            UPDATED_SIM_ARGS="--snapshot $work/metric-alerts-updated" PRUNED_SIM_ARGS="--snapshot $work/metric-alerts-pruned" \
            scenario metric_alerts acme "--snapshot $work/metric-alerts-hosted" "$work/metric-alerts.yaml" \
            || failed+=("$s")
        ;;
    *) fatal "unknown scenario '$s' (example, generated, published, finish, settings, alerts, metric-alerts)" ;;
    esac
done

if [ ${#failed[@]} -gt 0 ]; then
    log ""
    log "conformance: FAILED in ${failed[*]} ($(elapsed)). Each MISMATCH line above names the entity and the"
    log "field, what Sentry $sentry_version's own code reads, and what the snapshot says. Run again with"
    log "KEEP=1 to keep the work folder (plan, logs, snapshots); scripts/conformance/sentry-exec lets you"
    log "look at that database through Sentry's ORM."
    exit 1
fi
log ""
log "conformance: ok, Sentry $sentry_version reads exactly what the snapshots say (${scenarios[*]}; $(elapsed))"
