package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.auth.FakeOAuthProviders;
import io.devsanctum.gateway.openapi.ApiContract;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests generated from the contract itself, for every operation it declares, sent
 * as an anonymous caller, a member and an admin: wrong types, values past every bound, NUL and
 * control characters, huge values, missing and unknown fields, broken encodings and JSON, wrong
 * content types, undeclared methods, bad ids. Whatever the answer, it is never a 5xx, every error
 * is a problem document, no malformed change is accepted, the platform stays healthy, and no row
 * and no Docker resource is left behind by what was refused.
 *
 * <p>Real ids (a template, a running workspace, a user, an API token) are used wherever the
 * request is malformed in another way, so refusals are reached deep in the services too; a
 * request that is well-formed apart from its id uses ids that name nothing.
 */
class ContractFuzzTest {

  private static final int IN_FLIGHT = 12;
  private static final Set<String> UNSAFE = Set.of("post", "put", "patch", "delete");
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete", "options", "trace");
  private static final String NOWHERE = "00000000-0000-4000-8000-000000000000";
  /** Stands for a string with an unpaired surrogate, written into the body's text as an escape. */
  private static final String UNPAIRED_SURROGATE = "unpaired-surrogate-here";

  private static FakeOAuthProviders oauth;
  private static Platform platform;
  private static LogCapture logs;
  private static HttpClient http;
  /** The API document; the role matrix (RoleMatrixTest) builds its requests with this class's generators too. */
  static JsonObject contract;
  private static final Map<String, String> tokens = new LinkedHashMap<>();
  private static final Map<String, String> ids = new LinkedHashMap<>();

  /** One generated request. */
  record Probe(String operation, String role, HttpMethod method, String uri, MultiMap headers, Buffer body,
      String mutation, boolean expectsRefusal) {

    String describe() {
      return role + " " + method + " " + (uri.length() > 120 ? uri.substring(0, 120) + "…" : uri) + " [" + mutation + "]";
    }
  }

  @BeforeAll
  static void start() {
    Docker.buildMinimalImage();
    logs = new LogCapture();
    oauth = new FakeOAuthProviders(); // so the OAuth operations run to their end too
    platform = Platform.start(oauth.env());
    http = platform.runtime().vertx().httpClientBuilder().with(new HttpClientOptions().setKeepAlive(true))
        .with(new PoolOptions().setHttp1MaxSize(IN_FLIGHT)).build();
    contract = ApiContract.load(platform.runtime().vertx()).await().document();
    JsonObject adminSession = platform.firstAdmin("root", "correct horse battery");
    tokens.put("admin", adminSession.getString("accessToken"));
    JsonObject memberSession = platform.member(tokens.get("admin"), "mia", "member password 1");
    tokens.put("member", memberSession.getString("accessToken"));
    tokens.put("anonymous", null);
    ids.put("userId", memberSession.getJsonObject("user").getString("id"));
    ids.put("tokenId", platform.post("/api/v1/api-tokens", tokens.get("admin"), new JsonObject().put("name", "fuzz"))
        .bodyAsJsonObject().getString("id"));
    String template = platform.post("/api/v1/templates", tokens.get("admin"), new JsonObject().put("name", "fuzzed")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)
                .put("healthPath", "/healthz")))
            .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64)
            .put("parameters", new JsonArray().add(new JsonObject().put("name", "greeting").put("mutable", true)))))
        .bodyAsJsonObject().getString("id");
    ids.put("templateId", template);
    String workspace = platform.post("/api/v1/workspaces", tokens.get("member"),
        new JsonObject().put("templateId", template).put("name", "fuzzed")).bodyAsJsonObject().getString("id");
    ids.put("workspaceId", workspace);
    awaitRunning(workspace);
  }

  @AfterAll
  static void stop() {
    logs.close();
    platform.close();
    oauth.close();
  }

  @Test
  void malformedRequestsToEveryOperationAreRefusedAsProblemsLeavingNothingBehind() throws Exception {
    Map<String, Long> rowsBefore = rowCounts();
    Map<String, Integer> dockerBefore = dockerResources();
    List<Probe> probes = probes();
    assertThat(probes).as("generated requests").hasSizeGreaterThan(3000);

    Map<Integer, AtomicInteger> byStatus = new TreeMap<>();
    AtomicInteger flowsBegun = new AtomicInteger();
    Queue failures = new Queue();
    long started = System.nanoTime();
    send(probes, new Answer() {
      @Override
      public void received(Probe probe, int status, MultiMap headers, Buffer body) {
        synchronized (byStatus) {
          byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
        if ("startOAuthSignIn".equals(probe.operation()) && status == 302) {
          flowsBegun.incrementAndGet(); // a sign-in that was let begin: its flow is kept until it expires
        }
        check(probe, status, headers, body, failures);
      }

      @Override
      public void unanswered(Probe probe, Throwable failure) {
        failures.add("no answer for " + probe.describe() + ": " + failure);
      }
    });
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    String summary = "contract fuzz: " + probes.size() + " requests to " + operations().size() + " operations in " + seconds
        + " s; by status " + byStatus;
    System.out.println(summary);
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "contract-fuzz-summary.txt"), summary + "\n");

    assertThat(failures.items()).as("findings (first 40)").isEmpty();
    assertThat(byStatus.keySet()).as("statuses").allMatch(status -> status < 500);
    assertThat(platform.get("/health/ready", null).statusCode()).as("ready afterwards").isEqualTo(200);
    for (String role : List.of("member", "admin")) {
      assertThat(platform.get("/api/v1/templates", tokens.get(role)).statusCode()).as(role + " lists templates").isEqualTo(200);
      assertThat(platform.get("/api/v1/workspaces/" + ids.get("workspaceId"), tokens.get(role)).bodyAsJsonObject()
          .getString("state")).as("the fixture workspace").isEqualTo("RUNNING");
    }
    Map<String, Long> rowsExpected = new TreeMap<>(rowsBefore);
    rowsExpected.merge("auth.oauth_flows", (long) flowsBegun.get(), Long::sum);
    assertThat(rowCounts()).as("rows in every table (of the audit log, its successes), but for the OAuth sign-ins begun")
        .isEqualTo(rowsExpected);
    assertThat(dockerResources()).as("containers, volumes, networks").isEqualTo(dockerBefore);
    platform.signIn("mia", "member password 1"); // not locked out by any of it
    assertThat(logs.errorsAndStackTraces()).as("errors or stack traces logged").isEmpty();
  }

  // ---- what is checked of each answer

  interface Answer {
    void received(Probe probe, int status, MultiMap headers, Buffer body);

    void unanswered(Probe probe, Throwable failure);
  }

  /** Findings, kept to the first few so a failing run stays readable. */
  static final class Queue {
    private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    void add(String finding) {
      if (count.incrementAndGet() <= 40) {
        items.add(finding);
      }
    }

    List<String> items() {
      return new ArrayList<>(items);
    }
  }

  private static void check(Probe probe, int status, MultiMap headers, Buffer body, Queue failures) {
    if (status >= 500) {
      failures.add(status + " for " + probe.describe() + ": " + text(body));
      return;
    }
    if (probe.expectsRefusal() && status < 400 && !(probe.method() == HttpMethod.GET && status == 302)) {
      failures.add("accepted " + status + " for " + probe.describe());
    }
    if (status == 405 && headers.get("Allow") == null) {
      failures.add("405 without Allow for " + probe.describe());
    }
    if (status >= 400 && documentedAsProblem(probe.operation(), status)) {
      String type = headers.get("Content-Type");
      if (probe.method() == HttpMethod.HEAD) {
        return; // no body to look at
      }
      if (type == null || !type.startsWith("application/problem+json")) {
        failures.add(status + " as " + type + " for " + probe.describe() + ": " + text(body));
        return;
      }
      try {
        JsonObject problem = new JsonObject(body);
        if (problem.getInteger("status", -1) != status || problem.getString("type") == null) {
          failures.add("malformed problem for " + probe.describe() + ": " + text(body));
        }
      } catch (RuntimeException notJson) {
        failures.add("unreadable problem for " + probe.describe() + ": " + text(body));
      }
    }
  }

  /** Whether the contract says this status of the operation is a problem (everything is, bar a few pages). */
  private static boolean documentedAsProblem(String operation, int status) {
    JsonObject op = operation == null ? null : operationsById().get(operation);
    if (op == null) {
      return true;
    }
    JsonObject responses = op.getJsonObject("responses");
    Object declared = responses.getValue(Integer.toString(status));
    if (declared instanceof JsonObject response) {
      JsonObject resolved = resolve(response);
      return resolved.getJsonObject("content", new JsonObject()).containsKey("application/problem+json");
    }
    return true;
  }

  private static String text(Buffer body) {
    String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  // ---- sending

  private static void send(List<Probe> probes, Answer answer) {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    platform.runtime().vertx().runOnContext(v -> {
      for (int i = 0; i < Math.min(IN_FLIGHT, probes.size()); i++) {
        sendNext(probes, next, finished, answer, done);
      }
    });
    done.future().await();
  }

  private static void sendNext(List<Probe> probes, AtomicInteger next, AtomicInteger finished, Answer answer,
      Promise<Void> done) {
    int index = next.getAndIncrement();
    if (index >= probes.size()) {
      return;
    }
    Probe probe = probes.get(index);
    exchange(probe).onComplete(result -> {
      if (result.succeeded()) {
        answer.received(probe, result.result().status, result.result().headers, result.result().body);
      } else {
        answer.unanswered(probe, result.cause());
      }
      if (finished.incrementAndGet() == probes.size()) {
        done.tryComplete();
      } else {
        sendNext(probes, next, finished, answer, done);
      }
    });
  }

  record Received(int status, MultiMap headers, Buffer body) {
  }

  private static Future<Received> exchange(Probe probe) {
    RequestOptions options = new RequestOptions().setMethod(probe.method()).setHost("127.0.0.1")
        .setPort(platform.port()).setURI(probe.uri()).setHeaders(probe.headers()).setIdleTimeout(20_000);
    return http.request(options).compose(request -> (probe.body() == null ? request.send() : request.send(probe.body()))
        .compose(response -> read(request, response)));
  }

  private static Future<Received> read(io.vertx.core.http.HttpClientRequest request, HttpClientResponse response) {
    String type = response.getHeader("Content-Type");
    if (type != null && type.startsWith("text/event-stream")) {
      // a stream stays open: its head is the answer, and the reset that ends it is this client's doing
      response.exceptionHandler(reset -> { });
      request.reset();
      return Future.succeededFuture(new Received(response.statusCode(), response.headers(), Buffer.buffer()));
    }
    return response.body().map(body -> new Received(response.statusCode(), response.headers(), body));
  }

  // ---- generating

  static List<Probe> probes() {
    List<Probe> probes = new ArrayList<>();
    for (Map.Entry<String, JsonObject> entry : operations().entrySet()) {
      String[] key = entry.getKey().split(" ", 2);
      String method = key[0];
      String path = key[1];
      JsonObject op = entry.getValue();
      for (String role : tokens.keySet()) {
        probes.addAll(forOperation(role, method, path, op));
      }
    }
    // undeclared methods on every path, with real ids: 405 with Allow
    contract.getJsonObject("paths").forEach(pathItem -> {
      JsonObject declared = (JsonObject) pathItem.getValue();
      for (String method : METHODS) {
        if (!declared.containsKey(method) && !(method.equals("get") && declared.containsKey("get"))) {
          for (String role : tokens.keySet()) {
            probes.add(probe(null, role, method, fill(pathItem.getKey(), Map.of()), null, null, "undeclared method", true));
          }
        }
      }
    });
    // a shuffled order, so one slow kind of request does not hold up the rest (seeded: a run can be repeated)
    Collections.shuffle(probes, new java.util.Random(10));
    return probes;
  }

  private static List<Probe> forOperation(String role, String method, String path, JsonObject op) {
    List<Probe> probes = new ArrayList<>();
    String operation = op.getString("operationId");
    boolean unsafe = UNSAFE.contains(method);
    List<JsonObject> parameters = parameters(path, op);
    Map<String, String> query = validQuery(parameters);
    JsonObject bodySchema = bodySchema(op);
    Object body = bodySchema == null ? null : sample(bodySchema, true);

    if (role.equals("anonymous") && requiresCaller(op)) {
      // the request as documented, with credentials that are not: refused before anything happens
      for (Map.Entry<String, String> forged : forgedCredentials().entrySet()) {
        MultiMap headers = headers(parameters);
        headers.set(forged.getKey().startsWith("cookie") ? "Cookie" : "Authorization", forged.getValue());
        if (forged.getKey().equals("cookie with a CSRF token of its own")) {
          headers.set("X-CSRF-Token", "made-up");
        }
        probes.add(probe(operation, role, method, fill(path, Map.of()) + queryString(query), jsonBody(body), headers,
            "credentials: " + forged.getKey(), true));
      }
    }
    if (!unsafe) {
      probes.add(probe(operation, role, method, fill(path, Map.of()) + queryString(query), null, headers(parameters),
          "as documented", false));
      probes.add(probe(operation, role, "head", fill(path, Map.of()) + queryString(query), null, headers(parameters),
          "HEAD of a GET", false));
    }
    for (JsonObject parameter : parameters) {
      String name = parameter.getString("name");
      JsonObject schema = resolve(parameter.getJsonObject("schema"));
      switch (parameter.getString("in")) {
        case "path" -> {
          for (String bad : badPathValues(schema)) {
            probes.add(probe(operation, role, method, fill(path, Map.of(name, bad)) + queryString(query), jsonBody(body),
                headers(parameters), "path " + name + "=" + bad, unsafe));
          }
        }
        case "query" -> {
          if (!unsafe) {
            for (String odd : List.of("/a b;c,d", "/\u00e4 \u20ac", "/%", "/\u2028x", "/" + "\u00e9".repeat(100))) {
              if (isValid(schema, odd)) {
                Map<String, String> mutated = new LinkedHashMap<>(query);
                mutated.put(name, odd);
                probes.add(probe(operation, role, method, fill(path, Map.of()) + queryString(mutated), null,
                    headers(parameters), "odd but valid query " + name, false));
              }
            }
          }
          for (String bad : badTexts(schema)) {
            Map<String, String> mutated = new LinkedHashMap<>(query);
            mutated.put(name, bad);
            probes.add(probe(operation, role, method, fill(path, Map.of()) + queryString(mutated), jsonBody(body),
                headers(parameters), "query " + name, unsafe));
          }
        }
        case "header" -> {
          for (String bad : List.of("x".repeat(10_000), "é ü", "a".repeat(300))) {
            MultiMap headers = headers(parameters);
            headers.set(name, bad);
            probes.add(probe(operation, role, method, fill(path, Map.of()), jsonBody(body), headers, "header " + name, unsafe));
          }
        }
        default -> {
        }
      }
    }
    if (bodySchema != null) {
      String uri = fill(path, Map.of()) + queryString(query);
      for (Map.Entry<String, Object> mutated : bodyMutations(bodySchema, body).entrySet()) {
        if (mutated.getValue() == null) {
          continue; // no body at all: sent below as an empty one
        }
        probes.add(probe(operation, role, method, uri, jsonBody(mutated.getValue()), headers(parameters),
            "body " + mutated.getKey(), true));
      }
      for (Map.Entry<String, byte[]> raw : rawBodies(body).entrySet()) {
        boolean absent = raw.getKey().equals("null") || raw.getKey().equals("empty");
        probes.add(probe(operation, role, method, uri, Buffer.buffer(raw.getValue()), headers(parameters),
            "raw " + raw.getKey(), !absent || bodyRequired(op)));
      }
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
        MultiMap headers = headers(parameters);
        headers.set("Content-Type", type);
        probes.add(new Probe(operation, role, HttpMethod.valueOf(method.toUpperCase()), uri, withAuth(role, headers),
            jsonBody(body), "content type " + type, true));
      }
    }
    return probes;
  }

  static boolean requiresCaller(JsonObject op) {
    JsonArray security = op.getJsonArray("security", contract.getJsonArray("security"));
    return !"redirect-to-sign-in".equals(op.getString("x-devsanctum-anonymous")) && security.stream()
        .map(JsonObject.class::cast).anyMatch(r -> r.containsKey("bearerAuth") || r.containsKey("cookieAuth"));
  }

  private static Map<String, String> forgedCredentials() {
    Map<String, String> forged = new LinkedHashMap<>();
    String header = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + ids.get("userId")
        + "\",\"role\":\"admin\",\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
    forged.put("unsigned JWT", "Bearer " + header + "." + claims + ".");
    forged.put("garbage bearer", "Bearer \u00ff\u00fe not a token");
    forged.put("made-up API token", "Bearer dst_" + "A".repeat(43));
    forged.put("basic", "Basic " + java.util.Base64.getEncoder().encodeToString("root:correct horse battery".getBytes(StandardCharsets.UTF_8)));
    forged.put("cookie of garbage", "ds_access=garbage; ds_csrf=x");
    forged.put("cookie with a CSRF token of its own", "ds_access=" + header + "." + claims + ".; ds_csrf=other");
    return forged;
  }

  private static Probe probe(String operation, String role, String method, String uri, Buffer body, MultiMap headers,
      String mutation, boolean expectsRefusal) {
    MultiMap all = headers == null ? MultiMap.caseInsensitiveMultiMap() : headers;
    if (body != null && !all.contains("Content-Type")) {
      all.set("Content-Type", "application/json");
    }
    return new Probe(operation, role, HttpMethod.valueOf(method.toUpperCase()), uri, withAuth(role, all), body, mutation,
        expectsRefusal);
  }

  private static MultiMap withAuth(String role, MultiMap headers) {
    String token = tokens.get(role);
    if (token != null) {
      headers.set("Authorization", "Bearer " + token);
    }
    return headers;
  }

  /** Path parameters of the path item and of the operation, resolved. */
  static List<JsonObject> parameters(String path, JsonObject op) {
    List<JsonObject> all = new ArrayList<>();
    contract.getJsonObject("paths").getJsonObject(path).getJsonArray("parameters", new JsonArray())
        .forEach(p -> all.add(resolve((JsonObject) p)));
    op.getJsonArray("parameters", new JsonArray()).forEach(p -> all.add(resolve((JsonObject) p)));
    return all;
  }

  static Map<String, String> validQuery(List<JsonObject> parameters) {
    Map<String, String> query = new LinkedHashMap<>();
    parameters.stream().filter(p -> "query".equals(p.getString("in")) && p.getBoolean("required", false))
        .forEach(p -> query.put(p.getString("name"), String.valueOf(sample(resolve(p.getJsonObject("schema")), false))));
    return query;
  }

  static MultiMap headers(List<JsonObject> parameters) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    parameters.stream().filter(p -> "header".equals(p.getString("in")))
        .forEach(p -> headers.set(p.getString("name"), String.valueOf(sample(resolve(p.getJsonObject("schema")), false))));
    return headers;
  }

  /** The path with real ids (or the given, already encoded, values) in its template. */
  private static String fill(String path, Map<String, String> given) {
    String filled = path;
    for (String name : List.of("userId", "templateId", "workspaceId", "tokenId", "number", "provider")) {
      String value = given.containsKey(name) ? given.get(name)
          : name.equals("number") ? "1" : name.equals("provider") ? "github" : ids.get(name);
      filled = filled.replace("{" + name + "}", value);
    }
    return filled;
  }

  static String queryString(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("?");
    query.forEach((name, value) -> text.append(text.length() > 1 ? "&" : "").append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return text.toString();
  }

  private static List<String> badPathValues(JsonObject schema) {
    List<String> bad = new ArrayList<>(List.of("%00", "%0A", "%20", "..", "%2e%2e", "null", "-1", "a%C3%28",
        "x".repeat(2000), "%F0%9F%98%80", "%7B%7D", NOWHERE + "%00"));
    if ("integer".equals(schema.getValue("type"))) {
      bad.addAll(List.of("0", "2147483648", "99999999999999999999", "1.5", "1e3", "abc"));
    } else {
      bad.addAll(List.of(NOWHERE, "12345", "g0000000-0000-4000-8000-000000000000", "ZZZ"));
    }
    return bad;
  }

  private static List<String> badTexts(JsonObject schema) {
    List<String> bad = new ArrayList<>(List.of("", "\u0000", "a\u0000b", "line\nbreak", "\u001b[31m", "x".repeat(5000),
        "{\"json\":true}", "[1,2]", "-1", "1e999", "true", "../../etc/passwd"));
    if (schema.containsKey("maxLength")) {
      bad.add("a".repeat(schema.getInteger("maxLength") + 1));
    }
    bad.removeIf(value -> isValid(schema, value));
    return bad;
  }

  /** For the few values a free query parameter may take as they are (an empty `error`). */
  private static boolean isValid(JsonObject schema, String value) {
    Object type = schema.getValue("type");
    if ("boolean".equals(type)) {
      return value.equals("true") || value.equals("false");
    }
    String pattern = schema.getString("pattern");
    Integer max = schema.getInteger("maxLength");
    return "string".equals(type) && schema.getString("format") == null && schema.getValue("enum") == null
        && (max == null || value.length() <= max)
        && (pattern == null || java.util.regex.Pattern.compile(pattern).matcher(value).matches());
  }

  static JsonObject bodySchema(JsonObject op) {
    JsonObject body = op.getJsonObject("requestBody");
    if (body == null) {
      return null;
    }
    return resolve(resolve(body).getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"));
  }

  private static boolean bodyRequired(JsonObject op) {
    return resolve(op.getJsonObject("requestBody")).getBoolean("required", false);
  }

  private static Buffer jsonBody(Object body) {
    // the marker becomes an escape no JSON writer would produce
    return body == null ? null : Buffer.buffer(encode(body).replace("\"" + UNPAIRED_SURROGATE + "\"", "\"x\\ud800\""));
  }

  private static String encode(Object value) {
    if (value instanceof JsonObject object) {
      return object.encode();
    }
    if (value instanceof JsonArray array) {
      return array.encode();
    }
    return value instanceof Raw raw ? raw.text() : io.vertx.core.json.Json.encode(value);
  }

  /** JSON text put into a body as it is (for what JsonObject would not encode). */
  record Raw(String text) {
  }

  /** Whole bodies broken in ways no schema decides: encodings, syntax, size, shape. */
  private static Map<String, byte[]> rawBodies(Object body) {
    String json = encode(body);
    Map<String, byte[]> raw = new LinkedHashMap<>();
    raw.put("empty", new byte[0]);
    raw.put("null", "null".getBytes(StandardCharsets.UTF_8));
    raw.put("array", "[]".getBytes(StandardCharsets.UTF_8));
    raw.put("string", "\"x\"".getBytes(StandardCharsets.UTF_8));
    raw.put("truncated", json.substring(0, Math.max(1, json.length() / 2)).getBytes(StandardCharsets.UTF_8));
    raw.put("comment", ("/* c */" + json).getBytes(StandardCharsets.UTF_8));
    raw.put("two values", (json + json).getBytes(StandardCharsets.UTF_8));
    raw.put("utf-16", json.getBytes(StandardCharsets.UTF_16));
    raw.put("bom", ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));
    raw.put("invalid utf-8", ("{\"x\":\"" + "\u00e9\u00ff" + "\"}").getBytes(StandardCharsets.ISO_8859_1));
    raw.put("deep", ("[".repeat(200) + "]".repeat(200)).getBytes(StandardCharsets.UTF_8));
    raw.put("over the size limit", ("{\"x\":\"" + "a".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8));
    raw.put("infinite", ("{\"x\":1e999," + json.substring(1)).getBytes(StandardCharsets.UTF_8));
    raw.put("duplicate key", json.length() > 2 ? ("{\"x\":1,\"x\":2," + json.substring(1)).getBytes(StandardCharsets.UTF_8)
        : "{\"x\":1,\"x\":2}".getBytes(StandardCharsets.UTF_8));
    return raw;
  }

  /** Each one thing wrong with an otherwise valid body, keyed by what is wrong. */
  private static Map<String, Object> bodyMutations(JsonObject schema, Object valid) {
    Map<String, Object> mutations = new LinkedHashMap<>();
    mutate(schema, valid, "", value -> value, mutations, 0);
    return mutations;
  }

  /**
   * The mutations of the value at {@code pointer}: {@code put} returns a copy of the whole body
   * with the value replaced.
   */
  private static void mutate(JsonObject schema, Object value, String pointer, Function<Object, Object> put,
      Map<String, Object> into, int depth) {
    List<String> types = types(schema);
    boolean nullable = types.contains("null");
    for (Object wrong : wrongTypes(types, nullable)) {
      into.put(pointer + " as " + kind(wrong), put.apply(wrong));
    }
    if (schema.getValue("enum") != null) {
      into.put(pointer + " outside its enum", put.apply("not-one-of-them"));
    }
    if (types.contains("string") && value instanceof String text) {
      into.put(pointer + " with NUL", put.apply(text + "\u0000"));
      into.put(pointer + " with ESC", put.apply("\u001b" + text));
      String pattern = schema.getString("pattern");
      if (pattern != null && !java.util.regex.Pattern.compile(pattern).matcher(text + "\n").matches()) {
        // Java's "$" matches before a final line break, so this one gets past the contract: the services refuse it
        into.put(pointer + " with a trailing line break", put.apply(text + "\n"));
      }
      into.put(pointer + " huge", put.apply("x".repeat(70_000)));
      into.put(pointer + " unpaired surrogate", put.apply(UNPAIRED_SURROGATE));
      if (schema.containsKey("maxLength")) {
        into.put(pointer + " past maxLength", put.apply(text + "a".repeat(schema.getInteger("maxLength"))));
      }
    }
    if (types.contains("integer") || types.contains("number")) {
      if (schema.containsKey("maximum")) {
        into.put(pointer + " past maximum", put.apply(new Raw(new java.math.BigDecimal(schema.getValue("maximum").toString())
            .add(java.math.BigDecimal.ONE).toPlainString())));
      }
      if (schema.containsKey("minimum")) {
        into.put(pointer + " below minimum", put.apply(new Raw(new java.math.BigDecimal(schema.getValue("minimum").toString())
            .subtract(java.math.BigDecimal.ONE).toPlainString())));
      }
      into.put(pointer + " 1e308", put.apply(new Raw("1e308")));
      into.put(pointer + " 10^30", put.apply(new Raw("1" + "0".repeat(30))));
      if (types.contains("integer") && !types.contains("number")) {
        into.put(pointer + " fractional", put.apply(1.5));
      }
    }
    if (depth > 4) {
      return;
    }
    if (value instanceof JsonObject object) {
      JsonObject properties = schema.getJsonObject("properties", new JsonObject());
      for (String required : (List<String>) schema.getJsonArray("required", new JsonArray()).getList()) {
        into.put(pointer + "/" + required + " missing", put.apply(withoutKey(object, required)));
      }
      if (Boolean.FALSE.equals(schema.getValue("additionalProperties"))) {
        into.put(pointer + " with an unknown field", put.apply(object.copy().put("zzUnknown", 1)));
      } else if (schema.getValue("additionalProperties") instanceof JsonObject entries) {
        JsonObject entrySchema = resolve(entries);
        into.put(pointer + " with a bad key", put.apply(object.copy().put("Bad Key\u0000", sample(entrySchema, true))));
        into.put(pointer + " with too many entries", put.apply(manyEntries(entrySchema)));
        Object entry = sample(entrySchema, true);
        mutate(entrySchema, entry, pointer + "/k", v -> put.apply(object.copy().put("k", unraw(v))), into, depth + 1);
      }
      for (String name : properties.fieldNames()) {
        JsonObject child = resolve(properties.getJsonObject(name));
        Object current = object.getValue(name);
        Object childValue = current != null ? current : sample(child, true);
        mutate(child, childValue, pointer + "/" + name, v -> put.apply(object.copy().put(name, unraw(v))), into, depth + 1);
      }
    }
    if (value instanceof JsonArray array) {
      JsonObject items = resolve(schema.getJsonObject("items", new JsonObject()));
      if (schema.containsKey("maxItems")) {
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i <= schema.getInteger("maxItems"); i++) {
          tooMany.add(array.isEmpty() ? sample(items, true) : array.getValue(0));
        }
        into.put(pointer + " past maxItems", put.apply(tooMany));
      }
      if (schema.getInteger("minItems", 0) > 0) {
        into.put(pointer + " empty", put.apply(new JsonArray()));
      }
      Object first = array.isEmpty() ? sample(items, true) : array.getValue(0);
      mutate(items, first, pointer + "/0", v -> put.apply(new JsonArray().add(unraw(v))), into, depth + 1);
    }
  }

  /** A raw number stays raw only at the top; inside an object it is the number JSON reads it as. */
  private static Object unraw(Object value) {
    return value instanceof Raw raw ? io.vertx.core.json.Json.decodeValue(raw.text()) : value;
  }

  private static JsonObject manyEntries(JsonObject entrySchema) {
    JsonObject many = new JsonObject();
    for (int i = 0; i < 200; i++) {
      many.put("k" + i, sample(entrySchema, true));
    }
    return many;
  }

  private static JsonObject withoutKey(JsonObject object, String key) {
    JsonObject copy = object.copy();
    copy.remove(key);
    return copy;
  }

  private static List<Object> wrongTypes(List<String> types, boolean nullable) {
    List<Object> wrong = new ArrayList<>();
    if (!types.contains("string")) {
      wrong.add("12");
    }
    if (!types.contains("integer") && !types.contains("number")) {
      wrong.add(12);
    }
    if (!types.contains("boolean")) {
      wrong.add(true);
    }
    if (!types.contains("object")) {
      wrong.add(new JsonObject().put("a", 1));
    }
    if (!types.contains("array")) {
      wrong.add(new JsonArray().add(1));
    }
    if (!nullable) {
      wrong.add(null);
    }
    return wrong;
  }

  private static String kind(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }

  private static List<String> types(JsonObject schema) {
    Object type = schema.getValue("type");
    if (type instanceof String single) {
      return List.of(single);
    }
    if (type instanceof JsonArray several) {
      return several.stream().map(String::valueOf).toList();
    }
    return schema.containsKey("properties") ? List.of("object") : List.of();
  }

  /** A valid value of the schema; {@code full}: optional properties too, so they can be mutated. */
  static Object sample(JsonObject schema, boolean full) {
    if (schema.containsKey("example")) {
      return schema.getValue("example");
    }
    if (schema.getValue("enum") instanceof JsonArray values) {
      return values.getValue(0);
    }
    List<String> types = types(schema);
    String type = types.stream().filter(t -> !t.equals("null")).findFirst().orElse("string");
    switch (type) {
      case "integer":
        return schema.getInteger("minimum", 1);
      case "number":
        return 1;
      case "boolean":
        return true;
      case "array": {
        JsonArray array = new JsonArray();
        if (full || schema.getInteger("minItems", 0) > 0) {
          array.add(sample(resolve(schema.getJsonObject("items", new JsonObject())), full));
        }
        return array;
      }
      case "object": {
        JsonObject object = new JsonObject();
        JsonObject properties = schema.getJsonObject("properties", new JsonObject());
        List<?> required = schema.getJsonArray("required", new JsonArray()).getList();
        for (String name : properties.fieldNames()) {
          if (full || required.contains(name)) {
            object.put(name, sample(resolve(properties.getJsonObject(name)), full));
          }
        }
        return object;
      }
      default: {
        String format = schema.getString("format");
        if ("uuid".equals(format)) {
          return NOWHERE;
        }
        if ("date-time".equals(format)) {
          return OffsetDateTime.now().plusDays(1).toString();
        }
        return "x".repeat(Math.max(1, schema.getInteger("minLength", 1)));
      }
    }
  }

  // ---- the contract

  private static Map<String, JsonObject> operationsById;

  private static synchronized Map<String, JsonObject> operationsById() {
    if (operationsById == null) {
      operationsById = new ConcurrentHashMap<>();
      operations().values().forEach(op -> operationsById.put(op.getString("operationId"), op));
    }
    return operationsById;
  }

  /** "method path" → operation, in the contract's order. */
  static Map<String, JsonObject> operations() {
    Map<String, JsonObject> operations = new LinkedHashMap<>();
    contract.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      if (METHODS.contains(entry.getKey())) {
        operations.put(entry.getKey() + " " + path.getKey(), (JsonObject) entry.getValue());
      }
    }));
    return operations;
  }

  /** The schema, parameter or response a local $ref names (followed as far as it goes). */
  static JsonObject resolve(JsonObject node) {
    JsonObject current = node;
    while (current != null && current.containsKey("$ref")) {
      String[] segments = current.getString("$ref").substring(2).split("/");
      JsonObject target = contract;
      for (String segment : segments) {
        target = target.getJsonObject(segment.replace("~1", "/").replace("~0", "~"));
      }
      current = target;
    }
    return current;
  }

  // ---- what is left behind

  private static final String AUDIT_LOG = "workspace.audit_events";

  private static Map<String, Long> rowCounts() {
    Map<String, Long> counts = new TreeMap<>();
    Pool pool = platform.database("public");
    try {
      List<String> tables = new ArrayList<>();
      for (Row row : pool.query("SELECT table_schema || '.' || table_name AS name FROM information_schema.tables"
          + " WHERE table_schema IN ('auth', 'workspace', 'routing') AND table_type = 'BASE TABLE'"
          + " AND table_name NOT LIKE 'flyway%'").execute().await()) {
        tables.add(row.getString("name"));
      }
      for (String table : tables) {
        // a refused request leaves its refusal in the audit log, as it should: only successes count as left behind
        String counted = AUDIT_LOG.equals(table) ? table + " WHERE success" : table;
        counts.put(table, pool.query("SELECT count(*) FROM " + counted).execute().await().iterator().next().getLong(0));
      }
    } finally {
      pool.close().await();
    }
    return counts;
  }

  private static Map<String, Integer> dockerResources() {
    String label = "label=devsanctum.host_id=" + platform.dockerHostId();
    Map<String, Integer> resources = new TreeMap<>();
    resources.put("containers", Docker.lines(Docker.docker("ps", "-aq", "--filter", label)).size());
    resources.put("volumes", Docker.lines(Docker.docker("volume", "ls", "-q", "--filter", label)).size());
    resources.put("networks", Docker.lines(Docker.docker("network", "ls", "-q", "--filter", label)).size());
    return resources;
  }

  private static void awaitRunning(String workspaceId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String state;
    do {
      state = platform.get("/api/v1/workspaces/" + workspaceId, tokens.get("admin")).bodyAsJsonObject().getString("state");
      if (state.equals("FAILED")) {
        throw new AssertionError("the fixture workspace failed to start");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    } while (!state.equals("RUNNING") && System.nanoTime() < deadline);
    assertThat(state).as("the fixture workspace").isEqualTo("RUNNING");
  }
}
