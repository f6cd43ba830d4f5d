#!/usr/bin/env bash
# Builds DevSanctum and starts it in standalone mode (every service in one JVM, embedded
# PostgreSQL under $DEVSANCTUM_DATA_DIR, default ~/.devsanctum). It logs the URL to open.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests package
exec java -jar standalone/target/devsanctum.jar
