# The conformance tier's 'finish' scenario (sourced by scripts/conformance/run.sh, which provides
# work, bin, bindir, schema_dump, sim_pid, step, elapsed and the Sentry environment):
# the sample organization migrated into the default organization Sentry 23.7.1's `sentry upgrade`
# made (organization.into), then `sentry-migrate finish --send-invites` run inside Sentry through
# `sentry exec`. Sentry's own code shows, before finish, the caches it still serves stale (the
# organization's row by id and old slug, Relay's "disabled" for the keys the plan created) and,
# after, fresh ones; the console mail backend shows one invitation per pending invite, and a second
# finish sends none. Caches live in a directory every process of the run shares, Celery tasks run
# inline (sentry.conf.append.py, SENTRY_CONFORMANCE_*).

finish_scenario() {
    local dir=$work/finish db port="" _ org_id
    step "scenario 'finish': into Sentry's own default organization, then finish inside Sentry"
    mkdir -p "$dir"
    export SENTRY_DB_NAME=sentry_finish
    createdb "$SENTRY_DB_NAME"
    pg_restore --no-owner -d "$SENTRY_DB_NAME" "$schema_dump" \
        || fatal "pg_restore of $schema_dump failed; delete it to migrate again"
    db="postgresql:///$SENTRY_DB_NAME?host=$PGHOST"
    org_id=$(psql -At -d "$SENTRY_DB_NAME" -c "SELECT id FROM sentry_organization WHERE slug = 'sentry'")
    [ -n "$org_id" ] || fatal "the migrated dump holds no organization 'sentry' (sentry upgrade makes it)"
    CONFORMANCE_USERS="alice@acme.com bob@acme.com david@acme.com erin@acme.com" \
        sentry_cmd exec "$conformance_dir/seed_users.py" >/dev/null \
        || fatal "creating users through Sentry's ORM failed (output above)"

    "$bindir/sentry-sim" --snapshot Tests/Fixtures/snapshots/acme-hosted --token conformance-token --port 0 \
        2>"$dir/sim.log" &
    sim_pid=$!
    for _ in $(seq 100); do
        port=$(grep -o '127\.0\.0\.1:[0-9]*' "$dir/sim.log" | head -n 1 | cut -d: -f2 || true)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$dir/sim.log" >&2; fatal "sentry-sim did not start"; }
    SENTRY_AUTH_TOKEN=conformance-token "$bin" export --url "http://127.0.0.1:$port" --org acme \
        --out "$dir/hosted" >"$dir/export.log" 2>&1 || { cat "$dir/export.log" >&2; fatal "export failed"; }
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
    sim_pid=""
    sed 's/^  name: "Acme (self-hosted)"$/&\n  into: sentry/' mappings/example.yaml >"$dir/into.yaml"
    "$bin" transform --snapshot "$dir/hosted" --mapping "$dir/into.yaml" --out "$dir/desired" >"$dir/transform.log" 2>&1 \
        || { cat "$dir/transform.log" >&2; fatal "transform failed (output above)"; }
    "$bin" plan --snapshot "$dir/desired" --database "$db" --out "$dir/plan.json" >"$dir/plan.txt" 2>&1 \
        || { cat "$dir/plan.txt" >&2; fatal "plan into the default organization failed (output above)"; }
    grep -q "migrates into the self-hosted organization 'sentry' (id $org_id)" "$dir/plan.txt" \
        || { cat "$dir/plan.txt" >&2; fatal "the plan does not say it migrates into 'sentry' (id $org_id)"; }

    # From here on: mail printed, Celery inline, one cache for every process.
    SENTRY_CONFORMANCE_MAIL_BACKEND=console "$venv_dir/bin/python" "$conformance_dir/write_config_yml.py" \
        "$SENTRY_CONF/config.yml"
    export SENTRY_CONFORMANCE_DJANGO_CACHE_DIR=$dir/django-cache SENTRY_CONFORMANCE_CELERY_EAGER=1
    export CONFORMANCE_PLAN=$dir/plan.json CONFORMANCE_OLD_SLUG=sentry CONFORMANCE_ORG_ID=$org_id
    local status=0
    finish_steps "$dir" "$db" || status=$?
    unset SENTRY_CONFORMANCE_DJANGO_CACHE_DIR SENTRY_CONFORMANCE_CELERY_EAGER CONFORMANCE_PLAN CONFORMANCE_OLD_SLUG \
        CONFORMANCE_ORG_ID
    "$venv_dir/bin/python" "$conformance_dir/write_config_yml.py" "$SENTRY_CONF/config.yml"
    return $status
}

finish_steps() {
    local dir=$1 db=$2 sentry_exec sent mails
    sentry_cmd exec "$conformance_dir/finish_check.py" warm || return 1
    "$bin" apply "$dir/plan.json" --database "$db" >"$dir/apply.log" 2>&1 \
        || { cat "$dir/apply.log" >&2; fatal "apply into the default organization failed (output above)"; }
    "$bin" verify --snapshot "$dir/desired" --database "$db" >"$dir/verify.log" 2>&1 \
        || { cat "$dir/verify.log" >&2; fatal "verify after migrating into 'sentry' found differences (above)"; }
    sentry_cmd exec "$conformance_dir/finish_check.py" stale || return 1

    # finish hides Sentry's standard output (mail printed there carries invitation links); tee keeps it here.
    sentry_exec="SENTRY_SKIP_SERVICE_VALIDATION=1 '$venv_dir/bin/sentry' exec"
    "$bin" finish "$dir/plan.json" --send-invites --command "$sentry_exec | tee '$dir/sentry-1.log'" \
        >"$dir/finish-1.txt" 2>"$dir/finish-1.err" \
        || { cat "$dir/finish-1.txt" "$dir/finish-1.err" >&2; log "finish failed (output above)"; return 1; }
    cat "$dir/finish-1.txt" >&2
    sentry_cmd exec "$conformance_dir/finish_check.py" fresh || return 1
    sent=$(grep -c '^  sent ' "$dir/finish-1.txt" || true)
    mails=$(grep -c '^Subject: .*Join Acme (self-hosted) in using Sentry' "$dir/sentry-1.log" || true)
    [ "$sent" -gt 0 ] && [ "$sent" -eq "$mails" ] \
        || { log "finish reported $sent invitation(s) sent; Sentry's mail backend printed $mails"; return 1; }
    for email in $(grep '^  sent ' "$dir/finish-1.txt" | sed 's/^  sent *invite \([^:]*\):.*/\1/'); do
        grep -q "^To: $email\$" "$dir/sentry-1.log" || { log "no invitation mail to $email"; return 1; }
    done
    if grep -q '/accept/' "$dir/finish-1.txt" "$dir/finish-1.err"; then
        log "finish printed an invitation link"; return 1
    fi
    log "finish: $sent invitation(s) sent through Sentry's own code, one mail each"

    "$bin" finish "$dir/plan.json" --send-invites --command "$sentry_exec | tee '$dir/sentry-2.log'" \
        >"$dir/finish-2.txt" 2>&1 || { cat "$dir/finish-2.txt" >&2; log "a second finish failed"; return 1; }
    grep -q '^Finish: .*, 0 sent, ' "$dir/finish-2.txt" || { cat "$dir/finish-2.txt" >&2; log "a second finish sent again"; return 1; }
    if grep -q '^Subject: ' "$dir/sentry-2.log"; then log "a second finish mailed again"; return 1; fi
    "$bin" plan --snapshot "$dir/desired" --database "$db" --detailed-exitcode >"$dir/replan.txt" 2>&1 \
        || { cat "$dir/replan.txt" >&2; log "a new plan after migrating into 'sentry' is not empty"; return 1; }
    log "finish: a second run sent nothing; a new plan is empty ($(elapsed))"
}

# After the alerts and metric-alerts scenarios: `sentry-migrate finish` inside Sentry 23.7.1, which
# has no workflow engine (its alerts evaluate from the rows apply wrote). Every rule and metric alert
# the plan created must be reported `skipped` with that reason, none `ok` or `failed`, and finish
# must exit 0. This proves the script runs in a real Sentry and finds each alert by its key; it
# cannot prove what Sentry's workflow-engine helpers build (no Sentry >= 24 is on PyPI:
# docs/apply.md, "What could not be run here").
finish_alerts() {
    local dir=$1 out=$1/finish-alerts.txt want got others
    "$bin" finish "$dir/plan.json" --command "SENTRY_SKIP_SERVICE_VALIDATION=1 '$venv_dir/bin/sentry' exec" \
        >"$out" 2>&1 || { cat "$out" >&2; log "finish after apply failed (output above)"; return 1; }
    want=$(jq '[.changes[] | select((.stage == "rules" or .stage == "metric-alerts")
        and (.action == "create" or .action == "update"))] | length' "$dir/plan.json")
    got=$(grep -c '^  skipped (rule|metric alert) .*: this Sentry has no workflow engine' -E "$out" || true)
    others=$(grep -cE '^  (ok|failed|missing) +(rule|metric alert) ' "$out" || true)
    if [ "$want" -eq 0 ] || [ "$got" -ne "$want" ] || [ "$others" -ne 0 ]; then
        cat "$out" >&2
        log "finish reported $got of the plan's $want alert(s) skipped for want of a workflow engine ($others otherwise)"
        return 1
    fi
    grep -E '^  [a-z]+ +(rule|metric alert|detectors of project) ' "$out" >&2
    # The lookup by key can fail: the same plan naming ordinals no alert has must report each one
    # missing and exit 65, not skip it.
    local edited=$dir/plan-unknown-ordinals.json status=0 missing
    jq '(.changes[] | select((.stage == "rules" or .stage == "metric-alerts")
        and (.action == "create" or .action == "update")) | .key) |= sub("#[0-9]+$"; "#9")' \
        "$dir/plan.json" >"$edited"
    "$bin" finish "$edited" --command "SENTRY_SKIP_SERVICE_VALIDATION=1 '$venv_dir/bin/sentry' exec" \
        >"$out.edited" 2>&1 || status=$?
    missing=$(grep -cE '^  missing +(rule|metric alert) .*#9: no such' "$out.edited" || true)
    if [ "$status" -ne 65 ] || [ "$missing" -ne "$want" ]; then
        cat "$out.edited" >&2
        log "finish of a plan naming unknown alerts exited $status (want 65) with $missing of $want missing"
        return 1
    fi
    log "finish: all $want alert(s) reported skipped: Sentry $sentry_version has no workflow engine ($(elapsed))"
}
