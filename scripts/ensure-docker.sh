#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock: installs Debian's docker.io when
# the daemon is missing and starts dockerd in the background when it is not running.
set -euo pipefail
SOCK=/var/run/docker.sock

if docker info >/dev/null 2>&1; then exit 0; fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "ensure-docker: installing docker.io" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "ensure-docker: starting dockerd" >&2
  mkdir -p /var/log
  # in a session of its own: a signal to the process group of whoever started it (a test run
  # stopped with Ctrl-C, a CI job's cleanup) must not take the engine down with it
  setsid nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    if [ -S "$SOCK" ] && docker info >/dev/null 2>&1; then break; fi
    sleep 1
  done
fi
docker info >/dev/null 2>&1 || { echo "ensure-docker: dockerd did not come up; see /var/log/dockerd.log" >&2; exit 1; }
echo "ensure-docker: $(docker version --format 'engine {{.Server.Version}}') ready on $SOCK" >&2
