#!/usr/bin/env bash
# Runs every test: the OpenAPI contract's linters, the dashboard's unit tests (Vitest), then the
# Java suites (unit, real PostgreSQL, real Docker, cluster, the built jar as a process), the
# Compose file's validation, and the browser end-to-end test (headless Chromium) against the built jar.
# Needs a running Docker engine and /usr/bin/chromium (.ci/run installs both when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/remove-test-leftovers.sh

echo "test.sh: OpenAPI contract lint (Redocly, Spectral with OWASP rules)" >&2
scripts/lint-contract.sh

echo "test.sh: dashboard unit tests" >&2
(cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm test --silent && npm run build --silent)

echo "test.sh: Java tests (mvn verify)" >&2
mvn -B verify

echo "test.sh: Compose deployment" >&2
compose/validate.sh

echo "test.sh: browser end-to-end" >&2
scripts/e2e.sh
