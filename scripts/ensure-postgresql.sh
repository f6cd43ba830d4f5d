#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL server binaries are installed (/usr/lib/postgresql/<version>/bin),
# for the fault-injection test that restarts and stops a real PostgreSQL under load. The test runs
# its own scratch cluster on a free port; the package's own cluster is not used.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then exit 0; fi

echo "ensure-postgresql: installing postgresql" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null \
  || { echo "ensure-postgresql: no PostgreSQL binaries under /usr/lib/postgresql after installing" >&2; exit 1; }
echo "ensure-postgresql: $(ls /usr/lib/postgresql | sort -n | tail -1) ready" >&2
