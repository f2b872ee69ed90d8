# Shared helpers for the project's scripts. Source it; do not run it.
set -euo pipefail

log() { printf '%s\n' "$*" >&2; }
fatal() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The newest PostgreSQL server binaries installed by Debian's packages.
pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
        fatal "PostgreSQL server binaries not found under /usr/lib/postgresql; run 'make deps' (apt package 'postgresql')."
    fi
    printf '%s\n' "$dir"
}

# initdb refuses to run as root, so root runs the server as an unprivileged account.
pg_os_user() {
    if [ "$(id -u)" -ne 0 ]; then
        id -un
    elif id postgres >/dev/null 2>&1; then
        echo postgres
    else
        echo nobody
    fi
}

as_pg_user() {
    local user=$1
    shift
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    else
        runuser -u "$user" -- "$@"
    fi
}
