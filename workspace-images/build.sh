#!/usr/bin/env bash
# Builds the workspace images locally (no registry is reachable from here; where one is, these
# can be pushed like any image). Usage: workspace-images/build.sh [minimal|base|developer|all]
# (base: only devsanctum/debian-bookworm, which compose/build-images.sh builds on)
# An image whose inputs did not change is not rebuilt: its inputs' hash is kept as a label.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
which="${1:-minimal}"

inputs_hash() { # directory -> hash of every file in it (names and contents)
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

up_to_date() { # image hash
  [ "$(docker image inspect --format '{{index .Config.Labels "devsanctum.inputs"}}' "$1" 2>/dev/null)" = "$2" ]
}

build_minimal() {
  local image=devsanctum/workspace-minimal:latest
  local hash; hash="$(inputs_hash "$here/minimal")"
  if up_to_date "$image" "$hash"; then echo "build.sh: $image is up to date"; return; fi
  if ! command -v busybox >/dev/null || ! file -L "$(command -v busybox)" | grep -q 'statically linked'; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
  fi
  local ctx; ctx="$(mktemp -d)"
  trap 'rm -rf "$ctx"' RETURN
  cp "$here/minimal/Dockerfile" "$ctx/"
  mkdir -p "$ctx/rootfs/bin" "$ctx/rootfs/usr/local/bin" "$ctx/rootfs/etc" "$ctx/rootfs/tmp" "$ctx/home/coder"
  cp "$(command -v busybox)" "$ctx/rootfs/bin/busybox"
  for applet in $(busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$ctx/rootfs/bin/$applet"
  done
  install -m 0755 "$here/minimal/workspace-start" "$ctx/rootfs/usr/local/bin/workspace-start"
  printf 'root:x:0:0:root:/root:/bin/sh\ncoder:x:1000:1000:coder:/home/coder:/bin/sh\n' > "$ctx/rootfs/etc/passwd"
  printf 'root:x:0:\ncoder:x:1000:\n' > "$ctx/rootfs/etc/group"
  chmod 1777 "$ctx/rootfs/tmp"
  docker build -q --label "devsanctum.inputs=$hash" -t "$image" "$ctx" >/dev/null 2>"$ctx/build.err" || { cat "$ctx/build.err" >&2; return 1; }
  echo "build.sh: built $image"
}

case "$which" in
  minimal) build_minimal ;;
  base) "$here/developer/build.sh" --base-only ;;
  developer) "$here/developer/build.sh" ;;
  all) build_minimal; if [ -x "$here/developer/build.sh" ]; then "$here/developer/build.sh"; fi ;;
  *) echo "usage: $0 [minimal|base|developer|all]" >&2; exit 2 ;;
esac
