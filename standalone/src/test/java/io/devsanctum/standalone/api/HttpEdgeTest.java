package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's HTTP edge over raw sockets, where no client library smooths the request over:
 * what it refuses is answered as a problem (and the connection closed where its framing is in
 * doubt), slow and idle connections are let go, and nothing of it logs a stack trace.
 */
class HttpEdgeTest {

  /** Far longer than the server's timeouts below: a read that waits this long means it never let go. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static Platform platform;
  private static LogCapture logs;

  @BeforeAll
  static void start() {
    logs = new LogCapture();
    platform = Platform.start(Map.of(
        "DEVSANCTUM_HTTP_IDLE_TIMEOUT_SECONDS", "2",
        "DEVSANCTUM_HTTP_HEADER_TIMEOUT_SECONDS", "1"));
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
  void aRequestWithoutHostIsAProblemAndTheConnectionCloses() throws IOException {
    RawHttp.Answer answer = send("GET /health/live HTTP/1.1\r\n\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertProblem(answer, 400).containsEntry("detail", "the request must name its host in a valid Host header");
    assertThat(answer.closedByServer()).isTrue();
  }

  @Test
  void contentLengthWithTransferEncodingIsRefusedTheConnectionClosedAndTheSmuggledRequestNeverRuns() throws IOException {
    String admin = "{\"email\":\"eve@example.com\",\"username\":\"eve\",\"password\":\"smuggled-in-password\"}";
    String smuggled = "POST /api/v1/setup/first-admin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + admin.length() + "\r\n\r\n" + admin;
    RawHttp.Answer answer = send("POST /api/v1/auth/sign-out HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);

    assertThat(answer.status()).isEqualTo(400);
    assertProblem(answer, 400).containsEntry("detail",
        "Content-Length and Transfer-Encoding together make the body's length ambiguous");
    assertThat(answer.responses()).as("responses on the connection").isEqualTo(1);
    assertThat(answer.closedByServer()).isTrue();
    assertThat(platform.get("/api/v1/setup", null).bodyAsJsonObject().getBoolean("firstUserRequired"))
        .as("the smuggled first admin was never created").isTrue();
  }

  @Test
  void headersTrickledSlowerThanTheHeaderTimeoutGet408AndTheConnectionCloses() throws Exception {
    String header = "X-Slow: " + "a".repeat(40) + "\r\n";
    AtomicInteger sent = new AtomicInteger();
    try (Socket socket = new Socket("127.0.0.1", platform.port())) {
      socket.setSoTimeout((int) PATIENCE.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      Thread trickle = new Thread(() -> {
        try {
          for (byte b : header.getBytes(StandardCharsets.US_ASCII)) { // 40 × 100 ms, well past the 1 s bound
            out.write(b);
            out.flush();
            sent.incrementAndGet();
            Thread.sleep(100);
          }
        } catch (IOException | InterruptedException closed) {
          // the server let go
        }
      });
      trickle.setDaemon(true);
      trickle.start();
      RawHttp.Answer answer = RawHttp.readAll(socket.getInputStream());
      int sentWhenAnswered = sent.get();
      trickle.interrupt();

      assertThat(answer.status()).isEqualTo(408);
      assertProblem(answer, 408);
      assertThat(answer.closedByServer()).isTrue();
      assertThat(sentWhenAnswered).as("header bytes sent before the answer").isLessThan(header.length());
    }
  }

  @Test
  void anIdleConnectionIsClosedByTheServerBeforeAndBetweenRequests() throws IOException {
    try (Socket silent = new Socket("127.0.0.1", platform.port())) {
      silent.setSoTimeout((int) PATIENCE.toMillis());
      assertThat(RawHttp.readAll(silent.getInputStream()).closedByServer()).as("a connection that never sends").isTrue();
    }
    RawHttp.Answer keptAlive = send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(keptAlive.status()).isEqualTo(200);
    assertThat(keptAlive.closedByServer()).as("idle after its answer").isTrue();
  }

  @Test
  void headIsAnsweredWhereGetIsWithTheHeadersAndNoBody() throws IOException {
    RawHttp.Answer head = send("HEAD /api/v1/setup HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Type")).startsWith("application/json");
    assertThat(head.body()).isEmpty();
  }

  @Test
  void aMethodThePathDoesNotTakeIsA405NamingTheMethodsItTakes() throws IOException {
    RawHttp.Answer answer = send("DELETE /api/v1/templates HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.header("Allow")).isEqualTo("GET, HEAD, POST");
    assertProblem(answer, 405);
    assertThat(send("PATCH /api/v1/workspaces/00000000-0000-0000-0000-000000000000 HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n").header("Allow")).isEqualTo("DELETE, GET, HEAD");
  }

  @Test
  void malformedTargetsAndOversizedHeadsAreProblems() throws IOException {
    RawHttp.Answer escape = send("GET /api/v1/templates/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(escape.status()).isEqualTo(400);
    assertProblem(escape, 400);

    RawHttp.Answer longLine = send("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(longLine.status()).isEqualTo(414);
    assertProblem(longLine, 414);

    RawHttp.Answer bigHeaders = send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    assertThat(bigHeaders.status()).isEqualTo(431);
    assertProblem(bigHeaders, 431);
    assertThat(bigHeaders.closedByServer()).isTrue();
  }

  @Test
  void onlyHttp1IsSpokenAndANewerMinorVersionIsReadAs11() throws IOException {
    RawHttp.Answer two = send("GET /health/live HTTP/2.0\r\nHost: x\r\n\r\n");
    assertThat(two.status()).isEqualTo(505);
    assertProblem(two, 505);

    RawHttp.Answer preface = send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    assertThat(preface.status()).as("clear-text HTTP/2 is not offered").isEqualTo(505);

    RawHttp.Answer newer = send("GET /health/live HTTP/1.2\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(newer.status()).isEqualTo(200);
    assertThat(newer.text()).startsWith("HTTP/1.1 200");
  }

  @Test
  void theTerminalPathWithoutAWebSocketHandshakeOrCredentialIsA401Problem() throws IOException {
    // who is calling is decided first (WorkspaceTerminalTest: a caller without a handshake gets 426)
    RawHttp.Answer answer = send("GET /api/v1/workspaces/00000000-0000-0000-0000-000000000000/terminal HTTP/1.1\r\n"
        + "Host: x\r\nConnection: close\r\n\r\n");

    assertThat(answer.status()).isEqualTo(401);
    assertProblem(answer, 401);
  }

  private static RawHttp.Answer send(String request) throws IOException {
    return RawHttp.exchange(platform.port(), request, PATIENCE);
  }

  private static org.assertj.core.api.MapAssert<String, Object> assertProblem(RawHttp.Answer answer, int status) {
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = new JsonObject(answer.body().strip());
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).startsWith("https://devsanctum.dev/problems/");
    assertThat(problem.getString("requestId")).isEqualTo(answer.header("X-Request-Id"));
    return assertThat(problem.getMap());
  }

}
