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
# Hazelcast must be given member ADDRESSES: with host names (and interfaces enabled) each member
# advertises itself under its own name and two containers never form one cluster (seen with 5.3).
# So each listed name is resolved here to every address Docker's DNS has for it (a scaled service
# has several); a name that does not resolve yet is a member not started yet, which will find us.
if [ -n "${DEVSANCTUM_CLUSTER_MEMBERS:-}" ]; then
  resolved=""
  for member in $(echo "$DEVSANCTUM_CLUSTER_MEMBERS" | tr ',' ' '); do
    host="${member%%:*}"; port=""
    [ "$host" = "$member" ] || port=":${member#*:}"
    for address in $(getent ahostsv4 "$host" 2>/dev/null | awk '{print $1}' | sort -u); do
      case ",$resolved," in *",$address$port,"*) ;; *) resolved="${resolved:+$resolved,}$address$port" ;; esac
    done
  done
  DEVSANCTUM_CLUSTER_MEMBERS="${resolved:-$DEVSANCTUM_CLUSTER_HOST}"
  export DEVSANCTUM_CLUSTER_MEMBERS
fi
echo "devsanctum-entrypoint: members to join: $DEVSANCTUM_CLUSTER_MEMBERS" >&2
echo "devsanctum-entrypoint: $service joins cluster '${DEVSANCTUM_CLUSTER_NAME:-devsanctum}' as $DEVSANCTUM_CLUSTER_HOST" >&2

# JAVA_OPTS is split on spaces on purpose (several JVM flags in one variable)
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /opt/devsanctum/devsanctum.jar service "$service"
