#!/usr/bin/env bash
# Runs every benchmark once, one after another (each starts its own throw-away DevSanctum and its
# peer), printing the machine's load before each and the time taken: about 15 minutes on 2 cores.
# The tables they print are what bench/README.md keeps. Exits non-zero when any missed a target,
# after running them all. Not part of scripts/test.sh: speed is measured here, never asserted in tests.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-docker.sh
[ standalone/target/devsanctum.jsa -nt standalone/target/devsanctum.jar ] || scripts/build.sh
failed=()
started=$SECONDS
for bench in proxy start list creates memory cold-start route-change-latency; do
  echo "=== bench/$bench.sh ($(uptime | sed 's/.*load average/load average/'))"
  began=$SECONDS
  if ! "bench/$bench.sh"; then
    failed+=("$bench")
  fi
  echo "=== bench/$bench.sh took $((SECONDS - began)) s"
done
echo "=== all benchmarks took $((SECONDS - started)) s; $(uptime | sed 's/.*load average/load average/')"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "=== missed a target or failed: ${failed[*]}"
  exit 1
fi
