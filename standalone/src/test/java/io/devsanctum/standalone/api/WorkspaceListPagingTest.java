package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.BusHeaders;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The workspace list is paged by cursor (issue 12): a client that follows {@code nextCursor} sees
 * every workspace exactly once, newest first, even when many were created in the same instant;
 * the answer is compressed for a client that accepts gzip, and a poller whose {@code ETag} still
 * holds gets a 304; and (issue 16) while others are being created, before, among and after the
 * listed ones, every workspace that existed throughout is listed exactly once. The 1,000
 * workspaces are rows written straight into the real database (a container each would test
 * Docker, not the list); the list is read through the REST API.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceListPagingTest {

  private static final int WORKSPACES = 1000;

  private Platform platform;
  private String admin;
  private JsonObject ada;
  private List<String> newestFirst;
  private JsonObject template;

  @BeforeAll
  void start() {
    platform = Platform.start();
    admin = platform.firstAdmin("root", "root password").getString("accessToken");
    ada = platform.member(admin, "ada", "ada password");
    template = platform.post("/api/v1/templates", admin, new JsonObject().put("name", "listed")
        .put("spec", new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)))
            .put("cpuMillis", 250).put("memoryMb", 64).put("pidsLimit", 64).put("startupTimeoutSeconds", 30)))
        .bodyAsJsonObject();
    // ten at a time share one creation instant, so the order must fall back on the id
    newestFirst = seed(ada, WORKSPACES);
  }

  /** {@code count} stopped workspaces of {@code owner}, ten to a creation instant: their ids, newest first. */
  private List<String> seed(JsonObject owner, int count) {
    Pool db = platform.database("workspace");
    try {
      UUID ownerId = UUID.fromString(owner.getJsonObject("user").getString("id"));
      db.preparedQuery("""
              INSERT INTO workspace.workspaces (id, owner_id, owner_name, name, template_id, template_version_id,
                                                state, created_at)
              SELECT gen_random_uuid(), $1, $2, 'ws-' || n, $3, $4, 'STOPPED',
                     timestamptz '2026-01-01 00:00:00+00' + (n / 10) * interval '1 second'
                FROM generate_series(1, $5) AS n""")
          .execute(Tuple.of(ownerId, owner.getJsonObject("user").getString("username"),
              UUID.fromString(template.getString("id")),
              UUID.fromString(template.getJsonObject("activeVersion").getString("id")), count))
          .await();
      List<String> ids = new ArrayList<>();
      db.preparedQuery("SELECT id FROM workspace.workspaces WHERE owner_id = $1 ORDER BY created_at DESC, id DESC")
          .execute(Tuple.of(ownerId)).await()
          .forEach(row -> ids.add(row.getUUID("id").toString()));
      return ids;
    } finally {
      db.close().await();
    }
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void followingTheCursorsListsEveryWorkspaceExactlyOnceNewestFirstCompressed() throws IOException {
    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer page = gzipGet("/api/v1/workspaces?limit=37" + (cursor == null ? "" : "&cursor=" + encode(cursor)),
          ada.getString("accessToken"));
      assertThat(page.status()).isEqualTo(200);
      JsonObject body = page.json();
      JsonArray workspaces = body.getJsonArray("workspaces");
      assertThat(workspaces.size()).isLessThanOrEqualTo(37);
      if (workspaces.size() > 2) { // the last page (1 of 1,000 = 27 × 37 + 1) is too small to be worth it
        assertThat(page.contentEncoding()).as("compression negotiated").isEqualTo("gzip");
      }
      workspaces.forEach(w -> listed.add(((JsonObject) w).getString("id")));
      cursor = body.getString("nextCursor");
      pages++;
    } while (cursor != null);

    assertThat(listed).hasSize(WORKSPACES).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst);
    assertThat(pages).isEqualTo((WORKSPACES + 36) / 37);
  }

  @Test
  void whileOthersAreCreatedEveryWorkspaceThatExistedThroughoutIsListedExactlyOnce() throws Exception {
    JsonObject cy = platform.member(admin, "cy", "cy password");
    Set<String> existing = new HashSet<>(seed(cy, WORKSPACES));
    UUID cyId = UUID.fromString(cy.getJsonObject("user").getString("id"));
    AtomicBoolean listing = new AtomicBoolean(true);
    AtomicInteger created = new AtomicInteger();
    // each page asked for lets the creator make three more while it is read: one newer than all
    // (now), two at random among the listed ones, one of them in an instant ten listed ones share,
    // so that only the id tells them apart; the next page is asked for once they are in
    Semaphore pageAsked = new Semaphore(0);
    Thread creator = new Thread(() -> {
      Pool db = platform.database("workspace");
      try {
        while (listing.get()) {
          if (!pageAsked.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            continue;
          }
          db.preparedQuery("""
                  INSERT INTO workspace.workspaces (id, owner_id, owner_name, name, template_id, template_version_id,
                                                    state, created_at)
                  SELECT gen_random_uuid(), $1, 'cy', 'new-' || gen_random_uuid(), $2, $3, 'STOPPED',
                         CASE WHEN n = 1 THEN now()
                              WHEN n = 2 THEN timestamptz '2026-01-01 00:00:00+00' + floor(random() * 100) * interval '1 second'
                              ELSE timestamptz '2026-01-01 00:00:00+00' + random() * interval '100 seconds' END
                    FROM generate_series(1, 3) AS n""")
              .execute(Tuple.of(cyId, UUID.fromString(template.getString("id")),
                  UUID.fromString(template.getJsonObject("activeVersion").getString("id"))))
              .await();
          created.incrementAndGet();
        }
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      } finally {
        db.close().await();
      }
    }, "workspace-creator");
    creator.start();
    List<String> listed = new ArrayList<>();
    try {
      String cursor = null;
      int pages = 0;
      do {
        pageAsked.release();
        int asked = ++pages;
        HttpResponse<Buffer> answer = platform.get("/api/v1/workspaces?limit=50"
            + (cursor == null ? "" : "&cursor=" + encode(cursor)), cy.getString("accessToken"));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        JsonObject page = answer.bodyAsJsonObject();
        page.getJsonArray("workspaces").forEach(w -> listed.add(((JsonObject) w).getString("id")));
        cursor = page.getString("nextCursor");
        await().atMost(Duration.ofSeconds(30)).until(() -> created.get() >= asked);
      } while (cursor != null);
    } finally {
      listing.set(false);
      creator.join();
    }

    assertThat(listed).doesNotHaveDuplicates().containsAll(existing);
    assertThat(listed.size()).as("listed beside the 1,000: some created among them").isGreaterThan(WORKSPACES);
  }

  @Test
  void aPageHoldsAHundredUnlessAskedAndFiveHundredAtMost() {
    JsonObject first = platform.get("/api/v1/workspaces", admin).bodyAsJsonObject();
    assertThat(first.getJsonArray("workspaces")).hasSize(100);
    assertThat(first.getString("nextCursor")).isNotNull();

    JsonObject largest = platform.get("/api/v1/workspaces?limit=500", admin).bodyAsJsonObject();
    assertThat(largest.getJsonArray("workspaces")).hasSize(500);
    assertThat(platform.get("/api/v1/workspaces?limit=501", admin).statusCode()).isEqualTo(400);
    assertThat(platform.get("/api/v1/workspaces?limit=0", admin).statusCode()).isEqualTo(400);
  }

  @Test
  void aPageCostsTheSameEventBusMessagesWhateverItsSize() {
    // every message sent for a request carries its id: counted per request, a page of 500 must cost what a page of 1 does
    Map<String, AtomicInteger> messagesOf = new ConcurrentHashMap<>();
    Handler<DeliveryContext<Object>> counting = delivery -> {
      String requestId = delivery.message().headers().get(BusHeaders.REQUEST_ID);
      if (requestId != null) {
        messagesOf.computeIfAbsent(requestId, id -> new AtomicInteger()).incrementAndGet();
      }
      delivery.next();
    };
    EventBus bus = platform.runtime().vertx().eventBus();
    bus.addOutboundInterceptor(counting);
    try {
      for (int limit : List.of(1, 500)) {
        HttpResponse<Buffer> page = platform.request(HttpMethod.GET, "/api/v1/workspaces?limit=" + limit, admin)
            .putHeader("X-Request-Id", "list-page-of-" + limit).send().await();
        assertThat(page.bodyAsJsonObject().getJsonArray("workspaces")).hasSize(limit);
      }
    } finally {
      bus.removeOutboundInterceptor(counting);
    }

    assertThat(messagesOf.get("list-page-of-1")).as("messages for a page of 1").isNotNull();
    assertThat(messagesOf.get("list-page-of-500").get()).as("messages for a page of 500")
        .isEqualTo(messagesOf.get("list-page-of-1").get());
  }

  @Test
  void aCursorThatNoPageGaveIsABadRequestNotAFailure() {
    for (String forged : List.of("bm90LWpzb24", "WyJub3QgYSB0aW1lIiwieCJd", "W10", "AAAA")) {
      HttpResponse<Buffer> refused = platform.get("/api/v1/workspaces?cursor=" + forged, admin);
      assertThat(refused.statusCode()).as(forged).isEqualTo(400);
      assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.bodyAsString()).contains("cursor");
    }
  }

  @Test
  void aPollerWhoseCopyIsCurrentGetsNotModified() {
    HttpResponse<Buffer> first = platform.get("/api/v1/workspaces?limit=5", admin);
    String etag = first.getHeader("ETag");
    assertThat(etag).startsWith("W/\"");

    HttpResponse<Buffer> again = platform.request(HttpMethod.GET, "/api/v1/workspaces?limit=5", admin)
        .putHeader("If-None-Match", etag).send().await();
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isNull();

    HttpResponse<Buffer> otherPage = platform.request(HttpMethod.GET, "/api/v1/workspaces?limit=6", admin)
        .putHeader("If-None-Match", etag).send().await();
    assertThat(otherPage.statusCode()).isEqualTo(200);
  }

  @Test
  void aMemberListsOnlyTheirOwnWorkspacesWhateverTheyAskFor() {
    String ben = platform.member(admin, "ben", "ben password").getString("accessToken");
    JsonObject page = platform.get("/api/v1/workspaces?ownerId=" + ada.getJsonObject("user").getString("id"), ben)
        .bodyAsJsonObject();
    assertThat(page.getJsonArray("workspaces")).isEmpty();
    assertThat(page.getString("nextCursor")).isNull();
  }

  private record Answer(int status, String contentEncoding, Buffer body) {

    JsonObject json() throws IOException {
      byte[] bytes = body.getBytes();
      if ("gzip".equals(contentEncoding)) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
          bytes = in.readAllBytes();
        }
      }
      return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** A GET that accepts gzip and is given the bytes as they came (no client-side decompression). */
  private Answer gzipGet(String path, String token) {
    HttpClient client = platform.runtime().vertx().createHttpClient();
    try {
      return client.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setHost("127.0.0.1").setPort(platform.port()).setURI(path)
              .putHeader("Authorization", "Bearer " + token).putHeader("Accept-Encoding", "gzip"))
          .compose(request -> request.send())
          .compose(response -> response.body().map(body ->
              new Answer(response.statusCode(), response.getHeader("Content-Encoding"), body)))
          .await();
    } finally {
      client.close().await();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
