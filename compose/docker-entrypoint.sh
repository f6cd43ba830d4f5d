#!/bin/sh
# Starts one DevSanctum service as a cluster member: `service $DEVSANCTUM_SERVICE`.
# DEVSANCTUM_CLUSTER_HOST defaults to this container's own address, which Hazelcast binds and
# advertises to the other members (127.0.0.1, the application default, would isolate it).
set -eu

service="${DEVSANCTUM_SERVICE:-${1:-}}"
case "$service" in
  auth|workspace|provisioner|routing|gateway) ;;
  *) echo "devsanctum-entrypoint: set DEVSANCTUM_SERVICE to auth, workspace, provisioner, routing or gateway (got '$service')" >&2
     exit 2 ;;
esac

if [ -z "${DEVSANCTUM_CLUSTER_HOST:-}" ]; then
  # first address only: a container on several networks lists one per network
  DEVSANCTUM_CLUSTER_HOST="$(hostname -i | awk '{print $1}')"
  export DEVSANCTUM_CLUSTER_HOST
fi
# Member names (the service names) are resolved to addresses by the application itself.
echo "devsanctum-entrypoint: members to join: $DEVSANCTUM_CLUSTER_MEMBERS" >&2
echo "devsanctum-entrypoint: $service joins cluster '${DEVSANCTUM_CLUSTER_NAME:-devsanctum}' as $DEVSANCTUM_CLUSTER_HOST" >&2

# JAVA_OPTS is split on spaces on purpose (several JVM flags in one variable)
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /opt/devsanctum/devsanctum.jar service "$service"
