package io.devsanctum.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutingContractJsonTest {

  private static final RouteMapping ROUTE = new RouteMapping("dev--ada.localhost", UUID.randomUUID(),
      UUID.randomUUID(), "code", 8080, "http://127.0.0.1:49153", "local", SharingLevel.AUTHENTICATED, "/healthz",
      false, false, Instant.parse("2025-01-02T03:04:05.123Z"), Instant.parse("2025-01-02T03:04:06Z"));

  @Test
  void routeMappingSurvivesTheWireWithEveryField() {
    JsonObject json = RouteMapping.MAPPER.toJson(ROUTE);

    assertThat(json.fieldNames()).containsExactlyInAnyOrder("host", "workspaceId", "ownerId", "appName", "appPort",
        "upstreamUrl", "dockerHostId", "sharing", "healthPath", "healthy", "active", "createdAt", "updatedAt");
    assertThat(json.getString("sharing")).isEqualTo("authenticated");
    assertThat(RouteMapping.MAPPER.fromJson(json)).isEqualTo(ROUTE);
  }

  @Test
  void routeChangedEventCarriesItsPublishTimeInEpochMillis() {
    RouteChangedEvent event = new RouteChangedEvent(RouteChangedEvent.Change.REMOVED, ROUTE.workspaceId(),
        List.of(ROUTE), Instant.ofEpochMilli(1_700_000_000_123L));

    JsonObject json = RouteChangedEvent.MAPPER.toJson(event);

    assertThat(json.getString("change")).isEqualTo("removed");
    assertThat(json.getLong("at")).isEqualTo(1_700_000_000_123L);
    assertThat(RouteChangedEvent.MAPPER.fromJson(json)).isEqualTo(event);
  }
}
