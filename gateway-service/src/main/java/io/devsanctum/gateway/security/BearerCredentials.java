package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.gateway.client.ServiceClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * An {@code Authorization: Bearer} header, for the API and for workspace hosts alike: an access
 * token is verified here with the public keys, an API token ({@code dst_…}) by auth-service, where
 * it is stored hashed.
 */
public class BearerCredentials {

  private static final String API_TOKEN_PREFIX = "dst_";

  private final ServiceClient services;
  private final AccessTokenVerifier accessTokens;

  public BearerCredentials(ServiceClient services, AccessTokenVerifier accessTokens) {
    this.services = services;
    this.accessTokens = accessTokens;
  }

  /** Who the header names; null without a header; UNAUTHENTICATED when it is not a valid Bearer token. */
  public Future<Authenticated> verify(String authorization) {
    if (authorization == null) {
      return Future.succeededFuture();
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("Authorization must be a Bearer token"));
    }
    String token = authorization.substring(7).trim();
    if (!token.startsWith(API_TOKEN_PREFIX)) {
      return accessTokens.verify(token);
    }
    // API tokens have no sign-in behind them
    return services.<JsonObject>request(AuthContract.API_TOKENS_AUTHENTICATE, new JsonObject().put("token", token))
        .map(identity -> new Authenticated(Caller.fromIdentity(identity), null));
  }
}
