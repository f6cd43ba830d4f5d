#!/usr/bin/env bash
# Route-change latency benchmark (target < 100 ms): builds the jar if needed, starts a throw-away
# DevSanctum with scripts/with-server.sh and runs bench/route-change-latency.mjs against it.
# ROUNDS (default 20) sets how many stop/start cycles are measured.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-docker.sh
workspace-images/build.sh minimal
[ -f standalone/target/devsanctum.jar ] || scripts/build.sh
exec scripts/with-server.sh bench node bench/route-change-latency.mjs
