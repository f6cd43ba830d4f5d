package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.Future;

/**
 * The one way the gateway turns presented credentials into a caller, for the API, its streams,
 * the terminal, workspace hosts and SSH alike: an access token (from {@code Authorization: Bearer} or
 * the dashboard's cookie) is verified locally, an API token ({@code dst_…}) is asked about, and
 * either way the caller is who the credential's sign-in or token says <em>now</em>
 * ({@link CredentialChecks}): a credential whose sign-in has ended, or whose user is suspended or
 * deleted, is refused on its next use, and the role is the current one.
 */
public class Credentials {

  private static final String API_TOKEN_PREFIX = "dst_";

  private final AccessTokenVerifier accessTokens;
  private final CredentialChecks checks;

  public Credentials(AccessTokenVerifier accessTokens, CredentialChecks checks) {
    this.accessTokens = accessTokens;
    this.checks = checks;
  }

  /** Who an {@code Authorization} header names; null without one; UNAUTHENTICATED when it is not a valid Bearer token. */
  public Future<Authenticated> bearer(String authorization) {
    if (authorization == null) {
      return Future.succeededFuture();
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("Authorization must be a Bearer token"));
    }
    String token = authorization.substring(7).trim();
    return token.startsWith(API_TOKEN_PREFIX)
        ? holding(checks.current(new Credential.ApiToken(token)), "the API token is invalid, expired or revoked")
        : accessToken(token);
  }

  /** Who an access token names, while its sign-in holds; UNAUTHENTICATED otherwise. */
  public Future<Authenticated> accessToken(String token) {
    return accessTokens.verify(token).compose(signIn -> holding(checks.current(signIn), "your sign-in has ended"));
  }

  /** Who a registered SSH public key (OpenSSH one-line form) names; UNAUTHENTICATED for an unknown key. */
  public Future<Authenticated> sshKey(String publicKey) {
    return holding(checks.current(new Credential.SshKey(publicKey)), "unknown SSH key");
  }

  /** Who a credential's user is now; null once the credential no longer holds. */
  public Future<Authenticated> current(Authenticated authenticated) {
    return checks.current(authenticated.credential());
  }

  private static Future<Authenticated> holding(Future<Authenticated> current, String otherwise) {
    return current.compose(now -> now != null
        ? Future.succeededFuture(now)
        : Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception(otherwise)));
  }
}
