package io.devsanctum.standalone.faults;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The REST API of a DevSanctum that runs as a process, over plain HTTP on loopback. */
final class HttpApi {

  /** An answer: status, headers, body. */
  record Reply(int status, HttpHeaders headers, String body) {

    JsonObject json() {
      return new JsonObject(body);
    }

    boolean hasProblemJson() {
      return headers.firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }
  }

  // HTTP/1.1, as browsers speak it to a plain-http origin
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private final int port;

  HttpApi(int port) {
    this.port = port;
  }

  Reply send(String method, String path, String token, JsonObject body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers(), response.body());
  }

  Reply get(String path, String token) throws IOException, InterruptedException {
    return send("GET", path, token, null);
  }

  Reply post(String path, String token, JsonObject body) throws IOException, InterruptedException {
    return send("POST", path, token, body);
  }

  /** Creates the first admin, signs in and makes an API token (which outlives restarts): the token. */
  String firstAdminToken(String username, String password) throws IOException, InterruptedException {
    expect(201, post("/api/v1/setup/first-admin", null, new JsonObject().put("email", username + "@example.com")
        .put("username", username).put("password", password)));
    String access = expect(200, post("/api/v1/auth/sign-in", null,
        new JsonObject().put("login", username).put("password", password))).json().getString("accessToken");
    return expect(201, post("/api/v1/api-tokens", access, new JsonObject().put("name", "fault-injection")))
        .json().getString("token");
  }

  /** A template on the minimal workspace image, with {@code overrides} merged into its spec: its id. */
  String minimalTemplate(String token, String name, JsonObject overrides) throws IOException, InterruptedException {
    JsonObject spec = new JsonObject()
        .put("image", "devsanctum/workspace-minimal:latest")
        .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
            .put("healthPath", "/healthz")))
        .put("cpuMillis", 100).put("memoryMb", 64).put("pidsLimit", 32).put("startupTimeoutSeconds", 30)
        .mergeIn(overrides);
    return expect(201, post("/api/v1/templates", token, new JsonObject().put("name", name).put("spec", spec)))
        .json().getString("id");
  }

  static Reply expect(int status, Reply reply) {
    if (reply.status() != status) {
      throw new AssertionError("expected " + status + ", got " + reply.status() + ": " + reply.body());
    }
    return reply;
  }
}
