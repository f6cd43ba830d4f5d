#!/usr/bin/env bash
# Runs every test: the dashboard's unit tests (Vitest), then the Java suites (unit, real
# PostgreSQL, real Docker, cluster, the built jar as a process), the Compose file's validation,
# and the browser end-to-end test (headless Chromium) against the built jar.
# It sets up what it needs first, as the run command does: the Docker engine, Debian's Chromium, the
# workspace images (each step is quick when already done); node modules come with npm ci below.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-docker.sh
scripts/ensure-chromium.sh
workspace-images/build.sh all
scripts/remove-test-leftovers.sh

echo "test.sh: dashboard unit tests" >&2
(cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm test --silent && npm run build --silent)

echo "test.sh: Java tests (mvn verify)" >&2
mvn -B verify

echo "test.sh: Compose deployment" >&2
compose/validate.sh

echo "test.sh: browser end-to-end" >&2
scripts/e2e.sh
