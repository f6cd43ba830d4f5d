#!/usr/bin/env bash
# Runs a command against a throw-away DevSanctum: starts the built standalone jar on a free
# loopback port with a fresh data directory and a Docker host id of its own (<prefix>-<port>),
# waits until it is ready, runs the command with DEVSANCTUM_URL, DEVSANCTUM_METRICS_URL (its management
# listener), DEVSANCTUM_DOCKER_HOST_ID, DEVSANCTUM_DATA_DIR and DEVSANCTUM_PID (the JVM's) set, then
# stops the server and
# removes every container, volume and network it made. On failure the server's log is shown.
# Usage: scripts/with-server.sh <host-id-prefix> <command> [args...]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -lt 2 ]; then
  echo "usage: scripts/with-server.sh <host-id-prefix> <command> [args...]" >&2
  exit 2
fi
prefix="$1"
shift
jar=standalone/target/devsanctum.jar
[ -f "$jar" ] || { echo "with-server.sh: $jar is missing; run scripts/build.sh first" >&2; exit 1; }

data="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"
management="$(free_port)"
ssh_port="$(free_port)"
log="$data/devsanctum.log"
host="$prefix-$port"
DEVSANCTUM_DATA_DIR="$data" DEVSANCTUM_HTTP_PORT="$port" DEVSANCTUM_HTTP_HOST=127.0.0.1 \
  DEVSANCTUM_MANAGEMENT_PORT="$management" DEVSANCTUM_SSH_PORT="$ssh_port" \
  DEVSANCTUM_DOCKER_HOSTS="$host=unix:///var/run/docker.sock" \
  scripts/standalone-java.sh >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  docker ps -aq --filter "label=devsanctum.host_id=$host" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume ls -q --filter "label=devsanctum.host_id=$host" | xargs -r docker volume rm >/dev/null 2>&1 || true
  docker network ls -q --filter "label=devsanctum.host_id=$host" | xargs -r docker network rm >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "with-server.sh: the server died" >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { tail -50 "$log" >&2; exit 1; }

status=0
DEVSANCTUM_URL="http://localhost:$port" DEVSANCTUM_METRICS_URL="http://127.0.0.1:$management/metrics" \
  DEVSANCTUM_DOCKER_HOST_ID="$host" DEVSANCTUM_DATA_DIR="$data" DEVSANCTUM_PID="$server" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "with-server.sh: '$*' failed; the server's warnings and errors, then its last lines:" >&2
  grep -E " (WARN|ERROR) " "$log" | tail -40 >&2 || true
  echo "--- last lines ---" >&2
  tail -60 "$log" >&2
fi
exit "$status"
