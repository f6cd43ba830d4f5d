#!/usr/bin/env bash
# Start → URL benchmark: a DevSanctum workspace's start through the API and proxy vs `docker start`
# of a container with the same options (bench/start.mjs), Minimal and Developer images, on a
# throw-away DevSanctum (scripts/with-server.sh). ROUNDS (default 10) and IMAGES tune it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_prepare
bench_images minimal developer
exec scripts/with-server.sh bench node bench/start.mjs
