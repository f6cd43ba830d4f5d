#!/usr/bin/env bash
# Proxy benchmark: DevSanctum's built-in proxy vs nginx in front of the same workspace app
# (bench/proxy.mjs). Installs Debian's wrk and nginx-light, builds the bench app image, starts a
# throw-away DevSanctum (scripts/with-server.sh). SECONDS_PER_RUN, ROUNDS, WS_CLIENTS tune it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_install wrk nginx-light
bench_prepare
bench_images bench-app
exec scripts/with-server.sh bench node bench/proxy.mjs
