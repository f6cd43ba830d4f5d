package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.auth.AuthContract;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One regression test per root cause of the 500s an outside fuzz run found: each class of bad
 * input is refused with a 400 (or another 4xx) naming what is wrong, and stored data that cannot
 * be read never breaks a list for others.
 */
class MalformedInputTest {

  private static final String IMAGE = "devsanctum/workspace-minimal:latest";

  private static Platform platform;
  private static LogCapture logs;
  private static String admin;
  private static String member;

  @BeforeAll
  static void start() {
    Docker.buildMinimalImage();
    logs = new LogCapture();
    platform = Platform.start();
    admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    member = platform.member(admin, "mia", "member password 1").getString("accessToken");
  }

  @AfterAll
  static void stop() {
    try {
      assertThat(logs.errorsAndStackTraces()).as("errors or stack traces logged for client mistakes").isEmpty();
    } finally {
      logs.close();
      platform.close();
    }
  }

  @Test
  void nulAndControlCharactersAreRefusedNamingTheFieldAndNeverReachPostgres() {
    assertField(platform.post("/api/v1/auth/sign-in", null, new JsonObject().put("login", "a\u0000b").put("password", "x")),
        400, "/login");
    assertField(platform.post("/api/v1/api-tokens", admin, new JsonObject().put("name", "ci\r\ndeploy")), 400, "/name");
    assertField(platform.post("/api/v1/users", admin, new JsonObject().put("email", "n@example.com").put("username", "nul")
        .put("displayName", "Nul\u0000Byte").put("password", "long enough password")), 400, "/displayName");
    assertField(platform.post("/api/v1/templates", admin, template("t\u0000", spec())), 400, "/name");
    assertField(platform.post("/api/v1/templates", admin, template("nul-spec", spec().put("env",
        new JsonObject().put("GREETING", "hi\u0000")))), 400, "/spec/env/GREETING");
    // Java's "$" also matches before a final line break, so the contract lets "admin\n" by: the service does not
    assertField(platform.post("/api/v1/auth/sign-in", null, new JsonObject().put("login", "root\n").put("password", "x")),
        400, "login");
    // and a caller that is not the gateway gets the same refusal, never PostgreSQL's
    Throwable refused = TypedBus.client(platform.runtime().vertx(), AuthContract.class)
        .signIn("a\u0000b", "x", "127.0.0.1", null)
        .map(session -> (Throwable) null).otherwise(failure -> failure).await();
    assertThat(ErrorCode.of(refused)).isEqualTo(ErrorCode.VALIDATION);
    assertThat(refused.getMessage()).startsWith("login: must not contain control characters");
  }

  @Test
  void anEmptyEmailIsAValidationProblemNotACrashOfTheSchemaCheck() {
    assertField(platform.post("/api/v1/users", admin, new JsonObject().put("email", "").put("username", "empty")
        .put("password", "long enough password")), 400, "/email");
    assertThat(platform.post("/api/v1/setup/first-admin", null, new JsonObject().put("email", "").put("username", "x")
        .put("password", "long enough password")).statusCode()).isEqualTo(400);
  }

  @Test
  void deploymentNumbersAreReadAsTheContractDeclaresThem() {
    String base = "/api/v1/workspaces/" + UUID.randomUUID() + "/deployments/";
    for (String number : List.of("2147483648", "99999999999999999999", "0", "-1", "abc", "1.5", "1e3")) {
      for (String suffix : List.of("/logs", "/logs/stream")) {
        HttpResponse<Buffer> response = platform.get(base + number + suffix, admin);
        assertThat(response.statusCode()).as(number + suffix).isEqualTo(400);
        assertProblem(response);
      }
    }
    for (String number : List.of("%201", "1")) {
      // integers the contract's reader accepts: the workspace does not exist
      assertThat(platform.get(base + number + "/logs", admin).statusCode()).as(number).isEqualTo(404);
    }
  }

  @Test
  void aTemplateVersionThatCannotBeReadNeverBreaksTheTemplateListForAnyone() {
    assertField(platform.post("/api/v1/templates", admin, new JsonObject().put("name", "infinite").put("spec", spec()
        .put("parameters", new JsonArray().add(new JsonObject().put("name", "n").put("type", "number").put("min", 1e300))))),
        400, "/spec/parameters/0/min");
    HttpResponse<Buffer> infinite = platform.request(HttpMethod.POST, "/api/v1/templates", admin)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"name\":\"infinite\",\"spec\":{\"image\":\"" + IMAGE + "\",\"apps\":[{\"name\":\"web\","
            + "\"port\":8080}],\"parameters\":[{\"name\":\"n\",\"type\":\"number\",\"min\":1e999}]}}")).await();
    assertField(infinite, 400, "/spec/parameters/0/min");

    // what the old server stored for that request: a version no reader can map back
    JsonObject created = platform.post("/api/v1/templates", admin, template("poisoned", spec())).bodyAsJsonObject();
    String templateId = created.getString("id");
    String versionId = created.getJsonObject("activeVersion").getString("id");
    Pool workspace = platform.database("workspace");
    workspace.preparedQuery("UPDATE workspace.template_versions SET spec = jsonb_set(spec, '{parameters}', $1)"
            + " WHERE id = $2")
        .execute(Tuple.of(new JsonArray().add(new JsonObject().put("name", "n").put("type", "number").put("min", "Infinity")),
            UUID.fromString(versionId))).await();
    workspace.close().await();

    for (String caller : List.of(member, admin)) {
      HttpResponse<Buffer> list = platform.get("/api/v1/templates", caller);
      assertThat(list.statusCode()).isEqualTo(200);
      JsonObject listed = templateNamed(list.bodyAsJsonObject(), "poisoned");
      assertThat(listed.containsKey("activeVersion")).isFalse();
    }
    HttpResponse<Buffer> one = platform.get("/api/v1/templates/" + templateId, member);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.bodyAsJsonObject().containsKey("activeVersion")).isFalse();
    assertThat(platform.get("/api/v1/templates/" + templateId + "/versions", member).bodyAsJsonObject()
        .getJsonArray("versions")).isEmpty();
    HttpResponse<Buffer> workspaceOfIt = platform.post("/api/v1/workspaces", member,
        new JsonObject().put("templateId", templateId).put("name", "from-poison"));
    assertThat(workspaceOfIt.statusCode()).isEqualTo(422);
    assertThat(workspaceOfIt.bodyAsJsonObject().getString("detail")).contains("cannot read");
    assertThat(logs.messages()).anyMatch(line -> line.startsWith("WARN") && line.contains(versionId)
        && line.contains("parameter n: min and max must be finite numbers"));

    // a clean spec repairs it
    HttpResponse<Buffer> repaired = platform.send(HttpMethod.PATCH, "/api/v1/templates/" + templateId, admin,
        new JsonObject().put("spec", spec()));
    assertThat(repaired.statusCode()).isEqualTo(200);
    assertThat(repaired.bodyAsJsonObject().getJsonObject("activeVersion").getInteger("version")).isEqualTo(2);
    assertThat(templateNamed(platform.get("/api/v1/templates", member).bodyAsJsonObject(), "poisoned")
        .getJsonObject("activeVersion").getInteger("version")).isEqualTo(2);
    assertThat(platform.post("/api/v1/templates/" + templateId + "/archive", admin, null).statusCode()).isEqualTo(200);
  }

  @Test
  void concurrentSpecEditsOfOneTemplateEachGetTheirOwnVersion() {
    String templateId = platform.post("/api/v1/templates", admin, template("edited-at-once", spec()))
        .bodyAsJsonObject().getString("id");
    List<Future<HttpResponse<Buffer>>> edits = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      edits.add(platform.request(HttpMethod.PATCH, "/api/v1/templates/" + templateId, admin)
          .sendJsonObject(new JsonObject().put("spec", spec().put("env", new JsonObject().put("EDIT", "e" + i)))));
    }
    Future.join(edits).otherwiseEmpty().await();
    assertThat(edits).allSatisfy(edit -> assertThat(edit.result().statusCode()).isEqualTo(200));
    Set<Integer> versions = edits.stream()
        .map(edit -> edit.result().bodyAsJsonObject().getJsonObject("activeVersion").getInteger("version"))
        .collect(Collectors.toSet());
    assertThat(versions).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(platform.get("/api/v1/templates/" + templateId + "/versions", admin).bodyAsJsonObject()
        .getJsonArray("versions")).hasSize(11);
  }

  @Test
  void quotaLimitsAreWholeNumbersThatFitTheDatabase() {
    String userId = platform.get("/api/v1/users/me", member).bodyAsJsonObject().getString("id");
    String path = "/api/v1/users/" + userId + "/quota";
    for (Object bad : List.of(3_000_000_000L, -1, 1.5, "5")) {
      assertField(platform.send(HttpMethod.PUT, path, admin, new JsonObject().put("maxWorkspaces", bad)), 400,
          "/maxWorkspaces");
    }
    HttpResponse<Buffer> nobody = platform.send(HttpMethod.PUT, "/api/v1/users/" + UUID.randomUUID() + "/quota", admin,
        new JsonObject().put("maxWorkspaces", 1));
    assertThat(nobody.statusCode()).as("a quota of nobody").isEqualTo(404);
    HttpResponse<Buffer> largest = platform.send(HttpMethod.PUT, path, admin, new JsonObject().put("maxCpuMillis", Integer.MAX_VALUE));
    assertThat(largest.statusCode()).isEqualTo(200);
    assertThat(largest.bodyAsJsonObject().getInteger("maxCpuMillis")).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void onlyPlainJsonIsReadAsJson() {
    Map<String, String> lenient = Map.of(
        "{/* a comment */\"name\":\"c\"}", "/",
        "{\"name\":\"a\",\"name\":\"b\"}", "/name",
        "{\"name\":\"a\"} {\"name\":\"b\"}", "/",
        "{\"name\":NaN}", "/name",
        "{\"name\":\"\\ud800\"}", "/name");
    lenient.forEach((body, field) -> assertField(platform.request(HttpMethod.POST, "/api/v1/api-tokens", admin)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await(), 400, field));
    byte[] invalidUtf8 = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertField(platform.request(HttpMethod.POST, "/api/v1/api-tokens", admin)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(invalidUtf8)).await(), 400, "/name");
    assertThat(platform.get("/api/v1/api-tokens", admin).bodyAsJsonObject().getJsonArray("tokens")).isEmpty();
  }

  @Test
  void templateImagesMustBeImageReferences() {
    for (String image : List.of("../../etc/passwd", "/etc/passwd", "a b", "repo/UPPER")) {
      assertField(platform.post("/api/v1/templates", admin, template("bad-image", spec().put("image", image))), 400,
          "/spec/image");
    }
  }

  @Test
  void savingATemplateWarnsOfTheHostsThatLackItsImageAndAWorkspaceOfItFailsReadably() {
    String missing = "devsanctum/not-built-here-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
    JsonObject saved = platform.post("/api/v1/templates", admin, template("missing-image", spec().put("image", missing)))
        .bodyAsJsonObject();
    JsonObject warning = saved.getJsonArray("warnings").getJsonObject(0);
    assertThat(warning.getString("code")).isEqualTo("image-missing");
    assertThat(warning.getJsonArray("hosts").getList()).containsExactly(platform.dockerHostId());
    assertThat(warning.getString("detail")).contains(missing).contains(platform.dockerHostId());
    JsonObject present = platform.post("/api/v1/templates", admin, template("present-image", spec())).bodyAsJsonObject();
    assertThat(present.containsKey("warnings")).isFalse();

    HttpResponse<Buffer> workspace = platform.post("/api/v1/workspaces", member,
        new JsonObject().put("templateId", saved.getString("id")).put("name", "no-image"));
    assertThat(workspace.statusCode()).isEqualTo(422);
    assertThat(workspace.bodyAsJsonObject().getString("detail")).isEqualTo("image '" + missing + "' is not on Docker host '"
        + platform.dockerHostId() + "' and pulling it from Docker Hub failed; build it on that host or push it to a"
        + " registry the host can reach");
    assertThat(platform.get("/api/v1/workspaces", member).bodyAsJsonObject().getJsonArray("workspaces")).isEmpty();
  }

  private static JsonObject spec() {
    return new JsonObject().put("image", IMAGE)
        .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
            .put("healthPath", "/healthz")))
        .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64);
  }

  private static JsonObject template(String name, JsonObject spec) {
    return new JsonObject().put("name", name).put("spec", spec);
  }

  private static JsonObject templateNamed(JsonObject list, String name) {
    return list.getJsonArray("templates").stream().map(JsonObject.class::cast)
        .filter(t -> name.equals(t.getString("name"))).findFirst().orElseThrow();
  }

  private static JsonObject assertProblem(HttpResponse<Buffer> response) {
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(response.statusCode());
    return problem;
  }

  /** The answer is a problem with this status whose errors name {@code field}. */
  private static void assertField(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject problem = assertProblem(response);
    assertThat(problem.getJsonArray("errors", new JsonArray()).stream().map(e -> ((JsonObject) e).getString("field")))
        .as(problem.encode()).contains(field);
  }
}
