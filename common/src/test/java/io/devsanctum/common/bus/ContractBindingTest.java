package io.devsanctum.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.RouteChangedEvent;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Contract records as the bus carries them: every field, the wire names of enums, times in ISO-8601. */
class ContractBindingTest {

  private static final RouteMapping ROUTE = new RouteMapping("dev--ada.localhost", UUID.randomUUID(),
      UUID.randomUUID(), "code", 8080, "http://127.0.0.1:49153", "local", SharingLevel.AUTHENTICATED, "/healthz",
      false, false, Instant.parse("2025-01-02T03:04:05.123Z"), Instant.parse("2025-01-02T03:04:06Z"), 42);

  @Test
  void aRecordSurvivesTheWireWithEveryFieldAndReadableValues() {
    JsonObject json = new JsonObject(TypedBus.toPlain(ROUTE));

    assertThat(json.fieldNames()).containsExactlyInAnyOrder("host", "workspaceId", "ownerId", "appName", "appPort",
        "upstreamUrl", "dockerHostId", "sharing", "healthPath", "healthy", "active", "createdAt", "updatedAt",
        "version");
    assertThat(json.getString("sharing")).isEqualTo("authenticated");
    assertThat(json.getString("createdAt")).isEqualTo("2025-01-02T03:04:05.123Z");
    assertThat(ContractJson.MAPPER.convertValue(json, RouteMapping.class)).isEqualTo(ROUTE);
  }

  @Test
  void nestedRecordsAndEnumsRoundTrip() {
    RouteChangedEvent event = new RouteChangedEvent(RouteChangedEvent.Change.REMOVED, ROUTE.workspaceId(),
        List.of(ROUTE), 42, Instant.ofEpochMilli(1_700_000_000_123L));

    JsonObject json = new JsonObject(TypedBus.toPlain(event));

    assertThat(json.getString("change")).isEqualTo("removed");
    assertThat(ContractJson.MAPPER.convertValue(json, RouteChangedEvent.class)).isEqualTo(event);
  }
}
