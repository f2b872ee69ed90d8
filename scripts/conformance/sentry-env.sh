# Sentry 23.7.1 pointed at a throwaway PostgreSQL and Redis. Source it after lib.sh.
#   sentry_env_up WORKDIR   needs PGHOST/PGPORT/PGUSER (scripts/pg-start.sh) and SENTRY_DB_NAME;
#                           starts Redis, writes a config with `sentry init`, exports SENTRY_CONF
#   sentry_env_down WORKDIR stops that Redis
#   sentry_cmd ARGS...      runs the `sentry` command of the cached virtualenv

sentry_cmd() {
    SENTRY_SKIP_SERVICE_VALIDATION=1 "$venv_dir/bin/sentry" "$@"
}

sentry_env_up() {
    local work=$1
    apt_install_missing "${conformance_packages[@]}"
    ensure_venv
    SENTRY_REDIS_PORT=$(start_redis "$work/redis")
    export SENTRY_REDIS_PORT SENTRY_DB_NAME=${SENTRY_DB_NAME:-sentry}
    export SENTRY_CONF=$work/sentry-conf
    # The configuration a self-hosted install starts from, then what points it here.
    sentry_cmd init "$SENTRY_CONF" </dev/null >"$work/sentry-init.log" 2>&1 \
        || { cat "$work/sentry-init.log" >&2; fatal "'sentry init' failed (log above)"; }
    cat "$conformance_dir/sentry.conf.append.py" >>"$SENTRY_CONF/sentry.conf.py"
    "$venv_dir/bin/python" "$conformance_dir/write_config_yml.py" "$SENTRY_CONF/config.yml"
}

sentry_env_down() {
    stop_redis "$1/redis"
}
