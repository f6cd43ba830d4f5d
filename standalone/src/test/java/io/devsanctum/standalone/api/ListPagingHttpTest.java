package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every list that can grow is paged like the workspace list (issue 16): followed from the first
 * page to the last, two at a time, it gives each item once, in its order, and nothing is left out;
 * a cursor that no page of the list gave is a 400 problem. Items are made through the REST API,
 * except deployments, which are rows written into the real database (each would otherwise need a
 * container); every list is read through the REST API.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListPagingHttpTest {

  private static final int EACH = 5;
  /** Not JSON; an empty key list; keys that fit no list (["not a time", "x"]); not even JSON text. */
  private static final List<String> FORGED = List.of("bm90LWpzb24", "W10", "WyJub3QgYSB0aW1lIiwieCJd", "AAAA");

  private Platform platform;
  private String admin;
  private String ada;
  private JsonObject template;

  @BeforeAll
  void start() {
    platform = Platform.start();
    admin = platform.firstAdmin("root", "root password").getString("accessToken");
    ada = platform.member(admin, "ada", "ada password").getString("accessToken");
    for (int i = 1; i <= EACH; i++) {
      JsonObject created = platform.post("/api/v1/templates", admin, new JsonObject().put("name", "t-" + i)
          .put("spec", spec(i))).bodyAsJsonObject();
      if (i == 1) {
        template = created;
      }
    }
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void usersArePagedInOrderOfCreation() {
    for (int i = 1; i <= EACH; i++) {
      assertThat(platform.post("/api/v1/users", admin, new JsonObject().put("email", "u" + i + "@example.com")
          .put("username", "u" + i).put("password", "u" + i + " password")).statusCode()).isEqualTo(201);
    }
    List<String> expected = ids("auth", "SELECT id FROM auth.users ORDER BY created_at, id", Tuple.tuple());
    assertThat(expected).hasSizeGreaterThan(EACH);

    assertPagedInOrder("/api/v1/users?", "users", admin, item -> item.getString("id"),
        expected);
  }

  @Test
  void templatesArePagedByName() {
    JsonObject page = platform.get("/api/v1/templates?limit=2", ada).bodyAsJsonObject();
    assertThat(page.getJsonArray("templates")).hasSize(2);

    assertPagedInOrder("/api/v1/templates?", "templates", ada, item -> item.getString("name"),
        IntStream.rangeClosed(1, EACH).mapToObj(i -> "t-" + i).toList());
  }

  @Test
  void templateVersionsArePagedNewestFirst() {
    String id = template.getString("id");
    for (int i = 2; i <= EACH; i++) {
      assertThat(platform.send(HttpMethod.PATCH, "/api/v1/templates/" + id, admin,
          new JsonObject().put("spec", spec(i))).statusCode()).isEqualTo(200);
    }

    assertPagedInOrder("/api/v1/templates/" + id + "/versions?", "versions", ada,
        item -> String.valueOf(item.getInteger("version")), List.of("5", "4", "3", "2", "1"));
  }

  @Test
  void deploymentsArePagedNewestFirst() {
    JsonObject me = platform.get("/api/v1/users/me", ada).bodyAsJsonObject();
    UUID workspace = UUID.randomUUID();
    Pool db = platform.database("workspace");
    try {
      UUID version = UUID.fromString(template.getJsonObject("activeVersion").getString("id"));
      db.preparedQuery("""
              INSERT INTO workspace.workspaces (id, owner_id, owner_name, name, template_id, template_version_id, state)
              VALUES ($1, $2, 'ada', 'deployed', $3, $4, 'STOPPED')""")
          .execute(Tuple.of(workspace, UUID.fromString(me.getString("id")), UUID.fromString(template.getString("id")),
              version))
          .await();
      db.preparedQuery("""
              INSERT INTO workspace.deployments (workspace_id, number, transition, template_version_id, initiator_id,
                                                 status)
              SELECT $1, n, CASE WHEN n % 2 = 1 THEN 'START' ELSE 'STOP' END, $2, $3, 'SUCCEEDED'
                FROM generate_series(1, $4) AS n""")
          .execute(Tuple.of(workspace, version, UUID.fromString(me.getString("id")), EACH))
          .await();
    } finally {
      db.close().await();
    }

    assertPagedInOrder("/api/v1/workspaces/" + workspace + "/deployments?", "deployments", ada,
        item -> String.valueOf(item.getInteger("number")), List.of("5", "4", "3", "2", "1"));
  }

  @Test
  void apiTokensArePagedNewestFirst() {
    List<String> created = new ArrayList<>();
    for (int i = 1; i <= EACH; i++) {
      created.add(0, platform.post("/api/v1/api-tokens", ada, new JsonObject().put("name", "token " + i))
          .bodyAsJsonObject().getString("id"));
    }
    List<String> expected = ids("auth",
        "SELECT id FROM auth.api_tokens WHERE revoked_at IS NULL AND user_id = (SELECT id FROM auth.users"
            + " WHERE username = $1) ORDER BY created_at DESC, id DESC", Tuple.of("ada"));
    assertThat(expected).containsExactlyInAnyOrderElementsOf(created);

    assertPagedInOrder("/api/v1/api-tokens?", "tokens", ada, item -> item.getString("id"), expected);
  }

  @Test
  void sshKeysArePagedNewestFirst() throws Exception {
    for (int i = 1; i <= EACH; i++) {
      HttpResponse<Buffer> added = platform.post("/api/v1/ssh-keys", ada,
          new JsonObject().put("name", "key " + i).put("publicKey", ed25519PublicKey()));
      assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    }
    List<String> expected = ids("auth",
        "SELECT id FROM auth.ssh_keys WHERE user_id = (SELECT id FROM auth.users WHERE username = $1)"
            + " ORDER BY created_at DESC, id DESC", Tuple.of("ada"));
    assertThat(expected).hasSize(EACH);

    assertPagedInOrder("/api/v1/ssh-keys?", "keys", ada, item -> item.getString("id"), expected);
  }

  /**
   * The list followed two at a time: each page full but the last, each item once, all of
   * {@code expected} in its order; then each forged cursor refused.
   */
  private void assertPagedInOrder(String path, String field, String token,
      java.util.function.Function<JsonObject, String> key, List<String> expected) {
    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      HttpResponse<Buffer> answer = platform.get(path + "limit=2"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token);
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
      JsonObject page = answer.bodyAsJsonObject();
      JsonArray items = page.getJsonArray(field);
      cursor = page.getString("nextCursor");
      assertThat(items.size()).as("page %d", pages).isEqualTo(cursor == null ? expected.size() - 2 * pages : 2);
      items.forEach(item -> listed.add(key.apply((JsonObject) item)));
      pages++;
    } while (cursor != null);
    assertThat(listed).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo((expected.size() + 1) / 2);

    for (String forged : FORGED) {
      HttpResponse<Buffer> refused = platform.get(path + "cursor=" + forged, token);
      assertThat(refused.statusCode()).as(field + " " + forged).isEqualTo(400);
      assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.bodyAsString()).contains("cursor");
    }
  }

  private List<String> ids(String schema, String sql, Tuple params) {
    Pool db = platform.database(schema);
    try {
      List<String> ids = new ArrayList<>();
      db.preparedQuery(sql).execute(params).await().forEach(row -> ids.add(String.valueOf(row.getValue(0))));
      return ids;
    } finally {
      db.close().await();
    }
  }

  private static JsonObject spec(int variant) {
    return new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
        .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)))
        .put("cpuMillis", 250).put("memoryMb", 64 + variant).put("pidsLimit", 64).put("startupTimeoutSeconds", 30);
  }

  /** A fresh Ed25519 key in the one-line OpenSSH form (the raw 32-byte key ends its X.509 encoding). */
  private static String ed25519PublicKey() throws Exception {
    byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    for (byte[] part : List.of("ssh-ed25519".getBytes(StandardCharsets.US_ASCII), raw)) {
      blob.write(ByteBuffer.allocate(4).putInt(part.length).array());
      blob.write(part);
    }
    return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray());
  }
}
