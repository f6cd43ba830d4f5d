package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The built-in proxy has no artificial caps (issue 12): many WebSockets at once on one workspace,
 * upgrades and requests whose visitor gave up are never forwarded and hold no upstream connection,
 * and a slow app slows only itself. Upstreams are Vert.x servers started here that count what
 * reaches them; nothing is timed, everything is counted.
 */
@Timeout(120)
class ProxyCapacityTest {

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithTheDefaultLimits {

    private Platform platform;
    private Vertx vertx;
    private JsonObject ada;

    @BeforeAll
    void start() {
      platform = Platform.start();
      vertx = platform.runtime().vertx();
      JsonObject admin = platform.firstAdmin("root", "root password");
      ada = platform.member(admin.getString("accessToken"), "ada", "ada password");
    }

    @AfterAll
    void stop() {
      platform.close();
    }

    @Test
    void sixtyFourWebSocketsOnOneWorkspaceAreOpenAtOnceAndEachEchoes() throws Exception {
      // an upgraded connection's close shows on its WebSocket (no longer on the HTTP connection)
      AtomicInteger openSockets = new AtomicInteger();
      CountingApp upstream = CountingApp.start(vertx, request -> request.toWebSocket().onSuccess(socket -> {
        openSockets.incrementAndGet();
        socket.closeHandler(closed -> openSockets.decrementAndGet());
        socket.textMessageHandler(text -> socket.writeTextMessage("echo: " + text));
      }));
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(256));
      try {
        String host = TestRoutes.register(vertx, UUID.randomUUID(), ada, "sockets", "public", upstream.port());

        List<WebSocket> sockets = Future.all(IntStream.range(0, 64).mapToObj(i -> client.connect(
                new WebSocketConnectOptions().setHost("127.0.0.1").setPort(platform.port()).setURI("/socket/" + i)
                    .addHeader("Host", host + ":" + platform.port())))
            .toList()).await().list();

        assertThat(openSockets.get()).as("WebSockets open at the app at once").isEqualTo(64);
        List<Future<String>> echoes = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
          Promise<String> echo = Promise.promise();
          sockets.get(i).textMessageHandler(echo::tryComplete);
          sockets.get(i).writeTextMessage("hello " + i);
          echoes.add(echo.future());
        }
        List<String> received = Future.all(echoes).await().list();
        assertThat(received).containsExactlyElementsOf(IntStream.range(0, 64).mapToObj(i -> "echo: hello " + i).toList());
        assertThat(platform.runtime().meterRegistry().get("devsanctum.proxy.websockets").gauge().value()).isEqualTo(64);

        Future.all(sockets.stream().map(WebSocket::close).toList()).await();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(openSockets.get()).isZero());
      } finally {
        client.close().await();
        upstream.close();
      }
    }

    @Test
    void upgradesAbandonedBeforeTheAppAnswersLeaveNoUpstreamConnectionBehind() throws Exception {
      // an app that takes the upgrade requests and never answers them
      CountingApp upstream = CountingApp.start(vertx, request -> {
        if (!request.canUpgradeToWebSocket()) {
          request.response().end("plain answer");
        }
      });
      try {
        String host = TestRoutes.register(vertx, UUID.randomUUID(), ada, "stuck", "public", upstream.port());
        List<Socket> visitors = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          visitors.add(rawUpgrade(platform.port(), host));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.upgrades.get() == 10);
        assertThat(upstream.open.get()).isEqualTo(10);

        for (Socket visitor : visitors) {
          visitor.close();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(upstream.open.get())
            .as("the app's connections once the visitors gave up").isZero());
        HttpResponse<Buffer> plain = get(host);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.bodyAsString()).isEqualTo("plain answer");
        assertThat(upstream.upgrades.get()).as("nothing forwarded later").isEqualTo(10);
      } finally {
        upstream.close();
      }
    }

    @Test
    void aSlowUpstreamBlocksNeitherAFastOneNorItsOwnOtherRequests() throws Exception {
      // the slow app answers nothing until 64 requests are waiting at once, then answers them all
      Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();
      CountingApp slow = CountingApp.start(vertx, request -> {
        held.add(request);
        if (held.size() == 64) {
          held.forEach(waiting -> waiting.response().end("slow answer"));
        }
      });
      CountingApp fast = CountingApp.start(vertx, request -> request.response().end("fast answer"));
      WebClient visitors = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(128));
      try {
        String slowHost = TestRoutes.register(vertx, UUID.randomUUID(), ada, "slow", "public", slow.port());
        String fastHost = TestRoutes.register(vertx, UUID.randomUUID(), ada, "fast", "public", fast.port());

        List<Future<HttpResponse<Buffer>>> slowAnswers = IntStream.range(0, 63)
            .mapToObj(i -> visitors.request(HttpMethod.GET, platform.port(), "127.0.0.1", "/" + i).virtualHost(slowHost).send())
            .toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 63);

        // 63 requests wait at the slow app: the fast one is served meanwhile, every time
        for (int i = 0; i < 20; i++) {
          assertThat(get(fastHost).bodyAsString()).isEqualTo("fast answer");
        }
        assertThat(slowAnswers).noneMatch(Future::isComplete);

        // and one more request to the slow app reaches it too, which lets it answer all 64
        HttpResponse<Buffer> last = visitors.request(HttpMethod.GET, platform.port(), "127.0.0.1", "/last")
            .virtualHost(slowHost).send().await();
        assertThat(last.bodyAsString()).isEqualTo("slow answer");
        assertThat(Future.all(slowAnswers).await().list()).hasSize(63)
            .allSatisfy(answer -> assertThat(((HttpResponse<?>) answer).statusCode()).isEqualTo(200));
        assertThat(slow.open.get()).as("an upstream connection per request waiting at once").isGreaterThanOrEqualTo(64);
      } finally {
        visitors.close();
        slow.close();
        fast.close();
      }
    }

    private HttpResponse<Buffer> get(String host) {
      return WebClient.create(vertx).request(HttpMethod.GET, platform.port(), "127.0.0.1", "/").virtualHost(host)
          .send().await();
    }
  }

  /** With a pool of two connections per upstream, so that requests have to wait for one. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithASmallConnectionPool {

    private Platform platform;
    private Vertx vertx;
    private JsonObject ada;

    @BeforeAll
    void start() {
      platform = Platform.start(Map.of("DEVSANCTUM_PROXY_MAX_CONNECTIONS_PER_UPSTREAM", "2"));
      vertx = platform.runtime().vertx();
      JsonObject admin = platform.firstAdmin("root", "root password");
      ada = platform.member(admin.getString("accessToken"), "ada", "ada password");
    }

    @AfterAll
    void stop() {
      platform.close();
    }

    @Test
    void requestsAbandonedWhileWaitingForAConnectionAreNeverForwarded() throws Exception {
      Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();
      List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      CountingApp upstream = CountingApp.start(vertx, request -> {
        seen.add(request.path());
        if (request.path().startsWith("/hold")) {
          held.add(request);
        } else {
          request.response().end("answered " + request.path());
        }
      });
      try {
        String host = TestRoutes.register(vertx, UUID.randomUUID(), ada, "busy", "public", upstream.port());
        // both connections busy with requests the app holds
        List<Socket> holders = List.of(rawGet(platform.port(), host, "/hold-1"), rawGet(platform.port(), host, "/hold-2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 2);
        // three more wait for a connection, and their visitors give up
        List<Socket> quitters = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          quitters.add(rawGet(platform.port(), host, "/abandoned-" + i));
        }
        Thread.sleep(200); // they are queued at the proxy by now; nothing can show it from outside
        for (Socket quitter : quitters) {
          quitter.close();
        }
        Thread.sleep(200);

        held.forEach(request -> request.response().end("released"));
        HttpResponse<Buffer> next = WebClient.create(vertx).request(HttpMethod.GET, platform.port(), "127.0.0.1", "/next")
            .virtualHost(host).send().await();

        assertThat(next.bodyAsString()).isEqualTo("answered /next");
        assertThat(seen).containsExactlyInAnyOrder("/hold-1", "/hold-2", "/next");
        assertThat(upstream.maxOpen.get()).as("connections to the app at most").isLessThanOrEqualTo(2);
        for (Socket holder : holders) {
          holder.close();
        }
      } finally {
        upstream.close();
      }
    }
  }

  /** A raw WebSocket upgrade request through the proxy to {@code host}; the socket stays open until closed. */
  private static Socket rawUpgrade(int port, String host) throws IOException {
    return raw(port, "GET /socket HTTP/1.1\r\nHost: " + host + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
  }

  private static Socket rawGet(int port, String host, String path) throws IOException {
    return raw(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
  }

  private static Socket raw(int port, String request) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /** An app on 127.0.0.1 counting its open connections (and the most at once) and the upgrade requests it got. */
  private record CountingApp(HttpServer server, AtomicInteger open, AtomicInteger maxOpen, AtomicInteger upgrades) {

    static CountingApp start(Vertx vertx, io.vertx.core.Handler<HttpServerRequest> handler) {
      AtomicInteger open = new AtomicInteger();
      AtomicInteger maxOpen = new AtomicInteger();
      AtomicInteger upgrades = new AtomicInteger();
      HttpServer server = vertx.createHttpServer()
          .connectionHandler(connection -> {
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            connection.closeHandler(closed -> open.decrementAndGet());
          })
          .requestHandler(request -> {
            if (request.canUpgradeToWebSocket()) {
              upgrades.incrementAndGet();
            }
            handler.handle(request);
          })
          .listen(0, "127.0.0.1").await();
      return new CountingApp(server, open, maxOpen, upgrades);
    }

    int port() {
      return server.actualPort();
    }

    void close() {
      server.close().await();
    }
  }
}
