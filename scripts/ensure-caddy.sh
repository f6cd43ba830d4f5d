#!/usr/bin/env bash
# Makes sure Debian's Caddy (2.6) is installed, for the tests that drive a real Caddy through its
# admin API (routing-service's Caddy data plane). The tests start their own Caddy on free loopback
# ports; the package's own service is not used (and is not started where systemd does not run).
set -euo pipefail

if command -v caddy >/dev/null 2>&1; then exit 0; fi

echo "ensure-caddy: installing caddy" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq caddy >/dev/null
command -v caddy >/dev/null 2>&1 || { echo "ensure-caddy: no caddy binary after installing" >&2; exit 1; }
echo "ensure-caddy: $(caddy version | cut -d' ' -f1) ready" >&2
