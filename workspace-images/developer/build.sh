#!/usr/bin/env bash
# Builds the developer workspace image without any registry:
#   1. devsanctum/debian-bookworm:latest  - `debootstrap --variant=minbase` root file system from
#      the host's Debian mirror, `docker import`ed;
#   2. devsanctum/workspace-developer:latest - ./Dockerfile FROM it (code-server + toolchain).
# Each image carries the hash of its inputs in the label `devsanctum.inputs` and is skipped when
# that hash is unchanged, so a re-run costs seconds. `--force` (or DEVSANCTUM_IMAGES_FORCE=1)
# rebuilds both without Docker's layer cache, e.g. to pick up Debian security updates.
# Usage: workspace-images/developer/build.sh [--force] [--base-only]   (needs root for debootstrap,
# and Docker); --base-only stops after the base image (the images in compose/ build on it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
BASE_IMAGE=devsanctum/debian-bookworm:latest
IMAGE=devsanctum/workspace-developer:latest
SUITE=bookworm
force="${DEVSANCTUM_IMAGES_FORCE:-0}"
base_only=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --base-only) base_only=1 ;;
    *) echo "usage: $0 [--force] [--base-only]" >&2; exit 2 ;;
  esac
done

say() { echo "developer/build.sh: $*"; }
die() { echo "developer/build.sh: ERROR: $*" >&2; exit 1; }
trap 'rc=$?; [ $rc -eq 0 ] || echo "developer/build.sh: ERROR: failed (exit $rc) at line $LINENO: $BASH_COMMAND" >&2' ERR

hash16() { sha256sum | cut -c1-16; }
dir_hash() { # directory -> hash of every file in it (names and contents)
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) | hash16
}
label_of() { docker image inspect --format '{{index .Config.Labels "devsanctum.inputs"}}' "$1" 2>/dev/null || true; }
image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
drop_old() { # image id that lost its tag -> remove it unless something still uses it
  [ -n "$1" ] && [ "$1" != "$(image_id "$2")" ] && docker image rm "$1" >/dev/null 2>&1 || true
}

# The host's Debian mirror: first URI serving the plain suite, from deb822 sources or sources.list.
host_mirror() { # suite -> uri
  local suite=$1 f uri=""
  for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri="$(awk -v s="$suite" 'BEGIN{RS=""; FS="\n"} {
        u=""; ok=0
        for (i=1;i<=NF;i++) {
          if ($i ~ /^URIs:/) { split($i, a, /[ \t]+/); u=a[2] }
          if ($i ~ /^Suites:/) { n=split($i, b, /[ \t]+/); for (j=2;j<=n;j++) if (b[j]==s) ok=1 }
        }
        if (ok && u!="") { print u; exit } }' "$f")"
    [ -n "$uri" ] && { echo "${uri%/}"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri="$(sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk -v s="$suite" '$1=="deb" && $3==s {print $2; exit}')"
    [ -n "$uri" ] && { echo "${uri%/}"; return; }
  done
}

MIRROR="${DEBIAN_MIRROR:-$(host_mirror "$SUITE")}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-$(host_mirror "$SUITE-security")}"
SECURITY_MIRROR="${SECURITY_MIRROR:-http://deb.debian.org/debian-security}"

image_sources() { # the image's apt sources: release, updates and security
  cat <<SRC
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY_MIRROR
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
}

unmount_under() { # dir: lazily unmount anything a failed debootstrap left mounted in it
  awk -v d="$1/" 'index($2, d)==1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
}

build_base() { # hash
  local hash=$1 dir log
  [ "$(id -u)" = 0 ] || die "building $BASE_IMAGE needs root (debootstrap)"
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null \
      || die "could not install debootstrap (apt-get install debootstrap)"
  fi
  dir="$(mktemp -d /var/tmp/devsanctum-rootfs.XXXXXX)"
  log="$dir.log"
  trap "trap - RETURN; unmount_under '$dir'; rm -rf --one-file-system '$dir' '$log'" RETURN
  say "debootstrap --variant=minbase $SUITE from $MIRROR (quiet; ~1.5 min)"
  if ! debootstrap --variant=minbase "$SUITE" "$dir/root" "$MIRROR" >"$log" 2>&1; then
    grep -E '^(E|W):' "$log" >&2 || tail -n 20 "$log" >&2
    [ -f "$dir/root/debootstrap/debootstrap.log" ] && tail -n 20 "$dir/root/debootstrap/debootstrap.log" >&2
    die "debootstrap failed (mirror $MIRROR; override with DEBIAN_MIRROR=...)"
  fi
  grep -E '^W:' "$log" >&2 || true
  local r="$dir/root"
  rm -f "$r/etc/apt/sources.list"
  image_sources >"$r/etc/apt/sources.list.d/debian.sources"
  # as Debian's official images do: no services started by package scripts, no .debs kept
  printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d" && chmod 0755 "$r/usr/sbin/policy-rc.d"
  # dpkg fsyncs every file it unpacks, which is slow on overlayfs and pointless in an image build
  echo force-unsafe-io >"$r/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  cat >"$r/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";
APT
  rm -rf "$r"/var/cache/apt/archives/*.deb "$r"/var/cache/apt/*.bin "$r"/var/lib/apt/lists/* \
         "$r"/var/log/* "$r"/dev/* "$r"/tmp/* "$r"/var/tmp/* "$r"/run/*
  : >"$r/etc/hostname"; rm -f "$r/etc/resolv.conf"
  say "docker import -> $BASE_IMAGE ($(du -sh --apparent-size "$r" | cut -f1))"
  tar --numeric-owner --xattrs -C "$r" -c . \
    | docker import --change "LABEL devsanctum.inputs=$hash" --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null \
    || die "docker import of the root file system failed"
}

build_developer() { # hash context
  local hash=$1 ctx=$2 rc=0
  local log; log="$(mktemp /var/tmp/devsanctum-developer-build.XXXXXX.log)"
  say "docker build -> $IMAGE (cold, it compiles code-server's native modules: ~12 min on 2 cores)"
  local t0=$SECONDS line
  set +o pipefail
  local nocache=(); [ "$force" = 1 ] && nocache=(--no-cache)
  docker build --force-rm "${nocache[@]}" --label "devsanctum.inputs=$hash" -t "$IMAGE" "$ctx" 2>&1 | tee "$log" |
    while IFS= read -r line; do
      case "$line" in "Step "*) printf 'developer/build.sh:   [%4ss] %.110s\n' "$((SECONDS - t0))" "$line" ;; esac
    done
  rc=${PIPESTATUS[0]}
  set -o pipefail
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$log" >&2
    die "docker build of $IMAGE failed (exit $rc); full log: $log"
  fi
  rm -f "$log"
}

command -v docker >/dev/null && docker info >/dev/null 2>&1 \
  || die "no Docker engine answers on /var/run/docker.sock (run scripts/ensure-docker.sh)"
exec 9>/var/tmp/devsanctum-workspace-images.lock
flock -w 3600 9 || die "another image build holds /var/tmp/devsanctum-workspace-images.lock"
start=$SECONDS

# 1. base: its inputs are this recipe (the functions that make it) and the mirrors
base_hash="$({ echo "$SUITE minbase $MIRROR $SECURITY_MIRROR"; declare -f build_base image_sources; } | hash16)"
if [ "$force" != 1 ] && [ "$(label_of "$BASE_IMAGE")" = "$base_hash" ]; then
  say "$BASE_IMAGE is up to date"
else
  old="$(image_id "$BASE_IMAGE")"
  build_base "$base_hash"
  drop_old "$old" "$BASE_IMAGE"
  say "built $BASE_IMAGE ($((SECONDS - start)) s)"
fi

if [ "$base_only" = 1 ]; then say "done in $((SECONDS - start)) s"; exit 0; fi

# 2. developer image: its inputs are the build context (incl. the host's extra CAs) and the base
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
cp "$here/Dockerfile" "$here/workspace-start" "$ctx/"
mkdir "$ctx/ca-certificates"
if [ -d /usr/local/share/ca-certificates ]; then
  cp -a /usr/local/share/ca-certificates/. "$ctx/ca-certificates/"
fi
say "extra CA certificates from the host: $(find "$ctx/ca-certificates" -name '*.crt' | wc -l)"
dev_hash="$({ dir_hash "$ctx"; image_id "$BASE_IMAGE"; } | hash16)"
if [ "$force" != 1 ] && [ "$(label_of "$IMAGE")" = "$dev_hash" ]; then
  say "$IMAGE is up to date"
else
  old="$(image_id "$IMAGE")"
  t=$SECONDS
  build_developer "$dev_hash" "$ctx"
  drop_old "$old" "$IMAGE"
  say "built $IMAGE in $((SECONDS - t)) s, $(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%d MB", $1/1000/1000}')"
fi
say "done in $((SECONDS - start)) s"
