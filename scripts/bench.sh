#!/usr/bin/env bash
# `make bench`: times every step of a migration of a generated organization and prints each next to
# its physical floor (docs/performance.md says how each floor is derived), with peak memory.
#
#   BENCH_SIZE=small|medium|large|xlarge   organization size (default medium; large is DESIGN.md's
#                                   reference, xlarge twice it)
#   BENCH_LATENCY_MS=20             latency the simulator adds to every answer
#   BENCH_BUILD=release|debug       which build to run (default release; debug only to work on this script)
#   BENCH_BINDIR=DIR                run the binaries in DIR instead of building's (to work on this script)
#   BENCH_KEEP=1                    keep the work folder (snapshots, plans, logs) and print where it is
#   BENCH_BASELINE=DIR              also time plan and verify with DIR/sentry-migrate (another build, such
#                                   as main's) in the same run, against the same floors ("… (baseline)")
#   BENCH_EXPORTED=DIR              skip the simulator and export: use DIR (the `hosted` folder of a kept
#                                   run of the same size) as the export; the export rows then show '-'
#
# Results also go to .bench/results.json. Not part of CI: it takes minutes, and times mean little there.
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.."

size=${BENCH_SIZE:-medium}
latency=${BENCH_LATENCY_MS:-20}
build=${BENCH_BUILD:-release}
case $size in
    small) spec="teams=10,projects=100,members=1000" ;;
    medium) spec="teams=50,projects=500,members=5000" ;;
    large) spec="teams=500,projects=5000,members=50000" ;;
    xlarge) spec="teams=1000,projects=10000,members=100000" ;;
    *) fatal "BENCH_SIZE must be small, medium, large or xlarge, not '$size'" ;;
esac
# sentry.io's limits as the simulator models them (sentry-sim --help, docs/export.md): 470 requests per
# second shared by every endpoint a caller calls, 40 each for the members list and the keys lists, 25 in
# flight; the exporter keeps 80 % of that, at most 16, in flight.
rate=470 rate_mk=40 window=1 concurrency_limit=25 concurrency=16
org=acme

for tool in jq psql /usr/bin/time; do
    command -v "$tool" >/dev/null || fatal "$tool not found; run 'make deps'"
done
bindir=${BENCH_BINDIR:-$(swift build -c "$build" --show-bin-path)}
bin=$bindir/sentry-migrate
[ -x "$bin" ] && { [ -n "${BENCH_EXPORTED:-}" ] || [ -x "$bindir/sentry-sim" ]; } ||
    fatal "not built; run 'swift build -c $build'"

work=$(mktemp -d "${TMPDIR:-/tmp}/sentry-migrate-bench.XXXXXX")
sim_pid=""
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
    scripts/pg-stop.sh "$work/pg"
    if [ "${BENCH_KEEP:-}" = 1 ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

now() { date +%s%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }

# measure NAME EXPECTED_EXIT CMD…: runs CMD once, keeping its wall time (s), peak RSS (KiB) and output.
# Measured again under the same NAME (the read-only commands, measured as their floors are), it keeps
# the shortest time and the largest peak RSS of all the runs.
declare -A wall rss
order=()
measure() {
    local name=$1 expected=$2 start rc=0 t
    shift 2
    log "  $name…"
    [[ " ${order[*]} " == *" $name "* ]] || order+=("$name")
    start=$(now)
    /usr/bin/time -f %M -o "$work/$name.rss" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
    t=$(seconds_since "$start")
    if [ "$rc" -ne "$expected" ]; then
        tail -n 20 "$work/$name.err" >&2
        fatal "$name exited $rc, expected $expected (its stderr above)"
    fi
    [ -n "${wall[$name]:-}" ] && log "    $t s"
    wall[$name]=$(awk -v a="$t" -v b="${wall[$name]:-$t}" 'BEGIN { print (a < b ? a : b) }')
    rss[$name]=$(awk -v a="$(tail -n 1 "$work/$name.rss")" -v b="${rss[$name]:-0}" 'BEGIN { print (a > b ? a : b) }')
    return 0
}

# best_of N CMD…: the shortest wall time of N runs (a floor is a lower bound; the first run may be cold).
best_of() {
    local n=$1 best="" start t
    shift
    for _ in $(seq "$n"); do
        start=$(now)
        "$@" >/dev/null
        t=$(seconds_since "$start")
        best=$(awk -v a="$t" -v b="${best:-$t}" 'BEGIN { print (a < b ? a : b) }')
    done
    echo "$best"
}

log "bench: size $size ($spec), $build build, simulator latency $latency ms"

log "starting PostgreSQL with the 26.x schema"
chmod 0755 "$work" # the server runs as an unprivileged user when we are root
eval "$(scripts/pg-start.sh "$work/pg")"
createdb sentry
psql -q -v ON_ERROR_STOP=1 -d sentry -f Tests/Fixtures/schema/sentry-26.x.sql >/dev/null
db="postgresql:///sentry?host=$PGHOST"

if [ -n "${BENCH_EXPORTED:-}" ]; then
    [ -f "$BENCH_EXPORTED/manifest.json" ] || fatal "BENCH_EXPORTED=$BENCH_EXPORTED holds no snapshot"
    log "reusing the export in $BENCH_EXPORTED (no simulator, no export timed)"
    cp -a "$BENCH_EXPORTED" "$work/hosted"
    requests=null
    log "running the pipeline"
else
    log "starting sentry-sim with a generated organization"
    "$bindir/sentry-sim" --generate "$spec,seed=7,slug=$org" --token bench-token --port 0 --latency-ms "$latency" \
        --rate-limit "$rate" --rate-limit-members-keys "$rate_mk" --rate-window "$window" \
        --concurrency-limit "$concurrency_limit" 2>"$work/sim.log" &
    sim_pid=$!
    port=""
    for _ in $(seq 600); do
        port=$(grep -o '127\.0\.0\.1:[0-9]*' "$work/sim.log" | head -n 1 | cut -d: -f2 || true)
        [ -n "$port" ] && break
        kill -0 "$sim_pid" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$work/sim.log" >&2; fatal "sentry-sim did not start"; }
    export SENTRY_AUTH_TOKEN=bench-token

    log "running the pipeline"
    measure export 0 "$bin" export --url "http://127.0.0.1:$port" --org "$org" --out "$work/hosted"
    kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
    sim_pid=""
    requests=$(grep -o 'in [0-9]* requests' "$work/export.err" | grep -o '[0-9]*' || true)
    [ -n "$requests" ] || fatal "export did not report its request count"
fi

measure transform 0 "$bin" transform --snapshot "$work/hosted" --mapping scripts/bench-mapping.yaml --out "$work/desired"
measure plan-initial 0 "$bin" plan --snapshot "$work/desired" --database "$db" --out "$work/plan.json"
measure apply 0 "$bin" apply "$work/plan.json" --database "$db"
# apply is timed as its floor is: best of three, the same plan each time, the second and third into a
# fresh database with the same fixture (the first, into the bench's database, is the one plan and verify
# then read). One apply moved by a fifth between runs minutes apart (docs/performance.md, eleventh session).
for attempt in 2 3; do
    createdb "apply$attempt"
    psql -q -v ON_ERROR_STOP=1 -d "apply$attempt" -f Tests/Fixtures/schema/sentry-26.x.sql >/dev/null
    measure "apply-$attempt" 0 "$bin" apply "$work/plan.json" --database "postgresql:///apply$attempt?host=$PGHOST"
    dropdb "apply$attempt"
    wall[apply]=$(awk -v a="${wall[apply-$attempt]}" -v b="${wall[apply]}" 'BEGIN { print (a < b ? a : b) }')
    rss[apply]=$(awk -v a="${rss[apply-$attempt]}" -v b="${rss[apply]}" 'BEGIN { print (a > b ? a : b) }')
done
# The target settled before anything is read from it: apply's rows count as changes since the last
# analyze (`WriteSession.analyzeFilledTables`), so autovacuum vacuums and analyzes the bench's database
# within a minute of the apply, and the first reads of freshly copied rows set their hint bits. Both
# happened while plan's and verify's runs read it, never while the baseline's or the floors' did (timed
# later): verify's best of five went from 0.63 to 0.42 s, the baseline's from 0.55 to 0.44 s
# (docs/performance.md, twelfth session). The checkpoint writes what the vacuum dirtied now, not in the
# background of the first runs. A real target is read by verify long after its apply.
psql -q -X -v ON_ERROR_STOP=1 -d sentry -c "VACUUM ANALYZE" -c "CHECKPOINT"
# Five runs each, the build and the baseline taking turns, so that neither gets the quieter minutes.
for run in 1 2 3 4 5; do
    log "plan and verify, run $run of 5"
    measure plan 0 "$bin" plan --snapshot "$work/desired" --database "$db" --detailed-exitcode
    measure verify 0 "$bin" verify --snapshot "$work/desired" --database "$db"
    if [ -n "${BENCH_BASELINE:-}" ]; then
        base=$BENCH_BASELINE/sentry-migrate
        measure plan-baseline 0 "$base" plan --snapshot "$work/desired" --database "$db" --detailed-exitcode
        measure verify-baseline 0 "$base" verify --snapshot "$work/desired" --database "$db"
    fi
done

log "measuring floors"
# Export: the request minimum and the wall-time floor from the snapshot's sizes (scripts/bench-floors.jq).
export_floor=$(
    optional() { if [ -f "$1" ]; then cat "$1"; else echo '[]'; fi; }
    jq -n --slurpfile t "$work/hosted/teams.json" --slurpfile m "$work/hosted/members.json" \
        --slurpfile p "$work/hosted/projects.json" --slurpfile k "$work/hosted/keys.json" \
        --argjson r "$(optional "$work/hosted/rules.json")" \
        --argjson a "$(optional "$work/hosted/metric-alerts.json")" \
        --slurpfile f "$work/hosted/manifest.json" \
        '{teams: $t[0], members: $m[0], projects: $p[0], keys: $k[0], rules: $r, metricAlerts: $a,
          notCarried: ($f[0].notCarried // {})}' \
        | jq --argjson rate "$rate" --argjson rate_mk "$rate_mk" --argjson window "$window" \
            --argjson latency "$latency" --argjson concurrency "$concurrency" -f scripts/bench-floors.jq
)

# Plan and verify: COPY … TO STDOUT of the rows the reader reads.
read_floor=$(best_of 5 psql -q -X -v ON_ERROR_STOP=1 -d sentry -v org="$org" -f scripts/bench-read-floor.sql)
read_rows=$(psql -q -X -v ON_ERROR_STOP=1 -d sentry -v org="$org" -f scripts/bench-read-floor.sql | wc -l)
# …plus reading the desired snapshot: every file's bytes read and SHA-256 hashed by sha256sum, as
# plan and verify must (they check each file's checksum before trusting it).
snapshot_files=("$work/desired"/*.json "$work/desired"/secrets/*.json)
snapshot_floor=$(best_of 5 sha256sum "${snapshot_files[@]}")
snapshot_bytes=$(cat "${snapshot_files[@]}" | wc -c)
plan_floor=$(awk -v a="$read_floor" -v b="$snapshot_floor" 'BEGIN { printf "%.3f", a + b }')
# verify reads more than plan: the same rows, and the mapping and replica rows its invariant checks
# compare with them (scripts/bench-verify-floor.sql), in one psql run.
verify_read_floor=$(best_of 5 psql -q -X -v ON_ERROR_STOP=1 -d sentry -v org="$org" \
    -f scripts/bench-read-floor.sql -f scripts/bench-verify-floor.sql)
verify_rows=$(psql -q -X -v ON_ERROR_STOP=1 -d sentry -v org="$org" -f scripts/bench-verify-floor.sql | wc -l)
verify_floor=$(awk -v a="$verify_read_floor" -v b="$snapshot_floor" 'BEGIN { printf "%.3f", a + b }')

# Apply: dump every public table apply wrote into (empty before it), load those rows into a fresh
# database with the same schema in one transaction with COPY FROM; only the load is timed.
mapfile -t written < <(psql -X -At -d sentry -c "
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'django_migrations'" \
    | while read -r table; do
        [ "$(psql -X -At -d sentry -c "SELECT EXISTS (SELECT FROM public.$table)")" = t ] && echo "$table"
    done)
mkdir "$work/rows"
load="$work/load.sql"
: >"$load"
rows_copied=0
for table in "${written[@]}"; do
    psql -X -q -d sentry -c "\\copy public.$table TO '$work/rows/$table'"
    rows_copied=$((rows_copied + $(wc -l <"$work/rows/$table")))
    echo "\\copy public.$table FROM '$work/rows/$table'" >>"$load"
done
# Best of three loads, each into a fresh database (a load into one that holds the rows is not the
# same work): one load alone moved by a quarter between runs minutes apart.
apply_floor=""
for attempt in 1 2 3; do
    createdb "floor$attempt"
    psql -q -v ON_ERROR_STOP=1 -d "floor$attempt" -f Tests/Fixtures/schema/sentry-26.x.sql >/dev/null
    start=$(now)
    psql -X -q -1 -v ON_ERROR_STOP=1 -d "floor$attempt" -f "$load"
    t=$(seconds_since "$start")
    apply_floor=$(awk -v a="$t" -v b="${apply_floor:-$t}" 'BEGIN { print (a < b ? a : b) }')
    dropdb "floor$attempt"
done

# The table, and .bench/results.json.
mkdir -p .bench
jq -n \
    --arg size "$size" --arg spec "$spec" --arg build "$build" --argjson latency "$latency" \
    --argjson counts "$(jq .counts "$work/hosted/manifest.json")" \
    --argjson export_floor "$export_floor" --argjson requests "$requests" \
    --argjson read_floor "$read_floor" --argjson read_rows "$read_rows" --argjson apply_floor "$apply_floor" \
    --argjson snapshot_floor "$snapshot_floor" --argjson snapshot_bytes "$snapshot_bytes" --argjson plan_floor "$plan_floor" \
    --argjson verify_floor "$verify_floor" --argjson verify_read_floor "$verify_read_floor" \
    --argjson verify_rows "$verify_rows" \
    --argjson rows_copied "$rows_copied" --arg tables "${written[*]}" \
    --argjson wall "$(for k in "${order[@]}"; do printf '{"%s": %s}\n' "$k" "${wall[$k]}"; done | jq -s add)" \
    --argjson rss "$(for k in "${order[@]}"; do printf '{"%s": %s}\n' "$k" "${rss[$k]}"; done | jq -s add)" '
    def step(name; measured; floor; budget; unit; note):
        {step: name, measured: measured, floor: floor,
         ratio: (if measured != null and floor > 0 then measured / floor else null end),
         budget: budget, unit: unit, note: note,
         verdict: (if measured == null then "not run" elif floor > 0 and measured / floor <= budget then "ok"
                   else "OVER" end)};
    {
      size: $size, spec: $spec, build: $build, latencyMs: $latency, counts: $counts,
      steps: ([
        step("export requests"; $requests; $export_floor.requests; 1.05; "requests";
             "minimum from docs/export.md formula"),
        step("export wall"; $wall.export; $export_floor.floor; 1.15; "s"; $export_floor.binding),
        step("plan (after apply)"; $wall.plan; $plan_floor; 2; "s";
             "COPY TO of the \($read_rows) rows the reader reads + sha256sum of the \($snapshot_bytes) snapshot bytes"),
        step("verify"; $wall.verify; $verify_floor; 2; "s";
             "the plan floor + COPY TO of the \($verify_rows) mapping and replica rows its checks read"),
        step("apply (initial)"; $wall.apply; $apply_floor; 2; "s"; "COPY FROM of the \($rows_copied) rows apply wrote")
      ] + (if $wall["plan-baseline"] == null then [] else [
        step("plan (baseline)"; $wall["plan-baseline"]; $plan_floor; 2; "s"; "the BENCH_BASELINE build, same floor"),
        step("verify (baseline)"; $wall["verify-baseline"]; $verify_floor; 2; "s"; "the BENCH_BASELINE build, same floor")
      ] end)),
      withoutFloor: {transform: $wall.transform, "plan (initial, empty target)": $wall["plan-initial"]},
      wallSeconds: $wall,
      peakRssKiB: $rss,
      exportFloor: $export_floor,
      readFloors: {copyTo: $read_floor, snapshotSha256sum: $snapshot_floor, snapshotBytes: $snapshot_bytes,
                   verifyCopyTo: $verify_read_floor, verifyExtraRows: $verify_rows},
      applyFloorTables: ($tables | split(" "))
    }' >.bench/results.json

table_defs='def n: if . == null then "-" elif . >= 100 then (. | round | tostring)
                  else ((. * 100 | round) / 100 | tostring) end;'
echo
jq -r '"size \(.size): \(.spec), \(.build) build, simulator latency \(.latencyMs) ms",
       (.counts | to_entries | map("\(.value) \(.key)") | join(", "))' .bench/results.json
echo
jq -r "$table_defs"'
    (["step", "measured", "floor", "ratio", "budget", "verdict", "floor is"] | @tsv),
    (.steps[] | [.step, "\(.measured | n) \(.unit)", "\(.floor | n) \(.unit)", (.ratio | n), "≤ \(.budget)×",
                 .verdict, .note] | @tsv)' .bench/results.json | column -t -s $'\t'
echo
jq -r "$table_defs"'
    (["command", "wall", "peak RSS", "budget", "verdict"] | @tsv),
    (.wallSeconds as $wall | .peakRssKiB | to_entries[]
        | [.key, "\($wall[.key] | n) s", "\(.value / 1024 | round) MB", "< 256 MB",
           (if .value < 256 * 1024 then "ok" else "OVER" end)] | @tsv)' .bench/results.json | column -t -s $'\t'
echo
log "results in .bench/results.json"
