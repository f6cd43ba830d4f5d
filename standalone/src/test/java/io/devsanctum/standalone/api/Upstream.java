package io.devsanctum.standalone.api;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A workspace app stand-in on 127.0.0.1 that records the path and headers of what reaches it
 * (header names lowercased); WebSockets get a greeting and an echo, {@code /hang} is accepted and
 * never answered (and says when it is cut off), everything else gets "upstream saw <uri>".
 */
record Upstream(HttpServer server, BlockingQueue<JsonObject> requests) {

  static Upstream start(Vertx vertx, int port) {
    BlockingQueue<JsonObject> requests = new LinkedBlockingQueue<>();
    HttpServer server = vertx.createHttpServer()
        .webSocketHandler(socket -> {
          requests.add(record(socket.path(), socket.headers()));
          socket.writeTextMessage("hello from upstream");
          socket.textMessageHandler(text -> socket.writeTextMessage("echo: " + text));
        })
        .requestHandler(request -> {
          requests.add(record(request.path(), request.headers()));
          if ("/hang".equals(request.path())) {
            request.connection().closeHandler(v -> requests.add(new JsonObject().put("cutOff", request.path())));
          } else {
            request.response().end("upstream saw " + request.uri());
          }
        })
        .listen(port, "127.0.0.1").await();
    return new Upstream(server, requests);
  }

  private static JsonObject record(String path, MultiMap headers) {
    JsonObject seen = new JsonObject().put("path", path);
    headers.names().forEach(name -> seen.put(name.toLowerCase(), String.join(", ", headers.getAll(name))));
    return seen;
  }

  int port() {
    return server.actualPort();
  }

  void close() {
    server.close().await();
  }
}
