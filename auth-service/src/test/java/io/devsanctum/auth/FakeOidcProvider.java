package io.devsanctum.auth;

import io.devsanctum.auth.FakeOAuthProviders.Person;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal OpenID Connect provider over real HTTP, for what a real one (Keycloak, in the standalone
 * ITs) cannot be made to do on cue: a clock running ahead of this server's, a slow discovery. It
 * serves discovery, a JWKS, an authorization endpoint that consents at once and a token endpoint
 * issuing RS256-signed access and ID tokens (with the sign-in's nonce) for a code redeemed with its
 * PKCE verifier.
 */
public final class FakeOidcProvider implements AutoCloseable {

  public static final String CLIENT_ID = "devsanctum-oidc";
  public static final String CLIENT_SECRET = "oidc-client-secret-42";
  private static final String REALM = "/realms/test";

  private record IssuedCode(String redirectUri, String codeChallenge, String nonce, Person person) {
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final WebClient browser = WebClient.create(vertx);
  private final RsaSigningKey key = new RsaSigningKey(vertx, "fake-oidc-key");
  private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
  private volatile Person signingIn;
  private volatile Duration clockAhead = Duration.ZERO;
  private volatile Duration discoveryDelay = Duration.ZERO;

  public FakeOidcProvider() {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  public String issuer() {
    return "http://127.0.0.1:" + server.actualPort() + REALM;
  }

  /** The environment registering this provider as {@code id}, with sign-out at the provider. */
  public Map<String, String> env(String id) {
    String prefix = "DEVSANCTUM_OIDC_" + id.toUpperCase().replace('-', '_') + "_";
    Map<String, String> env = new HashMap<>();
    env.put("DEVSANCTUM_OIDC_PROVIDERS", id);
    env.put(prefix + "ISSUER", issuer());
    env.put(prefix + "CLIENT_ID", CLIENT_ID);
    env.put(prefix + "CLIENT_SECRET", CLIENT_SECRET);
    env.put(prefix + "SIGN_OUT_AT_PROVIDER", "true");
    return env;
  }

  public void signsInAs(Person person) {
    signingIn = person;
  }

  /** The provider's clock runs this far ahead of ours: its tokens are issued "in the future". */
  public void clockAhead(Duration ahead) {
    clockAhead = ahead;
  }

  /** Discovery answers only after this long. */
  public void delaysDiscovery(Duration delay) {
    discoveryDelay = delay;
  }

  /** Follows the authorize URL as a browser would and returns the query it is sent back with. */
  public MultiMap consent(String authorizeUrl) {
    HttpResponse<Buffer> response = browser.getAbs(authorizeUrl).followRedirects(false).send().await();
    if (response.statusCode() != 302) {
      throw new AssertionError("authorization page answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    new QueryStringDecoder(URI.create(response.getHeader("Location")).getRawQuery(), false).parameters()
        .forEach(params::add);
    return params;
  }

  private void handle(HttpServerRequest request) {
    switch (request.path().substring(Math.min(request.path().length(), REALM.length()))) {
      case "/.well-known/openid-configuration" -> {
        long delay = discoveryDelay.toMillis();
        if (delay > 0) {
          vertx.setTimer(delay, timer -> json(request, discovery()));
        } else {
          json(request, discovery());
        }
      }
      case "/certs" -> json(request, new JsonObject().put("keys", new JsonArray().add(key.publicJwk())));
      case "/auth" -> authorize(request);
      case "/token" -> {
        request.setExpectMultipart(true);
        request.end().onSuccess(done -> token(request));
      }
      default -> request.response().setStatusCode(404).end();
    }
  }

  private JsonObject discovery() {
    return new JsonObject()
        .put("issuer", issuer())
        .put("authorization_endpoint", issuer() + "/auth")
        .put("token_endpoint", issuer() + "/token")
        .put("jwks_uri", issuer() + "/certs")
        .put("end_session_endpoint", issuer() + "/logout")
        .put("response_types_supported", new JsonArray().add("code"))
        .put("subject_types_supported", new JsonArray().add("public"))
        .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"));
  }

  private void authorize(HttpServerRequest request) {
    MultiMap params = request.params();
    if (!CLIENT_ID.equals(params.get("client_id")) || !"S256".equals(params.get("code_challenge_method"))
        || params.get("nonce") == null || params.get("state") == null || params.get("redirect_uri") == null) {
      request.response().setStatusCode(400).end("malformed authorization request");
      return;
    }
    String code = "oidc-code-" + UUID.randomUUID();
    codes.put(code, new IssuedCode(params.get("redirect_uri"), params.get("code_challenge"), params.get("nonce"),
        signingIn));
    request.response().setStatusCode(302).putHeader("Location", params.get("redirect_uri")
        + "?code=" + encode(code) + "&state=" + encode(params.get("state")) + "&iss=" + encode(issuer())).end();
  }

  private void token(HttpServerRequest request) {
    MultiMap form = request.formAttributes();
    IssuedCode issued = form.get("code") == null ? null : codes.remove(form.get("code"));
    if (issued == null || !issued.redirectUri().equals(form.get("redirect_uri")) || form.get("code_verifier") == null
        || !FakeOAuthProviders.s256(form.get("code_verifier")).equals(issued.codeChallenge()) || !clientAuthenticated(request, form)) {
      request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "invalid_grant").encode());
      return;
    }
    long now = Instant.now().plus(clockAhead).getEpochSecond();
    Person person = issued.person();
    JsonObject common = new JsonObject().put("iss", issuer()).put("sub", person.subject()).put("iat", now)
        .put("exp", now + 300);
    // a JWT without aud, as many providers issue: vertx-auth-oauth2 checks its iat and exp at the exchange
    String accessToken = key.sign(common.copy().put("typ", "Bearer").put("azp", CLIENT_ID));
    String idToken = key.sign(common.copy().put("aud", CLIENT_ID).put("azp", CLIENT_ID).put("nonce", issued.nonce())
        .put("email", person.email()).put("email_verified", person.emailVerified())
        .put("preferred_username", person.login()).put("name", person.name()));
    json(request, new JsonObject().put("access_token", accessToken).put("id_token", idToken)
        .put("token_type", "Bearer").put("expires_in", 300));
  }

  private static boolean clientAuthenticated(HttpServerRequest request, MultiMap form) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.startsWith("Basic ")) {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
      return decoded.equals(CLIENT_ID + ":" + CLIENT_SECRET);
    }
    return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
  }

  private static void json(HttpServerRequest request, JsonObject body) {
    request.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
