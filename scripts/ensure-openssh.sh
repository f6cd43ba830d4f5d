#!/usr/bin/env bash
# Makes sure Debian's OpenSSH client (ssh, scp, sftp, ssh-keygen, ssh-keyscan), rsync and python3
# are installed, for the tests that SSH into workspaces through the gateway's SSH listener with
# the real clients (python3 runs ssh on a pseudo-terminal, as a person's terminal would).
set -euo pipefail

missing=()
for tool in ssh:openssh-client rsync:rsync python3:python3; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

echo "ensure-openssh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
for tool in ssh scp sftp ssh-keygen ssh-keyscan rsync python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ensure-openssh: no $tool after installing" >&2; exit 1; }
done
echo "ensure-openssh: $(ssh -V 2>&1), $(rsync --version | head -1) ready" >&2
