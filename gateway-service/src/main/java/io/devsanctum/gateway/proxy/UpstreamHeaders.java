package io.devsanctum.gateway.proxy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.gateway.security.TrustedProxies;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a visitor's request carries to the upstream, HTTP and WebSocket upgrades alike: our
 * credentials removed (no {@code ds_*} cookie, no Bearer token), the visitor's {@code X-DevSanctum-*}
 * headers replaced by the signed-in user's (as Traefik's forwardAuth sets them), and
 * {@code X-Forwarded-*} set.
 */
final class UpstreamHeaders {

  static final List<String> USER_HEADERS =
      List.of("X-DevSanctum-User-Id", "X-DevSanctum-User-Role", "X-DevSanctum-Username");

  private UpstreamHeaders() {
  }

  /** Rewrites {@code headers} (a copy of the visitor's) for the upstream; {@code caller} null: anonymous. */
  static void rewrite(MultiMap headers, HttpServerRequest visitor, Caller caller, TrustedProxies proxies) {
    withoutOurCookies(headers);
    String authorization = headers.get(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      headers.remove(HttpHeaders.AUTHORIZATION);
    }
    USER_HEADERS.forEach(headers::remove);
    if (caller != null) {
      headers.set(USER_HEADERS.get(0), caller.userId().toString());
      headers.set(USER_HEADERS.get(1), caller.role());
      headers.set(USER_HEADERS.get(2), caller.username());
    }
    String host = visitor.authority() != null ? visitor.authority().toString() : visitor.getHeader(HttpHeaders.HOST);
    headers.set("X-Forwarded-Host", host);
    headers.set("X-Forwarded-Proto", proxies.isHttps(visitor) ? "https" : "http");
    headers.set("X-Forwarded-For", proxies.clientAddress(visitor));
    headers.set("X-Forwarded-Port", String.valueOf(visitor.authority() != null && visitor.authority().port() > 0
        ? visitor.authority().port() : visitor.localAddress().port()));
  }

  /** Drops every {@code ds_*} cookie (dashboard session, CSRF, workspace session) from the Cookie header. */
  static void withoutOurCookies(MultiMap headers) {
    List<String> all = headers.getAll(HttpHeaders.COOKIE);
    if (all.isEmpty()) {
      return;
    }
    List<String> kept = new ArrayList<>();
    for (String header : all) {
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        if (!trimmed.isEmpty() && !trimmed.regionMatches(true, 0, "ds_", 0, 3)) {
          kept.add(trimmed);
        }
      }
    }
    headers.remove(HttpHeaders.COOKIE);
    if (!kept.isEmpty()) {
      headers.set(HttpHeaders.COOKIE, String.join("; ", kept));
    }
  }
}
