#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (tools must never download
# a browser of their own here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "ensure-chromium: installing chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
