#!/usr/bin/env bash
# Makes sure Debian's docker-compose is installed: compose/validate.sh checks the Compose file with
# it, and the deployment test (ComposeDeploymentIT) reads the services from `docker-compose config`.
set -euo pipefail

if command -v docker-compose >/dev/null 2>&1; then exit 0; fi

echo "ensure-docker-compose: installing docker-compose" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq docker-compose >/dev/null
command -v docker-compose >/dev/null 2>&1 || { echo "ensure-docker-compose: no docker-compose after installing" >&2; exit 1; }
echo "ensure-docker-compose: $(docker-compose version --short) ready" >&2
