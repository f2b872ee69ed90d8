#!/usr/bin/env bash
# Stops the cluster pg-start.sh started in DIR and removes its files.
source "$(dirname "$0")/lib.sh"

dir=${1:?usage: pg-stop.sh DIR}
[ -d "$dir" ] || exit 0
if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg_user "$(pg_os_user)" "$(pg_bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"
