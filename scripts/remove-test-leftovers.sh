#!/usr/bin/env bash
# Removes what earlier test runs left on the local Docker engine when they were stopped before
# cleaning up: containers, volumes and networks of the tests' own Docker host ids (test-*, e2e-*,
# bench-*) and of the provisioner tests' owners (test-owner-*), and the service containers and
# network of the Compose deployment test (label devsanctum.test_run), once older than an hour, so
# that a run still going on the same engine keeps its own. A real installation's resources are
# never touched. Best effort: a resource that cannot be removed is reported and left.
set -uo pipefail

cutoff=$(( $(date +%s) - ${LEFTOVER_AGE_SECONDS:-3600} ))
removed=0

is_test_resource() { # host_id owner_id
  [[ "$1" == test-* || "$1" == e2e-* || "$1" == bench-* || "$2" == test-owner-* ]]
}

# kind: container | volume | network; its ids, then for each its labels and creation time
sweep() {
  local kind="$1" created_field="$2" id host owner created
  for id in $(docker "$kind" ls -q $([ "$kind" = container ] && echo -a) --filter label=devsanctum.owner_id); do
    IFS=$'\t' read -r host owner created < <(docker "$kind" inspect -f \
      "{{index .$3 \"devsanctum.host_id\"}}	{{index .$3 \"devsanctum.owner_id\"}}	{{.$created_field}}" "$id" 2>/dev/null) \
      || continue
    is_test_resource "$host" "$owner" || continue
    remove_if_old "$kind" "$id" "$created"
  done
}

remove_if_old() { # kind id created
  local created
  # networks say "... +0000 UTC", which date(1) reads only without the zone name; unreadable: kept
  created=$(date -d "${3% UTC}" +%s 2>/dev/null) || return 0
  [ "$created" -lt "$cutoff" ] || return 0
  if docker "$1" rm -f "$2" >/dev/null 2>&1 || docker "$1" rm "$2" >/dev/null 2>&1; then
    removed=$((removed + 1))
  else
    echo "remove-test-leftovers: could not remove $1 $2" >&2
  fi
}

sweep container Created Config.Labels
sweep volume CreatedAt Labels
sweep network Created Labels

# the Compose deployment test's own containers and network: labelled with its run, not an owner
sweep_runs() {
  local kind="$1" created_field="$2" id created
  for id in $(docker "$kind" ls -q $([ "$kind" = container ] && echo -a) --filter label=devsanctum.test_run); do
    created=$(docker "$kind" inspect -f "{{.$created_field}}" "$id" 2>/dev/null) || continue
    remove_if_old "$kind" "$id" "$created"
  done
}
sweep_runs container Created
sweep_runs network Created
echo "remove-test-leftovers: removed $removed containers, volumes and networks of earlier test runs" >&2
