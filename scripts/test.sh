#!/usr/bin/env bash
# Runs every test: the OpenAPI contract's linters, the dashboard's unit tests (Vitest), then the Java suites (unit, real
# PostgreSQL, real Docker, cluster, the built jar as a process, and the fault-injection suite:
# kill -9, database outage, frozen Docker host, dead cluster member), the Compose file's
# validation, and the browser end-to-end test (headless Chromium) against the built jar.
# It sets up what it needs first, as the run command does: the Docker engine, Debian's Chromium,
# PostgreSQL (for the outage test), Caddy (the Caddy data plane's tests), docker-compose (the
# Compose deployment test reads its services from it), Debian's OpenSSH client and rsync (the SSH
# tests), the workspace images (each step is quick
# when already done); node modules come with npm ci below. The Compose deployment test builds the
# images of compose/ itself (compose/build-images.sh), so they always match the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-docker.sh
scripts/ensure-chromium.sh
scripts/ensure-postgresql.sh
scripts/ensure-caddy.sh
scripts/ensure-docker-compose.sh
scripts/ensure-openssh.sh
workspace-images/build.sh all
scripts/remove-test-leftovers.sh

echo "test.sh: OpenAPI contract lint (Redocly, Spectral with OWASP rules)" >&2
scripts/lint-contract.sh

echo "test.sh: dashboard unit tests" >&2
(cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm test --silent && npm run build --silent)

echo "test.sh: Java tests and the fault-injection suite (mvn verify -Pfault-injection)" >&2
rm -rf ./*/target/hung-tests # an earlier run's
if ! mvn -B verify -Pfault-injection; then
  # a test whose time ran out had every thread's stack written into its output file (pom.xml's
  # junit.hang.guard): shown here, where a CI log keeps them
  for dump in $(grep -l "will be interrupted" ./*/target/*-reports/*-output.txt 2>/dev/null); do
    echo "test.sh: the threads of $dump when its time ran out:" >&2
    sed -n '/will be interrupted/,$p' "$dump" | head -n 1500 >&2 || true # head stops sed early
  done
  # a test JVM that common's HungTestWatchdog ended: its report names the class and the threads
  for report in ./*/target/hung-tests/*.txt; do
    if [ -f "$report" ]; then head -n 1500 "$report" >&2; fi
  done
  echo "test.sh: the Java tests failed (the reports are in */target/surefire-reports and failsafe-reports)" >&2
  exit 1
fi

echo "test.sh: Compose deployment" >&2
compose/validate.sh

echo "test.sh: browser end-to-end" >&2
scripts/e2e.sh
