package io.devsanctum.auth.infrastructure.oauth;

import io.devsanctum.auth.config.OidcProviderConfig;
import io.devsanctum.auth.model.GroupRules;
import io.devsanctum.auth.model.OAuthProfile;
import io.devsanctum.auth.model.SignUpPolicy;
import io.devsanctum.auth.service.OAuthProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with any OpenID Connect provider, by its issuer. Its endpoints are discovered with
 * vertx-auth-oauth2 ({@code <issuer>/.well-known/openid-configuration}, whose issuer must be the
 * configured one), on the first use and again after a failed attempt, so a provider that is down
 * when this server starts is picked up once it answers. Who signed in is read from the ID token only,
 * after {@link IdTokenVerifier} has checked it.
 */
public class OidcProvider implements OAuthProvider {

  private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);
  private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
  private static final String PKCE_METHOD = "S256";
  private static final int TIMEOUT_MS = 5_000;
  /** How long one check of whether the provider answers holds, so sign-in pages do not hammer it. */
  private static final long AVAILABILITY_HOLDS_NANOS = TimeUnit.SECONDS.toNanos(10);

  private record Discovered(OAuth2Auth oauth2, IdTokenVerifier idTokens) {
  }

  private final Vertx vertx;
  private final WebClient web;
  private final OidcProviderConfig config;
  private Future<Discovered> discovery;
  private Future<Boolean> availability;
  private long availabilityCheckedAt;

  public OidcProvider(Vertx vertx, WebClient web, OidcProviderConfig config) {
    this.vertx = vertx;
    this.web = web;
    this.config = config;
  }

  @Override
  public String id() {
    return config.id();
  }

  @Override
  public String name() {
    return config.displayName();
  }

  @Override
  public String iconUrl() {
    return config.iconUrl();
  }

  @Override
  public String issuer() {
    return config.issuer();
  }

  @Override
  public boolean sentBackBy(String returnedIssuer) {
    return returnedIssuer.replaceAll("/+$", "").equals(config.issuer());
  }

  @Override
  public SignUpPolicy signUp() {
    return config.signUp();
  }

  @Override
  public GroupRules groups() {
    return config.groups();
  }

  @Override
  public Optional<Duration> maxSignInAge() {
    return Optional.ofNullable(config.maxSignInAge());
  }

  /** Discovers the provider now, so that the log tells at start whether it answers. */
  public void discover() {
    discovered();
  }

  @Override
  public Future<Boolean> available() {
    long now = System.nanoTime();
    if (availability == null || now - availabilityCheckedAt > AVAILABILITY_HOLDS_NANOS) {
      availabilityCheckedAt = now;
      availability = web.getAbs(config.issuer() + DISCOVERY_PATH).timeout(TIMEOUT_MS).send()
          .map(response -> response.statusCode() == 200)
          .otherwise(false);
    }
    return availability;
  }

  @Override
  public Future<String> authorizeUrl(String redirectUri, String state, String codeChallenge, String nonce) {
    return discovered().map(provider -> provider.oauth2().authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(redirectUri)
        .setScopes(config.scopes())
        .setState(state)
        .setCodeChallenge(codeChallenge)
        .setCodeChallengeMethod(PKCE_METHOD)
        .putAdditionalParameter("nonce", nonce)));
  }

  @Override
  public Future<OAuthProfile> profile(String code, String codeVerifier, String redirectUri, String nonce) {
    return discovered().compose(provider -> provider.oauth2().authenticate(new Oauth2Credentials()
                .setFlow(OAuth2FlowType.AUTH_CODE)
                .setCode(code)
                .setRedirectUri(redirectUri)
                .setCodeVerifier(codeVerifier))
            .compose(user -> {
              String idToken = user.principal().getString("id_token");
              return idToken == null
                  ? Future.failedFuture("the token response holds no ID token")
                  : provider.idTokens().verify(idToken, nonce)
                      .map(claims -> toProfile(claims, config.signOutAtProvider() ? idToken : null));
            }));
  }

  /**
   * Waits for discovery (after a restart the sign-in may predate it); a provider that cannot be
   * discovered now has its session left alone, and the sign-out here goes on.
   */
  @Override
  public Future<Optional<String>> endSessionUrl(String idTokenHint, String postSignOutUri) {
    if (!config.signOutAtProvider()) {
      return Future.succeededFuture(Optional.empty());
    }
    return discovered()
        // null when the discovery document names no end_session_endpoint
        .map(provider -> Optional.ofNullable(provider.oauth2().endSessionURL(
            User.create(new JsonObject().put("id_token", idTokenHint)),
            new JsonObject().put("post_logout_redirect_uri", postSignOutUri).put("client_id", config.clientId()))))
        .otherwise(Optional.empty());
  }

  private Future<Discovered> discovered() {
    if (discovery != null) {
      return discovery;
    }
    OAuth2Options options = new OAuth2Options()
        .setSite(config.issuer())
        .setClientId(config.clientId())
        .setClientSecret(config.clientSecret())
        .setUserAgent(OAuthProviders.USER_AGENT)
        .setHttpClientOptions(new HttpClientOptions().setConnectTimeout(TIMEOUT_MS)
            .setIdleTimeout(TIMEOUT_MS).setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
        // the code exchange checks the tokens' iat and exp too: the same skew as for the ID token
        .setJWTOptions(new JWTOptions().setLeeway(IdTokenVerifier.LEEWAY_SECONDS));
    Future<Discovered> attempt = OpenIDConnectAuth.discover(vertx, options).compose(oauth2 -> {
      // discovery sets the issuer to check tokens against from the document, and the keys' address
      String issuer = options.getJWTOptions().getIssuer();
      if (issuer == null || options.getJwkPath() == null) {
        return Future.failedFuture("its discovery document names no issuer or no jwks_uri");
      }
      return Future.succeededFuture(new Discovered(oauth2,
          new IdTokenVerifier(vertx, web, options.getJwkPath(), issuer, config.clientId())));
    });
    discovery = attempt;
    attempt.onComplete(
        found -> LOG.info("OpenID Connect provider {} discovered at {}", config.id(), config.issuer()),
        failure -> {
          if (discovery == attempt) {
            discovery = null; // tried again by the next sign-in
          }
          LOG.warn("OpenID Connect provider {} cannot be discovered at {}: {}", config.id(), config.issuer(),
              failure.getMessage());
        });
    return attempt;
  }

  /** The email counts as verified only when the provider says so, unless this provider never does. */
  private OAuthProfile toProfile(JsonObject claims, String idTokenHint) {
    Object verified = claims.getValue("email_verified");
    return new OAuthProfile(
        claims.getString("sub"),
        claims.getValue("email") instanceof String email ? email : null,
        config.ignoreEmailVerified() || Boolean.TRUE.equals(verified) || "true".equals(verified),
        claims.getValue("preferred_username") instanceof String login ? login : null,
        claims.getValue("name") instanceof String name ? name : null,
        groups(claims.getValue(config.groupsClaim())),
        idTokenHint);
  }

  /** A groups claim is a list of names, or a single name. */
  private static List<String> groups(Object claim) {
    if (claim instanceof JsonArray list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return claim instanceof String single ? List.of(single) : List.of();
  }
}
