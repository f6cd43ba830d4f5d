#!/usr/bin/env bash
# Browser end-to-end test: starts the built standalone jar (with its dashboard) on a free port
# with a fresh data directory, drives it with headless Chromium (e2e/dashboard.e2e.mjs), then
# stops it. Screenshots land in docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=standalone/target/devsanctum.jar
[ -f "$jar" ] || { echo "e2e.sh: $jar is missing; run scripts/build.sh first" >&2; exit 1; }
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)

data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log="$data/devsanctum.log"
# a Docker host id of its own, so cleaning up touches only this run's containers
host="e2e-$port"
DEVSANCTUM_DATA_DIR="$data" DEVSANCTUM_HTTP_PORT="$port" DEVSANCTUM_HTTP_HOST=127.0.0.1 \
  DEVSANCTUM_DOCKER_HOSTS="$host=unix:///var/run/docker.sock" \
  java -jar "$jar" >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  docker ps -aq --filter "label=devsanctum.host_id=$host" | xargs -r docker rm -f >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "e2e.sh: the server died" >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { tail -50 "$log" >&2; exit 1; }

status=0
(cd e2e && DEVSANCTUM_URL="http://localhost:$port" SCREENSHOT_DIR="$PWD/../docs/screenshots" npm test) || status=$?
if [ "$status" -ne 0 ]; then
  echo "e2e.sh: the browser test failed; the server's log follows" >&2
  tail -80 "$log" >&2
fi
exit "$status"
