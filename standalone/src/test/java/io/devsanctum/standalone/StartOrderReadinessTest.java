package io.devsanctum.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.devsanctum.gateway.GatewayVerticle;
import io.devsanctum.provisioner.ProvisionerVerticle;
import io.devsanctum.routing.RoutingVerticle;
import io.devsanctum.workspace.WorkspaceVerticle;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway started before the services it needs, as a standalone start or a cluster member
 * may: readiness names what is missing, its own SSH listener (waiting for auth-service's host key)
 * and route table (waiting for routing-service) included, and turns 200 once the services come up,
 * without a restart.
 */
class StartOrderReadinessTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private VertxRuntime runtime;

  @AfterEach
  void close() {
    if (runtime != null) {
      runtime.vertx().close().await();
    }
  }

  @Test
  void readinessStays503UntilTheSshListenerAndRouteTableOfAGatewayStartedFirstAreUp() {
    DevSanctumConfig config = DevSanctumConfig.from(new Env(Map.of("DEVSANCTUM_HTTP_PORT", "0",
            "DEVSANCTUM_MANAGEMENT_PORT", "0", "DEVSANCTUM_SSH_PORT", "0", "DEVSANCTUM_HTTP_HOST", "127.0.0.1",
            "DEVSANCTUM_SEED_TEMPLATES", "false",
            // a Docker host id of its own, so nothing of anyone else's is taken for this test's
            "DEVSANCTUM_DOCKER_HOSTS", "test-" + UUID.randomUUID().toString().substring(0, 8)
                + "=unix:///var/run/docker.sock")))
        .withDatabase(TestDatabase.freshDatabase());
    runtime = VertxFactory.local();
    var vertx = runtime.vertx();
    GatewayVerticle gateway = new GatewayVerticle(config, runtime.meterRegistry());
    vertx.deployVerticle(gateway).await();
    WebClient http = WebClient.create(vertx);

    JsonObject alone = ready(http, gateway, 503);
    JsonObject gatewayChecks = alone.getJsonObject("services").getJsonObject("gateway").getJsonObject("checks");
    assertThat(gatewayChecks.getString("ssh")).as(alone.encodePrettily()).isEqualTo("DOWN");
    assertThat(gatewayChecks.getString("routeTable")).as(alone.encodePrettily()).isEqualTo("DOWN");
    assertThat(gateway.sshPort()).isEqualTo(-1);

    vertx.deployVerticle(new RoutingVerticle(config, runtime.meterRegistry())).await();
    vertx.deployVerticle(new ProvisionerVerticle(config, runtime.meterRegistry())).await();
    vertx.deployVerticle(new WorkspaceVerticle(config, runtime.meterRegistry())).await();
    await().atMost(PATIENCE).untilAsserted(() -> {
      JsonObject withoutAuth = ready(http, gateway, 503);
      assertThat(withoutAuth.getJsonArray("down").getList()).containsExactlyInAnyOrder("auth", "gateway");
      assertThat(withoutAuth.getJsonObject("services").getJsonObject("gateway").getJsonObject("checks"))
          .isEqualTo(new JsonObject().put("routeTable", "UP").put("ssh", "DOWN"));
    });

    vertx.deployVerticle(new AuthVerticle(config, runtime.meterRegistry())).await();
    await().atMost(PATIENCE).untilAsserted(() -> ready(http, gateway, 200));
    assertThat(gateway.sshPort()).isPositive();
  }

  /** The readiness report, asserting its status. */
  private static JsonObject ready(WebClient http, GatewayVerticle gateway, int status) {
    HttpResponse<?> response = http.get(gateway.actualPort(), "127.0.0.1", "/health/ready").send().await();
    JsonObject body = response.bodyAsJsonObject();
    assertThat(response.statusCode()).as(body.encodePrettily()).isEqualTo(status);
    return body;
  }
}
