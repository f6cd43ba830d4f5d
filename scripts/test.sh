#!/usr/bin/env bash
# Runs every test: unit, service (real embedded PostgreSQL), cluster (Hazelcast on 127.0.0.1)
# and end-to-end (the built jar as a process).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B verify
