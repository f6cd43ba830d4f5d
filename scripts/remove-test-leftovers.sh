#!/usr/bin/env bash
# Removes what earlier test runs left on the local Docker engine when they were stopped before
# cleaning up: containers, volumes and networks of the tests' own Docker host ids (test-*, e2e-*,
# bench-*) and of the provisioner tests' owners (test-owner-*). Left-over owner networks would
# otherwise hold address blocks for good. A real installation's resources are never touched.
set -euo pipefail

is_test_resource() { # host_id owner_id
  [[ "$1" == test-* || "$1" == e2e-* || "$1" == bench-* || "$2" == test-owner-* ]]
}

removed=0
format='{{.Label "devsanctum.host_id"}} {{.Label "devsanctum.owner_id"}}'
while read -r id host owner; do
  if is_test_resource "$host" "$owner"; then docker rm -f "$id" >/dev/null; removed=$((removed + 1)); fi
done < <(docker ps -a --filter label=devsanctum.owner_id --format "{{.ID}} $format")
while read -r name host owner; do
  if is_test_resource "$host" "$owner"; then docker volume rm -f "$name" >/dev/null; removed=$((removed + 1)); fi
done < <(docker volume ls --filter label=devsanctum.owner_id --format "{{.Name}} $format")
while read -r id host owner; do
  if is_test_resource "$host" "$owner"; then docker network rm "$id" >/dev/null; removed=$((removed + 1)); fi
done < <(docker network ls --filter label=devsanctum.owner_id --format "{{.ID}} $format")
echo "remove-test-leftovers: removed $removed containers, volumes and networks of earlier test runs" >&2
