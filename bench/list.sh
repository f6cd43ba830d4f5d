#!/usr/bin/env bash
# List and get benchmark: the workspace list and get through the REST API vs the same SQL in
# pgbench on the same embedded PostgreSQL (bench/list.mjs), at 10, 200 and 1,000 workspaces, on a
# throw-away DevSanctum (scripts/with-server.sh). Installs Debian's wrk and pgbench
# (postgresql-contrib). SECONDS_PER_RUN and ROUNDS tune it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_install wrk postgresql-contrib
bench_prepare
bench_images minimal
exec scripts/with-server.sh bench node bench/list.mjs
