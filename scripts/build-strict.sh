#!/usr/bin/env bash
# Builds everything `swift test` runs and fails on any compiler warning in the project's own
# Sources/ and Tests/ (dependencies' warnings, and SwiftPM's notes about them, are theirs). Only
# files compiled in this run can warn: CI builds from a fresh clone, so it sees every file; locally,
# touch a file (or `make clean`) to see its warnings again.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086  # SWIFT_BUILD_FLAGS is a list of flags
"$swift" build --build-tests ${SWIFT_BUILD_FLAGS:-} 2>&1 | tee "$log"
root=$(pwd -P)
own=$(grep -E "^($root|$PWD)/(Sources|Tests)/[^:]+:[0-9]+:[0-9]+: (warning|error):" "$log" | sort -u || true)
if [ -n "$own" ]; then
    echo "build-strict: the project's own code has compiler warnings (they fail CI):" >&2
    echo "$own" >&2
    exit 1
fi
echo "build-strict: no warnings in Sources/ or Tests/"
