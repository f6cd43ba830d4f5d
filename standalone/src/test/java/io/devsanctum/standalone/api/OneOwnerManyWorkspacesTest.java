package io.devsanctum.standalone.api;

import static io.devsanctum.standalone.api.Docker.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * One owner runs a hundred workspaces on one Docker host (issue 12: owner networks used to hold
 * 61): created at once through the REST API from a minimal template with small limits, all
 * running on the owner's one network, each answering through the proxy.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneOwnerManyWorkspacesTest {

  private static final int WORKSPACES = 100;

  private Platform platform;
  private String admin;
  private JsonObject ada;

  @BeforeAll
  void start() {
    Docker.buildMinimalImage();
    platform = Platform.start();
    admin = platform.firstAdmin("root", "root password").getString("accessToken");
    ada = platform.member(admin, "ada", "ada password");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void aHundredWorkspacesOfOneOwnerRunOnOneHostEachServingItsApp() {
    String template = platform.post("/api/v1/templates", admin, new JsonObject().put("name", "small")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
                .put("healthPath", "/healthz")))
            .put("cpuMillis", 100).put("memoryMb", 64).put("pidsLimit", 16).put("startupTimeoutSeconds", 120)))
        .bodyAsJsonObject().getString("id");
    String token = ada.getString("accessToken");

    List<HttpResponse<Buffer>> created = Future.all(IntStream.range(0, WORKSPACES)
            .mapToObj(i -> platform.request(HttpMethod.POST, "/api/v1/workspaces", token)
                .sendJsonObject(new JsonObject().put("templateId", template).put("name", "ws-" + i)))
            .toList())
        .await().list();
    assertThat(created).allSatisfy(response -> assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201));

    await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      JsonArray listed = platform.get("/api/v1/workspaces?limit=500", token).bodyAsJsonObject().getJsonArray("workspaces");
      assertThat(listed.stream().map(JsonObject.class::cast).filter(w -> "FAILED".equals(w.getString("state"))))
          .as("failed workspaces").isEmpty();
      return listed.stream().map(JsonObject.class::cast).filter(w -> "RUNNING".equals(w.getString("state"))).count()
          == WORKSPACES;
    });

    List<JsonObject> running = platform.get("/api/v1/workspaces?limit=500", token).bodyAsJsonObject()
        .getJsonArray("workspaces").stream().map(JsonObject.class::cast).toList();
    assertThat(running).hasSize(WORKSPACES);
    assertThat(running.stream().map(w -> w.getString("dockerHostId")).distinct()).containsExactly(platform.dockerHostId());
    String network = "devsanctum-owner-" + ada.getJsonObject("user").getString("id");
    assertThat(docker("network", "inspect", "-f", "{{len .Containers}}", network).strip())
        .as("containers on the owner's network").isEqualTo(String.valueOf(WORKSPACES));

    for (JsonObject workspace : running) {
      URI url = URI.create(workspace.getString("url"));
      HttpResponse<Buffer> page = platform.request(HttpMethod.GET, "/", token).virtualHost(url.getHost())
          .putHeader("Sec-Fetch-Mode", "navigate").send().await();
      assertThat(page.statusCode()).as(workspace.getString("name")).isEqualTo(200);
      assertThat(page.bodyAsString()).contains("DevSanctum workspace " + workspace.getString("name"));
    }
  }
}
