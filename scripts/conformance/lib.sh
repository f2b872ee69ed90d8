# Shared helpers for the conformance tier (docs/conformance.md). Source it; do not run it.
# Sentry 23.7.1 itself, on Python 3.8, in a virtualenv cached under .conformance/ (git-ignored).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

conformance_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$conformance_dir/../.." && pwd)
sentry_version=23.7.1
python_version=3.8.18
# The virtualenv lives in the clone (.conformance/, git-ignored). What is slow to make and the same
# for every clone, the wheels (downloaded, a few built from sdists) and the database Sentry migrated,
# lives in a per-machine cache, so CI's fresh clones reuse it.
cache_dir=$repo_dir/.conformance
venv_dir=$cache_dir/venv-$sentry_version
shared_cache=${SENTRY_CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sentry-migrate-conformance}

# Debian packages: redis-server (Sentry needs a Redis), and what pip needs to build the few
# sdists Sentry 23.7.1 depends on (xmlsec, hiredis, ...) when no wheel fits Python 3.8.
conformance_packages=(redis-server build-essential pkg-config libxml2-dev libxmlsec1-dev libxmlsec1-openssl
    libpq-dev libffi-dev libssl-dev zlib1g-dev)
# What pyenv needs to build Python 3.8 when the machine lacks it.
pyenv_build_packages=(libbz2-dev libreadline-dev libsqlite3-dev liblzma-dev libncurses-dev tk-dev xz-utils curl git)

apt_install_missing() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "conformance: installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # Debian's redis-server package would start a service where there is an init system; the
    # conformance tier never uses it: it starts its own on a private socket.
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || fatal "apt-get could not install ${missing[*]}; install them by hand and run again"
}

# Python 3.8 from pyenv (what these machines carry), else one on PATH, else pyenv installs it.
find_python38() {
    if [ -n "${SENTRY_CONFORMANCE_PYTHON:-}" ]; then
        printf '%s\n' "$SENTRY_CONFORMANCE_PYTHON"
        return
    fi
    local root=${PYENV_ROOT:-$HOME/.pyenv} candidate
    for candidate in "$root/versions/$python_version/bin/python3.8" \
        $(ls -d "$root"/versions/3.8.*/bin/python3.8 2>/dev/null | sort -V -r) \
        "$(command -v python3.8 || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            printf '%s\n' "$candidate"
            return
        fi
    done
    local pyenv
    pyenv=$(command -v pyenv || true)
    [ -z "$pyenv" ] && [ -x "$root/bin/pyenv" ] && pyenv=$root/bin/pyenv
    [ -n "$pyenv" ] || fatal "Python 3.8 not found (looked in $root/versions/3.8.* and PATH) and pyenv is not installed; install pyenv, or set SENTRY_CONFORMANCE_PYTHON to a python3.8"
    apt_install_missing "${conformance_packages[@]}" "${pyenv_build_packages[@]}"
    log "conformance: building Python $python_version with pyenv (several minutes, once)"
    PYENV_ROOT=$root "$pyenv" install --skip-existing "$python_version" >&2 \
        || fatal "pyenv install $python_version failed (output above)"
    printf '%s\n' "$root/versions/$python_version/bin/python3.8"
}

# Fills the wheel cache: every pin of constraints.txt as a wheel (sdists are built once, here).
# pip fetches one file at a time; several at once are many times faster on a slow link.
fill_wheel_cache() {
    local python=$1 wheels=$shared_cache/wheels missing
    mkdir -p "$wheels"
    missing=$("$python" "$conformance_dir/missing_wheels.py" "$wheels" \
        "$conformance_dir/requirements.txt" "$conformance_dir/constraints.txt" | grep -v -E '^(pip|wheel)==' || true)
    [ -n "$missing" ] || return 0
    log "conformance: fetching $(wc -l <<<"$missing") wheels into $wheels (once per machine; slow on a slow link)"
    xargs -P "${SENTRY_CONFORMANCE_JOBS:-6}" -I{} \
        "$python" -m pip --disable-pip-version-check --no-input wheel -q --no-deps \
        --find-links "$wheels" -w "$wheels" {} <<<"$missing" >>"$cache_dir/pip.log" 2>&1
}

# The virtualenv with sentry==23.7.1, rebuilt only when the pins change.
ensure_venv() {
    local stamp python
    stamp=$(cat "$conformance_dir/requirements.txt" "$conformance_dir/constraints.txt" | sha256sum | cut -c1-16)
    if [ -f "$venv_dir/.stamp" ] && [ "$(cat "$venv_dir/.stamp")" = "$stamp" ] && [ -x "$venv_dir/bin/sentry" ]; then
        return 0
    fi
    python=$(find_python38)
    log "conformance: creating the Sentry $sentry_version virtualenv in $venv_dir (once; pip output in $cache_dir/pip.log)"
    rm -rf "$venv_dir"
    mkdir -p "$cache_dir"
    : >"$cache_dir/pip.log"
    "$python" -m venv "$venv_dir" || fatal "$python -m venv failed"
    local pip=("$venv_dir/bin/python" -m pip --disable-pip-version-check --no-input)
    "${pip[@]}" install -q -c "$conformance_dir/constraints.txt" pip wheel >>"$cache_dir/pip.log" 2>&1 \
        || { tail -n 20 "$cache_dir/pip.log" >&2; fatal "pip could not install its own pins (pip, wheel); see $cache_dir/pip.log"; }
    fill_wheel_cache "$venv_dir/bin/python" || true # what failed is retried, and reported, below
    "${pip[@]}" install --no-index --find-links "$shared_cache/wheels" \
        -r "$conformance_dir/requirements.txt" -c "$conformance_dir/constraints.txt" >>"$cache_dir/pip.log" 2>&1 \
        || "${pip[@]}" install --find-links "$shared_cache/wheels" \
            -r "$conformance_dir/requirements.txt" -c "$conformance_dir/constraints.txt" >>"$cache_dir/pip.log" 2>&1 \
        || {
            tail -n 30 "$cache_dir/pip.log" >&2
            fatal "pip could not install sentry==$sentry_version (last lines above, all in $cache_dir/pip.log). A dependency that no longer builds on Python 3.8 needs a pin in scripts/conformance/constraints.txt, or a Debian package in scripts/conformance/lib.sh"
        }
    printf '%s\n' "$stamp" >"$venv_dir/.stamp"
}

# A free TCP port on the loopback interface.
free_port() {
    "$venv_dir/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A throwaway Redis on a loopback port, files in DIR; prints its port.
start_redis() {
    local dir=$1 port
    port=$(free_port)
    mkdir -p "$dir"
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null \
        || fatal "redis-server did not start (see $dir/redis.log)"
    local _
    for _ in $(seq 50); do
        redis-cli -p "$port" ping >/dev/null 2>&1 && { printf '%s\n' "$port"; return; }
        sleep 0.1
    done
    cat "$dir/redis.log" >&2
    fatal "redis-server on port $port did not answer (log above)"
}

stop_redis() {
    local dir=$1
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
}
