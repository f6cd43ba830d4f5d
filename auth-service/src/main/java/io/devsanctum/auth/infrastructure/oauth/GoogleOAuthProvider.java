package io.devsanctum.auth.infrastructure.oauth;

import io.devsanctum.auth.config.OAuthClientConfig;
import io.devsanctum.auth.model.OAuthProfile;
import io.devsanctum.auth.service.OAuthProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/** Sign-in with Google (OpenID Connect); who signed in comes from the userinfo endpoint. */
public class GoogleOAuthProvider implements OAuthProvider {

  private static final List<String> SCOPES = List.of("openid", "email", "profile");

  private final AuthorizationCodeClient client;
  private final String userInfoUrl;

  public GoogleOAuthProvider(Vertx vertx, WebClient web, OAuthClientConfig config) {
    this.client = new AuthorizationCodeClient(vertx, web, config, SCOPES);
    this.userInfoUrl = config.apiUrl();
  }

  @Override
  public String id() {
    return "google";
  }

  @Override
  public String name() {
    return "Google";
  }

  @Override
  public String authorizeUrl(String redirectUri, String state, String codeChallenge) {
    return client.authorizeUrl(redirectUri, state, codeChallenge);
  }

  @Override
  public Future<OAuthProfile> profile(String code, String codeVerifier, String redirectUri) {
    return client.exchange(code, codeVerifier, redirectUri)
        .compose(token -> client.get(userInfoUrl, token, "application/json"))
        .map(body -> toProfile(body.toJsonObject()));
  }

  static OAuthProfile toProfile(JsonObject userInfo) {
    String subject = userInfo.getString("sub");
    if (subject == null) {
      throw new IllegalStateException("Google's userinfo reply has no sub");
    }
    return new OAuthProfile(
        subject,
        userInfo.getString("email"),
        Boolean.TRUE.equals(userInfo.getValue("email_verified")),
        null, // Google accounts have no handle besides the email
        userInfo.getString("name"));
  }
}
