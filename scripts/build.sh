#!/usr/bin/env bash
# Builds the dashboard (frontend/dist) and then the Java services into standalone/target/devsanctum.jar,
# which serves the dashboard from inside the jar.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "build.sh: dashboard (npm ci, vite build)" >&2
(cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
echo "build.sh: services (mvn package)" >&2
mvn -B -q -DskipTests package
