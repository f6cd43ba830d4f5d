package io.devsanctum.gateway.proxy;

import io.devsanctum.gateway.edge.HttpEdge;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * A visitor's WebSocket upgrade through the proxy, on an upstream connection of its own: never one
 * of the HTTP pool's, so open WebSockets take nothing from a workspace's HTTP traffic and any number
 * of them can be open at once. The upgrade request goes out with the rewritten headers; a 101 joins
 * the two sockets (each closing the other, with back-pressure both ways); any other answer is passed
 * on and the connection closed. A visitor who goes away before the upgrade is answered takes the
 * upstream connection with them: it is closed at once, so nothing is forwarded later and nothing is
 * left holding the app.
 */
final class WebSocketTunnel {

  /** Hop-by-hop headers of the upstream's answer that the server's own 101 sets or must not repeat. */
  private static final Set<String> NOT_PASSED_ON = Set.of("content-length", "transfer-encoding", "keep-alive");

  private final Vertx vertx;
  private final HttpClientAgent upstreams;
  private final long connectTimeoutMs;
  private final Duration answerTimeout;

  /** {@code answerTimeout}: how long the upstream may take to answer the upgrade (zero: no limit). */
  WebSocketTunnel(Vertx vertx, HttpClientAgent upstreams, long connectTimeoutMs, Duration answerTimeout) {
    this.vertx = vertx;
    this.upstreams = upstreams;
    this.connectTimeoutMs = connectTimeoutMs;
    this.answerTimeout = answerTimeout;
  }

  /**
   * Opens the tunnel: the visitor's socket once upgraded, null when the upstream answered something
   * else (passed on to the visitor); failed with {@link VisitorGone}, a {@link TimeoutException} or
   * the connection's failure otherwise (nothing has been answered to the visitor then).
   */
  Future<NetSocket> open(HttpServerRequest visitor, SocketAddress upstream, MultiMap headers) {
    Promise<NetSocket> opened = Promise.promise();
    HttpServerResponse answer = visitor.response();
    upstreams.connect(new HttpConnectOptions().setServer(upstream).setConnectTimeout(connectTimeoutMs))
        .onFailure(opened::tryFail)
        .onSuccess(connection -> {
          // from here on, whichever way the upgrade ends, the connection is closed unless it is joined
          opened.future().onComplete(done -> {
            if (done.failed() || done.result() == null) {
              connection.close();
            }
          });
          if (answer.closed()) {
            opened.tryFail(new VisitorGone());
            return;
          }
          answer.closeHandler(gone -> opened.tryFail(new VisitorGone()));
          if (!answerTimeout.isZero()) {
            long timer = vertx.setTimer(answerTimeout.toMillis(), fired -> opened.tryFail(
                new TimeoutException("no answer within " + answerTimeout.toSeconds() + " s")));
            opened.future().onComplete(done -> vertx.cancelTimer(timer));
          }
          upgrade(connection, visitor, headers)
              .onFailure(opened::tryFail)
              .onSuccess(response -> {
                if (opened.future().isComplete()) {
                  return; // gone or too late: the connection is already being closed
                }
                if (response.statusCode() == 101) {
                  join(visitor, response).onComplete(opened);
                } else {
                  passOn(visitor, response).onComplete(sent -> opened.tryComplete(null));
                }
              });
        });
    return opened.future();
  }

  private static Future<HttpClientResponse> upgrade(HttpClientConnection connection, HttpServerRequest visitor,
      MultiMap headers) {
    return connection.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(visitor.uri()))
        .compose(request -> {
          request.exceptionHandler(ignored -> { }); // failures arrive through the answer's future
          headers.remove(HttpHeaders.HOST); // the upstream is addressed by its own address, as HTTP requests are
          request.headers().setAll(headers);
          request.headers().set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE); // some browsers say "keep-alive, Upgrade"
          return request.connect();
        });
  }

  /** The 101 to the visitor, then each socket's bytes to the other until either closes. */
  private static Future<NetSocket> join(HttpServerRequest visitor, HttpClientResponse upgraded) {
    HttpServerResponse answer = visitor.response().setStatusCode(101);
    upgraded.headers().forEach(header -> {
      if (!NOT_PASSED_ON.contains(header.getKey().toLowerCase())) {
        answer.headers().add(header.getKey(), header.getValue());
      }
    });
    NetSocket app = upgraded.netSocket();
    visitor.resume();
    return visitor.toNetSocket().onSuccess(socket -> {
      socket.pipeTo(app);
      app.pipeTo(socket);
      socket.closeHandler(closed -> app.close());
      app.closeHandler(closed -> socket.close());
    });
  }

  /** The upstream would not upgrade: its answer goes to the visitor as it is. */
  private static Future<Void> passOn(HttpServerRequest visitor, HttpClientResponse response) {
    HttpServerResponse answer = visitor.response().setStatusCode(response.statusCode());
    response.headers().forEach(header -> {
      if (!NOT_PASSED_ON.contains(header.getKey().toLowerCase()) && !"connection".equalsIgnoreCase(header.getKey())
          && !"upgrade".equalsIgnoreCase(header.getKey())) {
        answer.headers().add(header.getKey(), header.getValue());
      }
    });
    HttpEdge.sentAsIs(answer.headers());
    visitor.resume();
    return response.body().compose(answer::end);
  }
}
