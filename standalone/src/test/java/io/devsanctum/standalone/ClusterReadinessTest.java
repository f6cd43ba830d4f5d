package io.devsanctum.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.common.config.ClusterConfig;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.devsanctum.gateway.GatewayVerticle;
import io.devsanctum.provisioner.ProvisionerVerticle;
import io.devsanctum.routing.RoutingVerticle;
import io.devsanctum.workspace.WorkspaceVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The five services, each on its own clustered Vert.x instance (its own Hazelcast member on
 * 127.0.0.1), in a cluster with a random name: readiness crosses the clustered event bus.
 */
class ClusterReadinessTest {

  private final List<VertxRuntime> members = new ArrayList<>();

  @AfterEach
  void leaveCluster() {
    members.forEach(member -> member.vertx().close().await());
  }

  @Test
  void readinessReachesEveryServiceOverTheClusteredBusAndNamesAStoppedOne() throws Exception {
    int basePort = 20000 + ThreadLocalRandom.current().nextInt(20000);
    ClusterConfig cluster = new ClusterConfig("devsanctum-test-" + UUID.randomUUID(), "127.0.0.1", basePort,
        List.of("127.0.0.1"));
    DevSanctumConfig config = DevSanctumConfig.from(new Env(Map.of("DEVSANCTUM_HTTP_PORT", "0", "DEVSANCTUM_MANAGEMENT_PORT", "0", "DEVSANCTUM_SSH_PORT", "0",
            "DEVSANCTUM_HTTP_HOST", "127.0.0.1")))
        .withDatabase(TestDatabase.freshDatabase())
        .withCluster(cluster);

    Map<String, VertxRuntime> byService = new LinkedHashMap<>();
    Map<String, BiFunction<DevSanctumConfig, VertxRuntime, Deployable>> services = new LinkedHashMap<>();
    services.put("auth", (c, r) -> new AuthVerticle(c, r.meterRegistry()));
    services.put("workspace", (c, r) -> new WorkspaceVerticle(c, r.meterRegistry()));
    services.put("provisioner", (c, r) -> new ProvisionerVerticle(c, r.meterRegistry()));
    services.put("routing", (c, r) -> new RoutingVerticle(c, r.meterRegistry()));
    for (var service : services.entrySet()) {
      VertxRuntime member = VertxFactory.clustered(cluster).await();
      members.add(member);
      byService.put(service.getKey(), member);
      member.vertx().deployVerticle(service.getValue().apply(config, member)).await();
    }
    VertxRuntime gatewayMember = VertxFactory.clustered(cluster).await();
    members.add(gatewayMember);
    GatewayVerticle gateway = new GatewayVerticle(config, gatewayMember.meterRegistry());
    gatewayMember.vertx().deployVerticle(gateway).await();
    WebClient http = WebClient.create(gatewayMember.vertx());

    // the gateway is ready once it has read the route table over the clustered bus
    JsonObject body = awaitStatus(http, gateway.actualPort(), 200, Duration.ofSeconds(30));
    assertThat(body.getJsonObject("services").fieldNames())
        .containsExactlyInAnyOrder("auth", "workspace", "provisioner", "routing", "gateway");
    assertThat(body.getString("database")).isEqualTo("UP");

    byService.get("routing").vertx().close().await();
    members.remove(byService.get("routing"));

    JsonObject notReady = awaitStatus(http, gateway.actualPort(), 503, Duration.ofSeconds(30));
    assertThat(notReady.getJsonArray("down").getList()).containsExactly("routing");
    assertThat(notReady.getJsonObject("services").getJsonObject("routing").getString("status")).isEqualTo("DOWN");
    assertThat(notReady.getJsonObject("services").getJsonObject("auth").getString("status")).isEqualTo("UP");
  }

  private static JsonObject awaitStatus(WebClient http, int port, int status, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    HttpResponse<?> last;
    do {
      last = http.get(port, "127.0.0.1", "/health/ready").send().await();
      if (last.statusCode() == status) {
        return last.bodyAsJsonObject();
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("readiness stayed " + last.statusCode() + ": " + last.bodyAsString());
  }
}
