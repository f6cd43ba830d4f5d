package io.devsanctum.auth.infrastructure.oauth;

import io.devsanctum.auth.config.OAuthClientConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/**
 * What every provider shares: the authorization code flow with PKCE (through vertx-auth-oauth2)
 * and reading the provider's API with the access token it hands out.
 */
final class AuthorizationCodeClient {

  private static final String PKCE_METHOD = "S256";

  private final OAuth2Auth oauth2;
  private final WebClient web;
  private final List<String> scopes;

  AuthorizationCodeClient(Vertx vertx, WebClient web, OAuthClientConfig config, List<String> scopes) {
    // the endpoints are absolute URLs, so no common site is set; they may live on different hosts
    this.oauth2 = OAuth2Auth.create(vertx, new OAuth2Options()
        .setClientId(config.clientId())
        .setClientSecret(config.clientSecret())
        .setAuthorizationPath(config.authorizeUrl())
        .setTokenPath(config.tokenUrl()));
    this.web = web;
    this.scopes = scopes;
  }

  String authorizeUrl(String redirectUri, String state, String codeChallenge) {
    return oauth2.authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(redirectUri)
        .setScopes(scopes)
        .setState(state)
        .setCodeChallenge(codeChallenge)
        .setCodeChallengeMethod(PKCE_METHOD));
  }

  /** Completes with the access token the provider issues for the code. */
  Future<String> exchange(String code, String codeVerifier, String redirectUri) {
    return oauth2.authenticate(new Oauth2Credentials()
            .setFlow(OAuth2FlowType.AUTH_CODE)
            .setCode(code)
            .setRedirectUri(redirectUri)
            .setCodeVerifier(codeVerifier))
        .map(user -> user.principal().getString("access_token"));
  }

  /** The body of a GET on the provider's API as the signed-in person; fails unless the status is 200. */
  Future<Buffer> get(String url, String accessToken, String accept) {
    return web.getAbs(url)
        .bearerTokenAuthentication(accessToken)
        .putHeader("Accept", accept)
        .send()
        .expecting(HttpResponseExpectation.SC_OK)
        .map(HttpResponse::body);
  }
}
