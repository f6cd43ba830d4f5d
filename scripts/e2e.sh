#!/usr/bin/env bash
# Browser end-to-end test: drives a throw-away DevSanctum (scripts/with-server.sh: the built jar
# with its dashboard, a fresh data directory, real Docker) with headless Chromium
# (e2e/dashboard.e2e.mjs). Screenshots land in docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
exec scripts/with-server.sh e2e bash -c 'cd e2e && SCREENSHOT_DIR="$PWD/../docs/screenshots" npm test'
