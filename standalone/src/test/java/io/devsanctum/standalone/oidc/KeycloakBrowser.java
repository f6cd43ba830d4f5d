package io.devsanctum.standalone.oidc;

import io.netty.handler.codec.http.cookie.Cookie;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.client.spi.CookieStore;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does during a sign-in through DevSanctum and Keycloak, one redirect at a time so a
 * test can look at (and tamper with) each: DevSanctum's start → Keycloak's real login page, whose
 * form is filled in and sent → the redirect back to DevSanctum's callback. It keeps cookies like a
 * browser, one jar per instance (a new one is a new browser, with no Keycloak session yet).
 */
public final class KeycloakBrowser {

  private static final Pattern LOGIN_FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"", Pattern.DOTALL);

  private final WebClientSession browser;
  private final int devSanctumPort;

  public KeycloakBrowser(Vertx vertx, int devSanctumPort) {
    this.browser = WebClientSession.create(WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)),
        new LoopbackIsSecure(CookieStore.build()));
    this.devSanctumPort = devSanctumPort;
  }

  /**
   * Keycloak marks its cookies Secure even over HTTP; browsers send those to loopback addresses
   * (a secure context) all the same, and so does this one.
   */
  private record LoopbackIsSecure(CookieStore cookies) implements CookieStore {

    @Override
    public Iterable<Cookie> get(Boolean ssl, String domain, String path) {
      return cookies.get(ssl || "127.0.0.1".equals(domain), domain, path);
    }

    @Override
    public CookieStore put(Cookie cookie) {
      cookies.put(cookie);
      return this;
    }

    @Override
    public CookieStore remove(Cookie cookie) {
      cookies.remove(cookie);
      return this;
    }
  }

  /** DevSanctum's start of a sign-in with {@code provider}: the redirect to the provider, or to the sign-in page. */
  public HttpResponse<Buffer> start(String provider) {
    return browser.get(devSanctumPort, "127.0.0.1", "/api/v1/auth/oauth/" + provider + "/start?returnTo=/workspaces")
        .send().await();
  }

  /** Starts a sign-in and signs in at Keycloak's login page; where Keycloak sends the browser back to. */
  public URI signInAtKeycloak(String provider, String username, String password) {
    HttpResponse<Buffer> start = start(provider);
    if (start.statusCode() != 302) {
      throw new AssertionError("start answered " + start.statusCode() + ": " + start.bodyAsString());
    }
    return logIn(URI.create(start.getHeader("Location")), username, password);
  }

  /** Opens Keycloak's authorization page, fills in its login form and sends it; the redirect back. */
  public URI logIn(URI authorizeUrl, String username, String password) {
    HttpResponse<Buffer> page = browser.getAbs(authorizeUrl.toString()).send().await();
    if (page.statusCode() != 200) {
      throw new AssertionError("Keycloak's authorization page answered " + page.statusCode() + ": " + page.bodyAsString());
    }
    Matcher form = LOGIN_FORM_ACTION.matcher(page.bodyAsString());
    if (!form.find()) {
      throw new AssertionError("no login form on Keycloak's page:\n" + page.bodyAsString());
    }
    HttpResponse<Buffer> submitted = browser.postAbs(form.group(1).replace("&amp;", "&"))
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("username", username).add("password", password)
            .add("credentialId", ""))
        .await();
    if (submitted.statusCode() != 302) {
      throw new AssertionError("Keycloak did not sign " + username + " in (" + submitted.statusCode() + "): "
          + submitted.bodyAsString());
    }
    return URI.create(submitted.getHeader("Location"));
  }

  /** Signs out of DevSanctum, as the dashboard does (the session cookies, nothing else). */
  public HttpResponse<Buffer> signOut() {
    return browser.post(devSanctumPort, "127.0.0.1", "/api/v1/auth/sign-out").send().await();
  }

  /** Opens a URL anywhere (at Keycloak), without following where it redirects to. */
  public HttpResponse<Buffer> open(URI url) {
    return browser.getAbs(url.toString()).send().await();
  }

  /** Follows Keycloak's redirect back to DevSanctum's callback (or any URL on DevSanctum). */
  public HttpResponse<Buffer> follow(URI back) {
    return browser.get(devSanctumPort, "127.0.0.1", back.getRawPath() + (back.getRawQuery() == null ? "" : "?" + back.getRawQuery()))
        .send().await();
  }
}
