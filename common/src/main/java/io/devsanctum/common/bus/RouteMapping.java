package io.devsanctum.common.bus;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * One routed workspace app: requests for {@code host} go to {@code upstreamUrl}. The route table
 * is owned by routing-service; the gateway's built-in proxy keeps a copy of it, matching Host
 * headers against {@code host}, so the record is part of the event-bus contract.
 *
 * @param healthPath path the data plane probes on the upstream ("/" when the app names none)
 * @param healthy    last known health, as reported on {@link RoutingContract#SET_HEALTH}
 * @param active     false while the workspace is stopped: the host stays reserved for it, but the data
 *                   planes do not forward to the upstream (the built-in proxy shows a "stopped" page)
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
    Instant updatedAt) {

  public static final JsonMapper<RouteMapping> MAPPER = new JsonMapper<>() {
    @Override
    public JsonObject toJson(RouteMapping route) {
      return new JsonObject()
          .put("host", route.host())
          .put("workspaceId", route.workspaceId().toString())
          .put("ownerId", route.ownerId().toString())
          .put("appName", route.appName())
          .put("appPort", route.appPort())
          .put("upstreamUrl", route.upstreamUrl())
          .put("dockerHostId", route.dockerHostId())
          .put("sharing", route.sharing().wireName())
          .put("healthPath", route.healthPath())
          .put("healthy", route.healthy())
          .put("active", route.active())
          .put("createdAt", route.createdAt().toString())
          .put("updatedAt", route.updatedAt().toString());
    }

    @Override
    public RouteMapping fromJson(JsonObject json) {
      return new RouteMapping(
          json.getString("host"),
          UUID.fromString(json.getString("workspaceId")),
          UUID.fromString(json.getString("ownerId")),
          json.getString("appName"),
          json.getInteger("appPort"),
          json.getString("upstreamUrl"),
          json.getString("dockerHostId"),
          SharingLevel.fromWire(json.getString("sharing")),
          json.getString("healthPath", "/"),
          json.getBoolean("healthy", true),
          json.getBoolean("active", true),
          Instant.parse(json.getString("createdAt")),
          Instant.parse(json.getString("updatedAt")));
    }
  };
}
