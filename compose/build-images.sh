#!/usr/bin/env bash
# Builds the two images docker-compose.yml runs, without any registry, on the local Debian base
# (devsanctum/debian-bookworm, made by workspace-images/build.sh base):
#   devsanctum/postgresql:15  compose/postgres/ (Debian's postgresql-15)
#   devsanctum/service:latest compose/Dockerfile (every DevSanctum service; context: the repository)
# exactly as `docker-compose build` does with BASE_IMAGE=devsanctum/debian-bookworm:latest. The
# deployment test (ComposeDeploymentIT) calls it before it starts anything.
#
# Nothing is rebuilt when its inputs did not change. The PostgreSQL image carries the hash of its
# inputs (its directory and the base image's id) in the label devsanctum.inputs, as the workspace
# images do. The service image's inputs are the whole source tree, which Docker's layer cache
# already compares file by file: an unchanged tree reuses every layer (the Maven build included)
# and takes seconds, a changed source rebuilds from the Maven step on, a changed pom from the
# dependency download on.
#
# The host's extra CA certificates (/usr/local/share/ca-certificates, for a TLS-intercepting proxy in
# front of Maven Central) are copied into compose/build-ca/ first, as compose/build-ca/README.md asks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
BASE_IMAGE=devsanctum/debian-bookworm:latest
POSTGRES_IMAGE=devsanctum/postgresql:15
SERVICE_IMAGE=devsanctum/service:latest

say() { echo "build-images.sh: $*" >&2; }
die() { echo "build-images.sh: ERROR: $*" >&2; exit 1; }
label_of() { docker image inspect --format '{{index .Config.Labels "devsanctum.inputs"}}' "$1" 2>/dev/null || true; }
image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }

# one build at a time on this machine: two test runs would otherwise build the same tags at once
exec 9>/var/tmp/devsanctum-compose-images.lock
flock -w 1800 9 || die "another build holds /var/tmp/devsanctum-compose-images.lock"
start=$SECONDS

"$root/workspace-images/build.sh" base >&2

build() { # image dockerfile context [label] -> docker build, its output kept for a failure
  local image=$1 dockerfile=$2 context=$3 label=${4:-} log rc=0
  log="$(mktemp)"
  local args=(build --force-rm -q --build-arg "BASE_IMAGE=$BASE_IMAGE" -f "$dockerfile" -t "$image")
  [ -n "$label" ] && args+=(--label "devsanctum.inputs=$label")
  docker "${args[@]}" "$context" >"$log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then tail -n 40 "$log" >&2; rm -f "$log"; die "docker build of $image failed"; fi
  rm -f "$log"
}

postgres_hash="$({ (cd "$root/compose/postgres" && find . -type f -print0 | sort -z | xargs -0 sha256sum); image_id "$BASE_IMAGE"; } \
  | sha256sum | cut -c1-16)"
if [ "$(label_of "$POSTGRES_IMAGE")" = "$postgres_hash" ]; then
  say "$POSTGRES_IMAGE is up to date"
else
  t=$SECONDS
  build "$POSTGRES_IMAGE" "$root/compose/postgres/Dockerfile" "$root/compose/postgres" "$postgres_hash"
  say "built $POSTGRES_IMAGE in $((SECONDS - t)) s"
fi

if [ -d /usr/local/share/ca-certificates ]; then
  find /usr/local/share/ca-certificates -maxdepth 1 -name '*.crt' -exec cp -p {} "$root/compose/build-ca/" \;
fi
before="$(image_id "$SERVICE_IMAGE")"
t=$SECONDS
build "$SERVICE_IMAGE" "$root/compose/Dockerfile" "$root"
if [ "$(image_id "$SERVICE_IMAGE")" = "$before" ]; then
  say "$SERVICE_IMAGE is up to date ($((SECONDS - t)) s to compare its inputs)"
else
  say "built $SERVICE_IMAGE in $((SECONDS - t)) s"
  # the previous image lost its tag: drop it unless something still uses it
  [ -n "$before" ] && docker image rm "$before" >/dev/null 2>&1 || true
fi
say "done in $((SECONDS - start)) s"
