#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing.
source "$(dirname "$0")/lib.sh"

packages=(libpq-dev libcurl4-openssl-dev postgresql postgresql-contrib pkg-config jq time)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

log "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Debian's postgresql package would start a cluster on port 5432; the project runs its own.
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
