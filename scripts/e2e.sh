#!/usr/bin/env bash
# Browser end-to-end test: drives a throw-away DevSanctum (scripts/with-server.sh: the built jar
# with its dashboard, a fresh data directory, real Docker) with headless Chromium
# (e2e/dashboard.e2e.mjs). Screenshots land in docs/screenshots/.
# The server runs with a short access-token lifetime and refresh-token reuse grace, so that the
# test's reloads and pauses really exercise renewal; the test reads both to time its pauses.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEVSANCTUM_AUTH_ACCESS_TOKEN_SECONDS="${DEVSANCTUM_AUTH_ACCESS_TOKEN_SECONDS:-20}"
export DEVSANCTUM_AUTH_REFRESH_REUSE_GRACE_SECONDS="${DEVSANCTUM_AUTH_REFRESH_REUSE_GRACE_SECONDS:-2}"
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
exec scripts/with-server.sh e2e bash -c 'cd e2e && SCREENSHOT_DIR="$PWD/../docs/screenshots" npm test'
