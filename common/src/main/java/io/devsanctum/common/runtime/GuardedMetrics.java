package io.devsanctum.common.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * Vert.x metrics (Micrometer's) that skip a server connection's events when the connection has no
 * metric object, instead of failing on it. Vert.x 5.0 assigns a server's metrics only once its
 * socket is bound, so a connection accepted in that instant gets none ({@code NetServerImpl}
 * reads the field before the bind listener has set it) while the HTTP layer, a moment later, finds
 * the server's metrics and reports the connection's requests with a null socket metric: Micrometer
 * throws ({@code "socketMetric" is null}, then {@code "requestMetric" is null} for the same request,
 * as an h2c upgrade also produced), the request is never handled and its client waits for ever. A
 * client that connects while the server starts (a readiness probe, a browser reloading) hit this
 * about once in a hundred starts. Such a connection now goes uncounted; everything else is
 * measured as before.
 */
public final class GuardedMetrics implements VertxMetricsFactory {

  private final VertxMetricsFactory delegate;

  public GuardedMetrics(VertxMetricsFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    return new Guarded(delegate.metrics(options));
  }

  @Override
  public MetricsOptions newOptions() {
    return delegate.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return delegate.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return delegate.newOptions(json);
  }

  private record Guarded(VertxMetrics metrics) implements VertxMetrics {

    @Override
    @SuppressWarnings("unchecked")
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
      HttpServerMetrics<?, ?, ?> created = metrics.createHttpServerMetrics(options, localAddress);
      return created == null ? null : new GuardedHttpServer((HttpServerMetrics<Object, Object, Object>) created);
    }

    @Override
    @SuppressWarnings("unchecked")
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
      TCPMetrics<?> created = metrics.createNetServerMetrics(options, localAddress);
      return created == null ? null : new GuardedTcp((TCPMetrics<Object>) created);
    }

    @Override
    public EventBusMetrics<?> createEventBusMetrics() {
      return metrics.createEventBusMetrics();
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
      return metrics.createClientMetrics(remoteAddress, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return metrics.createHttpClientMetrics(options);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return metrics.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return metrics.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
      return metrics.createPoolMetrics(type, name, maxSize);
    }

    @Override
    public void vertxCreated(Vertx vertx) {
      metrics.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
      return metrics.isMetricsEnabled();
    }

    @Override
    public void close() {
      metrics.close();
    }
  }

  /** A server socket's events without its metric are skipped. */
  private static class GuardedTcp implements TCPMetrics<Object> {

    private final TCPMetrics<Object> metrics;

    GuardedTcp(TCPMetrics<Object> metrics) {
      this.metrics = metrics;
    }

    @Override
    public Object connected(SocketAddress remoteAddress, String remoteName) {
      return metrics.connected(remoteAddress, remoteName);
    }

    @Override
    public void disconnected(Object socketMetric, SocketAddress remoteAddress) {
      if (socketMetric != null) {
        metrics.disconnected(socketMetric, remoteAddress);
      }
    }

    @Override
    public void bytesRead(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
      if (socketMetric != null) {
        metrics.bytesRead(socketMetric, remoteAddress, numberOfBytes);
      }
    }

    @Override
    public void bytesWritten(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
      if (socketMetric != null) {
        metrics.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
      }
    }

    @Override
    public void exceptionOccurred(Object socketMetric, SocketAddress remoteAddress, Throwable t) {
      if (socketMetric != null) {
        metrics.exceptionOccurred(socketMetric, remoteAddress, t);
      }
    }

    @Override
    public void close() {
      metrics.close();
    }
  }

  /** Also a request's events without its metric (one begun on an uncounted connection) are skipped. */
  private static final class GuardedHttpServer extends GuardedTcp implements HttpServerMetrics<Object, Object, Object> {

    private final HttpServerMetrics<Object, Object, Object> metrics;

    GuardedHttpServer(HttpServerMetrics<Object, Object, Object> metrics) {
      super(metrics);
      this.metrics = metrics;
    }

    @Override
    public Object requestBegin(Object socketMetric, HttpRequest request) {
      return socketMetric == null ? null : metrics.requestBegin(socketMetric, request);
    }

    @Override
    public void requestEnd(Object requestMetric, HttpRequest request, long bytesRead) {
      if (requestMetric != null) {
        metrics.requestEnd(requestMetric, request, bytesRead);
      }
    }

    @Override
    public void requestReset(Object requestMetric) {
      if (requestMetric != null) {
        metrics.requestReset(requestMetric);
      }
    }

    @Override
    public void responseBegin(Object requestMetric, HttpResponse response) {
      if (requestMetric != null) {
        metrics.responseBegin(requestMetric, response);
      }
    }

    @Override
    public Object responsePushed(Object socketMetric, HttpMethod method, String uri, HttpResponse response) {
      return socketMetric == null ? null : metrics.responsePushed(socketMetric, method, uri, response);
    }

    @Override
    public void responseEnd(Object requestMetric, HttpResponse response, long bytesWritten) {
      if (requestMetric != null) {
        metrics.responseEnd(requestMetric, response, bytesWritten);
      }
    }

    @Override
    public Object connected(Object socketMetric, Object requestMetric, ServerWebSocket serverWebSocket) {
      return socketMetric == null || requestMetric == null ? null
          : metrics.connected(socketMetric, requestMetric, serverWebSocket);
    }

    @Override
    public void disconnected(Object serverWebSocketMetric) {
      if (serverWebSocketMetric != null) {
        metrics.disconnected(serverWebSocketMetric);
      }
    }

    @Override
    public void requestRouted(Object requestMetric, String route) {
      if (requestMetric != null) {
        metrics.requestRouted(requestMetric, route);
      }
    }
  }
}
