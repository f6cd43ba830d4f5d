package io.devsanctum.routing.infrastructure.proxy.caddy;

import io.devsanctum.routing.config.CaddyConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * The few calls of Caddy's admin API that DevSanctum makes, on one server of {@code apps.http}:
 * read it with its ETag, and replace its routes only if it is still what was read
 * ({@code If-Match}), so that nothing changed meanwhile (by the operator, or by another
 * routing-service) is overwritten.
 */
class CaddyAdmin {

  /** The server as read: its routes (empty when it has none) and the ETag that guards a write. */
  record Server(JsonArray routes, boolean hasRoutes, String etag) {
  }

  private static final int TIMEOUT_MS = 5_000;

  private final HttpClient http;
  private final URI admin;
  private final String server;
  private final String serverPath;

  CaddyAdmin(Vertx vertx, CaddyConfig config) {
    this.admin = config.adminUrl();
    this.server = config.server();
    this.serverPath = "/config/apps/http/servers/" + config.server();
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(TIMEOUT_MS));
  }

  Future<Server> server() {
    return send(HttpMethod.GET, serverPath, null, null).compose(answer -> {
      Object body = answer.json();
      if (!(body instanceof JsonObject found)) {
        return Future.failedFuture(new CaddyAdminException(CaddyAdminException.Reason.NO_SERVER,
            "Caddy at " + admin + " has no HTTP server '" + server + "' (apps.http.servers; "
                + CaddyConfig.SERVER + " names it)"));
      }
      Object routes = found.getValue("routes");
      return Future.succeededFuture(new Server(routes instanceof JsonArray array ? array : new JsonArray(),
          routes != null, answer.etag()));
    });
  }

  /** Replaces the server's routes with {@code routes}, unless the server changed since {@code read}. */
  Future<Void> replaceRoutes(Server read, JsonArray routes) {
    // PATCH replaces what exists; a server without routes gets them with PUT
    return send(read.hasRoutes() ? HttpMethod.PATCH : HttpMethod.PUT, serverPath + "/routes", read.etag(),
        routes.toBuffer()).mapEmpty();
  }

  private record Answer(Buffer body, String etag) {

    Object json() {
      try {
        return Json.decodeValue(body);
      } catch (DecodeException e) {
        throw new CaddyAdminException(CaddyAdminException.Reason.REFUSED, "Caddy's admin API answered no JSON");
      }
    }
  }

  private Future<Answer> send(HttpMethod method, String path, String ifMatch, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost(admin.getHost())
        .setPort(admin.getPort() == -1 ? 80 : admin.getPort()).setURI(path).setTimeout(TIMEOUT_MS);
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    if (ifMatch != null) {
      options.putHeader("If-Match", ifMatch);
    }
    return http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(read -> answer(method, path, response, read)))
        .recover(failure -> Future.failedFuture(failure instanceof CaddyAdminException ? failure
            : new CaddyAdminException(CaddyAdminException.Reason.UNREACHABLE,
                "Caddy's admin API at " + admin + " is unreachable: " + failure.getMessage())));
  }

  private Answer answer(HttpMethod method, String path, HttpClientResponse response, Buffer body) {
    int status = response.statusCode();
    if (status == 412) {
      throw new CaddyAdminException(CaddyAdminException.Reason.CHANGED_MEANWHILE,
          "Caddy's configuration changed while DevSanctum was updating it");
    }
    if (status / 100 != 2) {
      throw new CaddyAdminException(CaddyAdminException.Reason.REFUSED, "Caddy's admin API at " + admin + " answered "
          + status + " to " + method + " " + path + ": " + body.toString().strip());
    }
    // Caddy 2.6 sends the ETag of a read as a trailer, after the body; later versions as a header
    String etag = response.getHeader("ETag");
    return new Answer(body, etag != null ? etag : response.getTrailer("ETag"));
  }
}
