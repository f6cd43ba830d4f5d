#!/usr/bin/env bash
# Concurrent creates benchmark: 50 workspaces created at once through the REST API vs 50 parallel
# runs of containers with the same options (bench/creates.mjs), on a throw-away DevSanctum
# (scripts/with-server.sh). COUNT (default 50) and ROUNDS (default 2) tune it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_prepare
bench_images minimal
exec scripts/with-server.sh bench node bench/creates.mjs
