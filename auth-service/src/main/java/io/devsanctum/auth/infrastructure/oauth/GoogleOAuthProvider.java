package io.devsanctum.auth.infrastructure.oauth;

import io.devsanctum.auth.config.OAuthClientConfig;
import io.devsanctum.auth.model.OAuthProfile;
import io.devsanctum.auth.model.SignUpPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/** Sign-in with Google (OpenID Connect); who signed in comes from the userinfo endpoint. */
public class GoogleOAuthProvider extends ProfileApiProvider {

  private static final List<String> SCOPES = List.of("openid", "email", "profile");

  private final String userInfoUrl;

  public GoogleOAuthProvider(Vertx vertx, WebClient web, OAuthClientConfig config, SignUpPolicy signUp) {
    super(vertx, web, config, SCOPES, signUp);
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
  public Future<OAuthProfile> profile(String code, String codeVerifier, String redirectUri, String nonce) {
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
        userInfo.getString("name"),
        List.of(),
        null);
  }
}
