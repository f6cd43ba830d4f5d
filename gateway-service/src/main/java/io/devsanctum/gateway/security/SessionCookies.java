package io.devsanctum.gateway.security;

import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.auth.Session;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The dashboard's session as cookies: the access token and the refresh token, both HttpOnly and
 * SameSite=Lax (Secure when served over https), and a readable CSRF token that the SPA echoes in
 * {@code X-CSRF-Token} on unsafe requests (double-submit). Beside them, the device token of a
 * password sign-in ({@code ds_device}, HttpOnly, sent only to the auth endpoints, kept for a year and
 * across sign-outs): it marks the browser as one that has known the account's password.
 */
public final class SessionCookies {

  public static final String ACCESS = "ds_access";
  public static final String REFRESH = "ds_refresh";
  public static final String CSRF = "ds_csrf";
  public static final String DEVICE = "ds_device";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final long DEVICE_MAX_AGE_SECONDS = 365L * 24 * 3600;
  /** The refresh cookie is sent only to the endpoints that use it. */
  static final String REFRESH_PATH = "/api/v1/auth";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionCookies() {
  }

  /**
   * Sets the session's cookies, the device token's included (the browser keeps it, scripts never
   * see it); the session as the response body may show it, without that token.
   */
  public static JsonObject set(RoutingContext ctx, Session session, boolean secure) {
    if (session.deviceToken() != null) {
      ctx.response().addCookie(cookie(DEVICE, session.deviceToken(), REFRESH_PATH, DEVICE_MAX_AGE_SECONDS, true, secure));
    }
    ctx.response().addCookie(cookie(ACCESS, session.accessToken(), "/", until(session.accessTokenExpiresAt()), true,
        secure));
    ctx.response().addCookie(cookie(REFRESH, session.refreshToken(), REFRESH_PATH,
        until(session.refreshTokenExpiresAt()), true, secure));
    byte[] csrf = new byte[24];
    RANDOM.nextBytes(csrf);
    ctx.response().addCookie(cookie(CSRF, Base64.getUrlEncoder().withoutPadding().encodeToString(csrf), "/",
        until(session.refreshTokenExpiresAt()), false, secure));
    JsonObject shown = ContractJson.toJson(session);
    shown.remove("deviceToken");
    return shown;
  }

  /** Clears the session's cookies (not the device token: the browser has still known the password). */
  public static void clear(RoutingContext ctx, boolean secure) {
    ctx.response().addCookie(cookie(ACCESS, "", "/", 0, true, secure));
    ctx.response().addCookie(cookie(REFRESH, "", REFRESH_PATH, 0, true, secure));
    ctx.response().addCookie(cookie(CSRF, "", "/", 0, false, secure));
  }

  public static String value(RoutingContext ctx, String name) {
    Cookie cookie = ctx.request().getCookie(name);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }

  private static long until(Instant time) {
    return Math.max(0, Duration.between(Instant.now(), time).toSeconds());
  }

  private static Cookie cookie(String name, String value, String path, long maxAgeSeconds, boolean httpOnly,
      boolean secure) {
    return Cookie.cookie(name, value).setPath(path).setMaxAge(maxAgeSeconds).setHttpOnly(httpOnly)
        .setSecure(secure).setSameSite(CookieSameSite.LAX);
  }
}
