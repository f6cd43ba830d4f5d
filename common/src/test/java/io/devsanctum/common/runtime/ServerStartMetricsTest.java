package io.devsanctum.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A connection accepted while a server is starting to listen, before Vert.x has given the server
 * its metrics, used to make Micrometer throw on its requests ("socketMetric is null") and leave the
 * client waiting for ever (issue 12). {@link GuardedMetrics} skips what such a connection reports.
 */
class ServerStartMetricsTest {

  /** Often enough to meet the race several times without the guard (about once in a hundred starts). */
  private static final int STARTS = 500;

  @Test
  void aRequestOnAConnectionAcceptedAsTheServerStartsListeningIsAnswered() throws Exception {
    VertxRuntime runtime = VertxFactory.local();
    Vertx vertx = runtime.vertx();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    vertx.exceptionHandler(failures::add);
    try {
      for (int start = 0; start < STARTS; start++) {
        int port = freePort();
        AtomicReference<String> answer = new AtomicReference<>();
        // connects again and again until the server accepts, then sends a request at once
        Thread client = new Thread(() -> answer.set(firstAnswer(port)));
        client.start();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.response().end("ok"))
            .listen(port, "127.0.0.1").await();
        client.join();
        server.close().await();
        assertThat(answer.get()).as("start %d", start).startsWith("HTTP/1.1 200");
      }
      assertThat(failures).isEmpty();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void eventsOfAConnectionOrRequestWithoutItsMetricAreSkipped() {
    VertxRuntime runtime = VertxFactory.local();
    try {
      @SuppressWarnings("unchecked")
      HttpServerMetrics<Object, Object, Object> metrics = (HttpServerMetrics<Object, Object, Object>)
          ((VertxInternal) runtime.vertx()).metrics().createHttpServerMetrics(new HttpServerOptions(),
              SocketAddress.inetSocketAddress(8080, "127.0.0.1"));
      SocketAddress peer = SocketAddress.inetSocketAddress(40000, "127.0.0.1");

      metrics.bytesRead(null, peer, 10);
      metrics.bytesWritten(null, peer, 10);
      metrics.disconnected(null, peer);
      assertThat(metrics.requestBegin(null, null)).isNull();
      metrics.requestEnd(null, null, 0);
      metrics.responseBegin(null, null);
      metrics.responseEnd(null, null, 0);
      metrics.requestReset(null);
      metrics.requestRouted(null, "/");
      assertThat(metrics.connected(null, null, null)).isNull();
      metrics.disconnected(null);
      // a connection that has its metric is still counted
      Object connection = metrics.connected(peer, "127.0.0.1");
      assertThat(connection).isNotNull();
      metrics.disconnected(connection, peer);
    } finally {
      runtime.vertx().close().await();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The status line answering a request sent as soon as a connection is accepted; "none" when it never comes. */
  private static String firstAnswer(int port) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        socket.setSoTimeout(5000);
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        byte[] head = in.readNBytes(15);
        return new String(head, StandardCharsets.US_ASCII);
      } catch (SocketTimeoutException hung) {
        return "none: no answer within 5 s";
      } catch (IOException notListeningYet) {
        Thread.onSpinWait();
      }
    }
    return "none: never accepted";
  }
}
