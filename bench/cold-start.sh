#!/usr/bin/env bash
# Cold start benchmark: the built jar from launch to ready, first start and ordinary start, against
# its embedded PostgreSQL's own start (bench/cold-start.mjs). ROUNDS (default 5) tunes it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_prepare
exec node bench/cold-start.mjs
