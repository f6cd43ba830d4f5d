package io.devsanctum.auth.infrastructure.oauth;

import io.devsanctum.auth.config.OAuthClientConfig;
import io.devsanctum.auth.model.GroupRules;
import io.devsanctum.auth.model.SignUpPolicy;
import io.devsanctum.auth.service.OAuthProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider whose endpoints are configured and who signed in is read from its API with the access
 * token (GitHub, Google): its own name is its issuer, and it says nothing of groups.
 */
abstract class ProfileApiProvider implements OAuthProvider {

  protected final AuthorizationCodeClient client;
  private final SignUpPolicy signUp;

  ProfileApiProvider(Vertx vertx, WebClient web, OAuthClientConfig config, List<String> scopes, SignUpPolicy signUp) {
    this.client = new AuthorizationCodeClient(vertx, web, config, scopes);
    this.signUp = signUp;
  }

  @Override
  public String iconUrl() {
    return null;
  }

  @Override
  public String issuer() {
    return id();
  }

  /** Their issuer here is a name of ours, not one they would send back. */
  @Override
  public boolean sentBackBy(String returnedIssuer) {
    return true;
  }

  @Override
  public SignUpPolicy signUp() {
    return signUp;
  }

  @Override
  public GroupRules groups() {
    return GroupRules.NONE;
  }

  /** Reached only during a sign-in, so there is nothing to check beforehand. */
  @Override
  public Future<Boolean> available() {
    return Future.succeededFuture(true);
  }

  @Override
  public Optional<Duration> maxSignInAge() {
    return Optional.empty();
  }

  /** Their sessions are their own: signing out here leaves them alone. */
  @Override
  public Future<Optional<String>> endSessionUrl(String idTokenHint, String postSignOutUri) {
    return Future.succeededFuture(Optional.empty());
  }

  /** The nonce is not sent: who signed in is read from the provider's API, not from an ID token. */
  @Override
  public Future<String> authorizeUrl(String redirectUri, String state, String codeChallenge, String nonce) {
    return Future.succeededFuture(client.authorizeUrl(redirectUri, state, codeChallenge));
  }
}
