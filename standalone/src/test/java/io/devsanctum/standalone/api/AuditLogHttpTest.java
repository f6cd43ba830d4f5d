package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit log over HTTP against the whole platform: each action writes exactly one record with
 * its actor, action, target, result, request id and client address (auth-service's through its
 * outbox, workspace-service's in the change's transaction); refusals are recorded; no secret is in
 * any record; the table refuses changes; the read API filters, pages and exports CSV.
 */
class AuditLogHttpTest {

  private static final String CLIENT = "198.51.100.42";
  private static final String ROOT_PASSWORD = "correct horse battery";
  private static Platform platform;
  private static WebClient metricsClient;
  private static String root;
  private static String rootId;
  private static final List<String> SECRETS = new ArrayList<>(List.of(ROOT_PASSWORD));

  @BeforeAll
  static void start() {
    platform = Platform.start(Map.of("DEVSANCTUM_TRUSTED_PROXIES", "127.0.0.1/32"));
    JsonObject session = platform.firstAdmin("root", ROOT_PASSWORD);
    root = session.getString("accessToken");
    rootId = session.getJsonObject("user").getString("id");
    SECRETS.add(session.getString("refreshToken"));
    metricsClient = WebClient.create(platform.runtime().vertx());
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** One action as a client at {@link #CLIENT} does it, with its request id, and the record it must leave. */
  private record Case(String action, String targetType, Supplier<String> perform) {
  }

  @Test
  void eachActionWritesExactlyOneRecordWithItsActorTargetResultRequestIdAndClientAddress() {
    tableRan = true;
    String[] memberId = new String[1];
    String[] tokenId = new String[1];
    String[] keyId = new String[1];
    String[] templateId = new String[1];
    List<Case> cases = List.of(
        new Case("user.create", "user", () -> memberId[0] = id(call(HttpMethod.POST, "/api/v1/users", root,
            new JsonObject().put("email", "ada@example.com").put("username", "ada").put("password", "ada's password"),
            201))),
        new Case("user.role-change", "user", () -> id(call(HttpMethod.PUT, "/api/v1/users/" + memberId[0] + "/role",
            root, new JsonObject().put("role", "auditor"), 200))),
        new Case("user.suspend", "user", () -> id(call(HttpMethod.POST, "/api/v1/users/" + memberId[0] + "/suspend",
            root, null, 200))),
        new Case("user.reactivate", "user", () -> id(call(HttpMethod.POST,
            "/api/v1/users/" + memberId[0] + "/reactivate", root, null, 200))),
        new Case("user.quota-change", "user", () -> {
          call(HttpMethod.PUT, "/api/v1/users/" + memberId[0] + "/quota", root,
              new JsonObject().put("maxWorkspaces", 2), 200);
          return memberId[0];
        }),
        new Case("user.password-reset", "user", () -> {
          SECRETS.add(call(HttpMethod.POST, "/api/v1/users/" + memberId[0] + "/password-reset", root, null, 200)
              .bodyAsJsonObject().getString("oneTimePassword"));
          return memberId[0];
        }),
        new Case("token.create", "token", () -> {
          JsonObject token = call(HttpMethod.POST, "/api/v1/api-tokens", root, new JsonObject().put("name", "ci"), 201)
              .bodyAsJsonObject();
          SECRETS.add(token.getString("token"));
          return tokenId[0] = token.getString("id");
        }),
        new Case("token.revoke", "token", () -> {
          call(HttpMethod.DELETE, "/api/v1/api-tokens/" + tokenId[0], root, null, 204);
          return tokenId[0];
        }),
        new Case("ssh-key.add", "ssh-key", () -> keyId[0] = id(call(HttpMethod.POST, "/api/v1/ssh-keys", root,
            new JsonObject().put("name", "laptop").put("publicKey",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test@audit"), 201))),
        new Case("ssh-key.remove", "ssh-key", () -> {
          call(HttpMethod.DELETE, "/api/v1/ssh-keys/" + keyId[0], root, null, 204);
          return keyId[0];
        }),
        new Case("template.create", "template", () -> templateId[0] = id(call(HttpMethod.POST, "/api/v1/templates",
            root, new JsonObject().put("name", "audited").put("spec", new JsonObject()
                .put("image", "devsanctum/workspace-minimal:latest")
                .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                    .put("default", true).put("healthPath", "/healthz")))
                .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64).put("startupTimeoutSeconds", 30)),
            201))),
        new Case("template.archive", "template", () -> id(call(HttpMethod.POST,
            "/api/v1/templates/" + templateId[0] + "/archive", root, null, 200))),
        new Case("user.delete", "user", () -> {
          call(HttpMethod.DELETE, "/api/v1/users/" + memberId[0], root, null, 204);
          return memberId[0];
        }));

    for (Case c : cases) {
      String requestId = "audit-" + c.action().replace('.', '-') + "-" + UUID.randomUUID();
      lastRequestId = requestId;
      String target = c.perform().get();
      JsonObject record = await().atMost(Duration.ofSeconds(20)).until(
          () -> records("requestId", requestId), found -> found.size() == 1).get(0);
      assertThat(record.getString("action")).as(c.action()).isEqualTo(c.action());
      assertThat(record.getJsonObject("actor").getString("kind")).isEqualTo("user");
      assertThat(record.getJsonObject("actor").getString("userId")).isEqualTo(rootId);
      assertThat(record.getJsonObject("actor").getString("name")).isEqualTo("root");
      assertThat(record.getJsonObject("target").getString("type")).isEqualTo(c.targetType());
      assertThat(record.getJsonObject("target").getString("id")).isEqualTo(target);
      assertThat(record.getJsonObject("result").getBoolean("success")).isTrue();
      assertThat(record.getString("clientAddress")).isEqualTo(CLIENT);
      assertThat(record.getString("userAgent")).isEqualTo("audit-test/1");
    }
    // and never twice: the outbox's deliveries are stored once
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> allRecords().stream().map(r -> r.getString("id")).distinct().count() == allRecords().size());
  }

  @Test
  void aRefusedActionWritesARefusalRecordWithItsStatusAndCode() {
    JsonObject member = platform.member(root, "bob", "bob's password");
    SECRETS.add(member.getString("refreshToken"));
    String requestId = "audit-refusal-" + UUID.randomUUID();
    lastRequestId = requestId;
    call(HttpMethod.POST, "/api/v1/users", member.getString("accessToken"),
        new JsonObject().put("email", "eve@example.com").put("username", "eve").put("password", "eve's password"), 403);

    JsonObject record = await().atMost(Duration.ofSeconds(20))
        .until(() -> records("requestId", requestId), found -> found.size() == 1).get(0);
    assertThat(record.getString("action")).isEqualTo("user.create");
    assertThat(record.getJsonObject("actor").getString("name")).isEqualTo("bob");
    assertThat(record.getJsonObject("result").getBoolean("success")).isFalse();
    assertThat(record.getJsonObject("result").getInteger("status")).isEqualTo(403);
    assertThat(record.getJsonObject("result").getString("code")).isEqualTo("forbidden");
    assertThat(record.getString("clientAddress")).isEqualTo(CLIENT);
  }

  @Test
  void aRefusalMadeWhileTheAuditLogIsAwayWaitsAtTheGatewayAndIsRecordedOnceItIsBack() {
    JsonObject member = platform.member(root, "dave", "dave's password");
    SECRETS.add(member.getString("refreshToken"));
    String requestId = "audit-away-" + UUID.randomUUID();
    lastRequestId = requestId;
    platform.stopWorkspaceService();
    try {
      call(HttpMethod.POST, "/api/v1/users", member.getString("accessToken"), new JsonObject()
          .put("email", "mallory@example.com").put("username", "mallory").put("password", "mallory's password"), 403);
      await().atMost(Duration.ofSeconds(10)).until(() -> gatewayMetric("devsanctum_audit_gateway_waiting") >= 1);
    } finally {
      platform.startWorkspaceService();
    }

    JsonObject record = await().atMost(Duration.ofSeconds(20))
        .until(() -> records("requestId", requestId), found -> found.size() == 1).get(0);
    assertThat(record.getString("action")).isEqualTo("user.create");
    assertThat(record.getJsonObject("actor").getString("name")).isEqualTo("dave");
    assertThat(record.getJsonObject("result").getInteger("status")).isEqualTo(403);
    await().atMost(Duration.ofSeconds(10)).until(() -> gatewayMetric("devsanctum_audit_gateway_waiting") == 0);
    assertThat(gatewayMetric("devsanctum_audit_gateway_dropped_total")).isZero();
  }

  /** A gauge or counter of the gateway's metrics, as Prometheus scrapes it. */
  private static double gatewayMetric(String name) {
    String scraped = metricsClient.get(platform.managementPort(), "127.0.0.1", "/metrics").send().await().bodyAsString();
    return scraped.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void aFailedSignInIsRecordedUnderTheLoginItGaveAndASuccessfulOneUnderItsUser() {
    String failed = "audit-sign-in-" + UUID.randomUUID();
    lastRequestId = failed;
    SECRETS.add("not root's password");
    call(HttpMethod.POST, "/api/v1/auth/sign-in", null,
        new JsonObject().put("login", "root").put("password", "not root's password"), 401);
    JsonObject refusal = await().atMost(Duration.ofSeconds(20))
        .until(() -> records("requestId", failed), found -> found.size() == 1).get(0);
    assertThat(refusal.getString("action")).isEqualTo("session.sign-in");
    assertThat(refusal.getJsonObject("actor").getString("kind")).isEqualTo("anonymous");
    assertThat(refusal.getJsonObject("actor").getString("name")).isEqualTo("root");
    assertThat(refusal.getJsonObject("result").getInteger("status")).isEqualTo(401);

    String succeeded = "audit-sign-in-" + UUID.randomUUID();
    lastRequestId = succeeded;
    SECRETS.add(call(HttpMethod.POST, "/api/v1/auth/sign-in", null,
        new JsonObject().put("login", "root").put("password", ROOT_PASSWORD), 200).bodyAsJsonObject()
        .getString("refreshToken"));
    JsonObject signIn = await().atMost(Duration.ofSeconds(20))
        .until(() -> records("requestId", succeeded), found -> found.size() == 1).get(0);
    assertThat(signIn.getJsonObject("actor").getString("userId")).isEqualTo(rootId);
    assertThat(signIn.getJsonObject("result").getBoolean("success")).isTrue();
  }

  @Test
  void aRefusedSignInWhoseLoginHoldsNulIsStoredWithTheNulReplaced() {
    String requestId = "audit-nul-" + UUID.randomUUID();
    lastRequestId = requestId;
    SECRETS.add("whatever it is");
    call(HttpMethod.POST, "/api/v1/auth/sign-in", null,
        new JsonObject().put("login", "root\u0000admin").put("password", "whatever it is"), 400);
    JsonObject refusal = await().atMost(Duration.ofSeconds(20))
        .until(() -> records("requestId", requestId), found -> found.size() == 1).get(0);
    assertThat(refusal.getJsonObject("actor").getString("name")).isEqualTo("root\uFFFDadmin");
  }

  @Test
  void noRecordHoldsAPasswordATokenOrAOneTimePassword() {
    eachActionWritesExactlyOneRecordWithItsActorTargetResultRequestIdAndClientAddress_ifNotRun();
    String everything = platform.get("/api/v1/audit?format=csv", root).bodyAsString();
    assertThat(everything).contains("user.create");
    for (String secret : SECRETS) {
      assertThat(everything).as("a secret used in this test").doesNotContain(secret);
    }
  }

  @Test
  void theDatabaseRefusesToChangeOrDeleteARecord() {
    platform.post("/api/v1/api-tokens", root, new JsonObject().put("name", "for-the-trigger"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !records("action", "token.create").isEmpty());
    Pool db = platform.database("workspace");
    try {
      assertThatThrownBy(() -> db.query("UPDATE workspace.audit_events SET actor_name = 'someone else'").execute()
          .await()).hasMessageContaining("append-only");
      assertThatThrownBy(() -> db.query("DELETE FROM workspace.audit_events").execute().await())
          .hasMessageContaining("append-only");
    } finally {
      db.close();
    }
  }

  @Test
  void theLogIsFilteredPagedNewestFirstAndExportedAsCsv() {
    for (int i = 0; i < 5; i++) {
      platform.post("/api/v1/api-tokens", root, new JsonObject().put("name", "paged-" + i));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> records("action", "token.create").size() >= 5);

    Set<String> seen = new HashSet<>();
    String cursor = null;
    String previous = null;
    int pages = 0;
    do {
      JsonObject page = platform.get("/api/v1/audit?action=token.create&limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor), root).bodyAsJsonObject();
      for (Object item : page.getJsonArray("events")) {
        JsonObject record = (JsonObject) item;
        assertThat(record.getString("action")).isEqualTo("token.create");
        assertThat(seen.add(record.getString("id"))).as("each record once").isTrue();
        if (previous != null) {
          assertThat(record.getString("occurredAt").compareTo(previous)).as("newest first").isLessThanOrEqualTo(0);
        }
        previous = record.getString("occurredAt");
      }
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null);
    assertThat(seen.size()).isEqualTo(records("action", "token.create").size());
    assertThat(pages).isGreaterThanOrEqualTo(3);

    HttpResponse<Buffer> csv = platform.request(HttpMethod.GET, "/api/v1/audit?action=token.create", root)
        .putHeader("Accept", "text/csv").send().await();
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    List<String> lines = csv.bodyAsString().lines().toList();
    assertThat(lines.get(0)).startsWith("occurredAt,actorKind,actorId,actorName,action");
    assertThat(lines.subList(1, lines.size())).hasSize(seen.size()).allSatisfy(line -> assertThat(line)
        .contains(",token.create,"));

    assertThat(platform.get("/api/v1/audit?result=refused&action=token.create", root).bodyAsJsonObject()
        .getJsonArray("events")).isEmpty();
    assertThat(platform.get("/api/v1/audit?from=2999-01-01T00:00:00Z", root).bodyAsJsonObject()
        .getJsonArray("events")).isEmpty();
    assertThat(platform.get("/api/v1/audit?action=no.such-action", root).statusCode()).isEqualTo(400);
    assertThat(platform.get("/api/v1/audit?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z", root).statusCode())
        .isEqualTo(400);
    JsonObject member = platform.member(root, "carol", "carol's password");
    assertThat(platform.get("/api/v1/audit", member.getString("accessToken")).statusCode()).isEqualTo(403);
  }

  private static String lastRequestId;
  private static boolean tableRan;

  private void eachActionWritesExactlyOneRecordWithItsActorTargetResultRequestIdAndClientAddress_ifNotRun() {
    if (!tableRan) {
      eachActionWritesExactlyOneRecordWithItsActorTargetResultRequestIdAndClientAddress();
    }
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body,
      int expected) {
    var request = platform.request(method, path, token).putHeader("X-Forwarded-For", CLIENT)
        .putHeader("User-Agent", "audit-test/1").putHeader("X-Request-Id", lastRequestId);
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendJsonObject(body)).await();
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.bodyAsString()).isEqualTo(expected);
    return response;
  }

  private static String id(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getString("id");
  }

  private static List<JsonObject> records(String field, String value) {
    return allRecords().stream().filter(r -> value.equals(r.getString(field))).toList();
  }

  private static List<JsonObject> allRecords() {
    List<JsonObject> all = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = platform.get("/api/v1/audit?limit=500" + (cursor == null ? "" : "&cursor=" + cursor), root)
          .bodyAsJsonObject();
      page.getJsonArray("events").forEach(item -> all.add((JsonObject) item));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return all;
  }

}
