#!/usr/bin/env bash
# Builds the dashboard (frontend/dist) and then the Java services into standalone/target/devsanctum.jar,
# which serves the dashboard from inside the jar; then starts the jar once, to ready and stopped, to
# record the classes a start loads in standalone/target/devsanctum.jsa (AppCDS), which
# scripts/standalone-java.sh hands to every later start of this jar.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "build.sh: dashboard (npm ci, vite build)" >&2
(cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
echo "build.sh: services (mvn package)" >&2
mvn -B -q -DskipTests package
echo "build.sh: class-data archive (one start of the jar to ready, which needs the Docker engine)" >&2
rm -f standalone/target/devsanctum.jsa
# the training start is a throw-away instance: none of this shell's DEVSANCTUM_* settings (a real
# database, a real data plane to push routes to) may reach it
unset_ours=()
while IFS= read -r name; do unset_ours+=(-u "$name"); done < <(compgen -e | grep '^DEVSANCTUM_' || true)
if ! { scripts/ensure-docker.sh && env "${unset_ours[@]}" \
    DEVSANCTUM_JAVA_OPTS="-XX:ArchiveClassesAtExit=standalone/target/devsanctum.jsa" \
    scripts/with-server.sh build-cds true; }; then
  echo "build.sh: no class-data archive (the training start failed, see above); starts will be slower" >&2
fi
