package io.devsanctum.auth;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local HTTP server on 127.0.0.1 that plays GitHub and Google as far as sign-in needs them: a
 * consent page that consents at once and redirects back with a code; a token endpoint that checks
 * the client's credentials, the code, the redirect URI and the PKCE verifier against the challenge
 * it saw, answering 400 invalid_grant otherwise; and each provider's profile endpoints, which
 * describe whoever the test says is signing in.
 */
public final class FakeOAuthProviders implements AutoCloseable {

  static final String REDIRECT_URI = "http://localhost:8080/api/v1/auth/oauth/callback";
  static final Set<String> PROVIDERS = Set.of("github", "google");

  /** Someone with an account at a provider; {@code login} is ignored by Google, which has none. */
  public record Person(String subject, String login, String name, String email, boolean emailVerified) {
  }

  private record IssuedCode(String provider, String clientId, String redirectUri, String codeChallenge) {
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final WebClient browser = WebClient.create(vertx);
  private final Map<String, Person> signingIn = new ConcurrentHashMap<>();
  private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
  private final Map<String, String> accessTokens = new ConcurrentHashMap<>();
  /** The query of each consent page request, for checks on what the service asked for. */
  final List<MultiMap> authorizeRequests = new CopyOnWriteArrayList<>();
  /** Every code and access token handed out and every verifier presented, so a test can look for them in logs. */
  final List<String> secretsSeen = new CopyOnWriteArrayList<>();
  /** Codes presented for exchange, and those refused. */
  final AtomicInteger exchanges = new AtomicInteger();
  final AtomicInteger refusedExchanges = new AtomicInteger();

  public FakeOAuthProviders() {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  /** The environment that registers the service with both providers, here. */
  public Map<String, String> env() {
    String base = "http://127.0.0.1:" + server.actualPort();
    Map<String, String> env = new HashMap<>();
    for (String provider : PROVIDERS) {
      String prefix = "DEVSANCTUM_OAUTH_" + provider.toUpperCase() + "_";
      env.put(prefix + "CLIENT_ID", clientId(provider));
      env.put(prefix + "CLIENT_SECRET", clientSecret(provider));
    }
    env.put("DEVSANCTUM_OAUTH_GITHUB_AUTHORIZE_URL", base + "/github/login/oauth/authorize");
    env.put("DEVSANCTUM_OAUTH_GITHUB_TOKEN_URL", base + "/github/login/oauth/access_token");
    env.put("DEVSANCTUM_OAUTH_GITHUB_API_URL", base + "/github/api");
    env.put("DEVSANCTUM_OAUTH_GOOGLE_AUTHORIZE_URL", base + "/google/o/oauth2/v2/auth");
    env.put("DEVSANCTUM_OAUTH_GOOGLE_TOKEN_URL", base + "/google/token");
    env.put("DEVSANCTUM_OAUTH_GOOGLE_USERINFO_URL", base + "/google/v1/userinfo");
    return env;
  }

  static String clientId(String provider) {
    return provider + "-client-id";
  }

  static String clientSecret(String provider) {
    return provider + "-client-secret-" + provider.length();
  }

  /** Who the next consents at {@code provider} are given by. */
  public void signsInAs(String provider, Person person) {
    signingIn.put(provider, person);
  }

  /**
   * Follows the authorize URL as a browser would, without following the redirect back, and
   * returns the query the provider sent the browser back with (code and state).
   */
  MultiMap consent(String authorizeUrl) {
    HttpResponse<Buffer> response = browser.getAbs(authorizeUrl).followRedirects(false).send().await();
    if (response.statusCode() != 302) {
      throw new AssertionError("consent page answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return query(URI.create(response.getHeader("Location")).getRawQuery());
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    String provider = path.startsWith("/github/") ? "github" : "google";
    switch (path) {
      case "/github/login/oauth/authorize", "/google/o/oauth2/v2/auth" -> authorize(request, provider);
      case "/github/login/oauth/access_token", "/google/token" -> {
        request.setExpectMultipart(true);
        request.end().onSuccess(done -> token(request, provider));
      }
      case "/github/api/user" -> withToken(request, provider, person -> new JsonObject()
          .put("id", Long.parseLong(person.subject())).put("login", person.login()).put("name", person.name())
          .put("email", (String) null) // a private email: the service must ask /user/emails
          .encode());
      case "/github/api/user/emails" -> withToken(request, provider, person -> new JsonArray()
          // a verified secondary address that must not stand in for an unverified primary one
          .add(new JsonObject().put("email", "secondary-" + person.subject() + "@users.example")
              .put("primary", false).put("verified", true))
          .add(new JsonObject().put("email", person.email())
              .put("primary", true).put("verified", person.emailVerified()))
          .encode());
      case "/google/v1/userinfo" -> withToken(request, provider, person -> new JsonObject()
          .put("sub", person.subject()).put("name", person.name())
          .put("email", person.email()).put("email_verified", person.emailVerified())
          .encode());
      default -> request.response().setStatusCode(404).end();
    }
  }

  private void authorize(HttpServerRequest request, String provider) {
    MultiMap params = request.params();
    authorizeRequests.add(MultiMap.caseInsensitiveMultiMap().addAll(params));
    if (!clientId(provider).equals(params.get("client_id")) || !"code".equals(params.get("response_type"))
        || !"S256".equals(params.get("code_challenge_method")) || params.get("code_challenge") == null
        || params.get("redirect_uri") == null || params.get("state") == null) {
      request.response().setStatusCode(400).end("malformed authorization request");
      return;
    }
    String code = "code-" + UUID.randomUUID();
    secretsSeen.add(code);
    codes.put(code, new IssuedCode(provider, params.get("client_id"), params.get("redirect_uri"),
        params.get("code_challenge")));
    request.response().setStatusCode(302)
        .putHeader("Location", params.get("redirect_uri") + "?code=" + encode(code) + "&state=" + encode(params.get("state")))
        .end();
  }

  private void token(HttpServerRequest request, String provider) {
    exchanges.incrementAndGet();
    MultiMap form = request.formAttributes();
    if (form.get("code_verifier") != null) {
      secretsSeen.add(form.get("code_verifier"));
    }
    String[] client = clientCredentials(request, form);
    IssuedCode issued = form.get("code") == null ? null : codes.remove(form.get("code")); // a code works once
    if (!"authorization_code".equals(form.get("grant_type")) || issued == null || !issued.provider().equals(provider)
        || !clientId(provider).equals(client[0]) || !clientSecret(provider).equals(client[1])
        || !issued.clientId().equals(client[0]) || !issued.redirectUri().equals(form.get("redirect_uri"))
        || form.get("code_verifier") == null || !s256(form.get("code_verifier")).equals(issued.codeChallenge())) {
      refusedExchanges.incrementAndGet();
      request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "invalid_grant")
              .put("error_description", "the code, client or verifier does not match").encode());
      return;
    }
    String accessToken = provider + "-token-" + UUID.randomUUID();
    secretsSeen.add(accessToken);
    accessTokens.put(accessToken, provider);
    request.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("access_token", accessToken).put("token_type", "bearer").encode());
  }

  /** RFC 6749 §2.3.1 allows either HTTP Basic or form fields; returns {id, secret}. */
  private static String[] clientCredentials(HttpServerRequest request, MultiMap form) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.startsWith("Basic ")) {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
    return new String[] {form.get("client_id"), form.get("client_secret")};
  }

  private void withToken(HttpServerRequest request, String provider, Function<Person, String> body) {
    String authorization = request.getHeader("Authorization");
    String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    if (token == null || !provider.equals(accessTokens.get(token))) {
      request.response().setStatusCode(401).end();
      return;
    }
    if (provider.equals("github") && (!"application/vnd.github+json".equals(request.getHeader("Accept"))
        || request.getHeader("User-Agent") == null)) {
      request.response().setStatusCode(400).end("GitHub needs its media type and a User-Agent");
      return;
    }
    request.response().putHeader("Content-Type", "application/json").end(body.apply(signingIn.get(provider)));
  }

  /** The PKCE S256 challenge of {@code verifier} (RFC 7636 §4.2). */
  public static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MultiMap query(String rawQuery) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    new QueryStringDecoder(rawQuery, false).parameters().forEach(params::add);
    return params;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
