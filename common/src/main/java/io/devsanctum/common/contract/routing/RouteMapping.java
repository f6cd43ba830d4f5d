package io.devsanctum.common.contract.routing;

import io.devsanctum.common.contract.SharingLevel;
import java.time.Instant;
import java.util.UUID;

/**
 * One routed workspace app: requests for {@code host} go to {@code upstreamUrl}. The route table
 * is owned by routing-service; the gateway's built-in proxy keeps a copy of it, matching Host
 * headers against {@code host}.
 *
 * @param healthPath path the data plane probes on the upstream ("/" when the app names none)
 * @param healthy    last known health, as reported through {@link RoutingContract#setHealth}
 * @param active     false while the workspace is stopped: the host stays reserved for it, but the data
 *                   planes do not forward to the upstream (the built-in proxy shows a "stopped" page)
 * @param version    the route table's version at this route's last change (see {@link RouteChangedEvent})
 */
public record RouteMapping(
    String host,
    UUID workspaceId,
    UUID ownerId,
    String appName,
    int appPort,
    String upstreamUrl,
    String dockerHostId,
    SharingLevel sharing,
    String healthPath,
    boolean healthy,
    boolean active,
    Instant createdAt,
    Instant updatedAt,
    long version) {
}
