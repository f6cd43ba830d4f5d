#!/usr/bin/env bash
# Builds DevSanctum and starts it in standalone mode: every service in one JVM, an embedded
# PostgreSQL under $DEVSANCTUM_DATA_DIR (default ~/.devsanctum), the local Docker engine and the
# built-in proxy. It logs the URL to open ("DevSanctum is ready ... Open http://localhost:8080").
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-docker.sh
# the workspace images the seeded templates use; the developer image takes ~10-15 min the first
# time, then seconds (it is rebuilt only when its inputs change)
workspace-images/build.sh all
scripts/build.sh
# the JVM's options (a bounded heap) are in standalone/jvm.options; DEVSANCTUM_JAVA_OPTS adds to them
exec java @standalone/jvm.options ${DEVSANCTUM_JAVA_OPTS:-} -jar standalone/target/devsanctum.jar
