#!/usr/bin/env bash
# Memory benchmark: resident memory of the JVM and its embedded PostgreSQL at 0, 50 and 200
# running workspaces (bench/memory.mjs), on a throw-away DevSanctum (scripts/with-server.sh).
# IDLE_SECONDS (default 30) is how long the platform idles before each reading.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_prepare
bench_images minimal
exec scripts/with-server.sh bench node bench/memory.mjs
