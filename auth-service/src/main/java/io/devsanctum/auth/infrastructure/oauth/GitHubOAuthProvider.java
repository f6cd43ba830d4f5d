package io.devsanctum.auth.infrastructure.oauth;

import io.devsanctum.auth.config.OAuthClientConfig;
import io.devsanctum.auth.model.OAuthProfile;
import io.devsanctum.auth.model.SignUpPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/** Sign-in with a GitHub OAuth app; who signed in comes from the REST API's /user and /user/emails. */
public class GitHubOAuthProvider extends ProfileApiProvider {

  private static final List<String> SCOPES = List.of("read:user", "user:email");
  private static final String ACCEPT = "application/vnd.github+json";

  private final String apiUrl;

  public GitHubOAuthProvider(Vertx vertx, WebClient web, OAuthClientConfig config, SignUpPolicy signUp) {
    super(vertx, web, config, SCOPES, signUp);
    this.apiUrl = config.apiUrl().replaceAll("/+$", "");
  }

  @Override
  public String id() {
    return "github";
  }

  @Override
  public String name() {
    return "GitHub";
  }

  @Override
  public Future<OAuthProfile> profile(String code, String codeVerifier, String redirectUri, String nonce) {
    return client.exchange(code, codeVerifier, redirectUri).compose(token -> {
      Future<JsonObject> user = client.get(apiUrl + "/user", token, ACCEPT).map(Buffer::toJsonObject);
      Future<JsonArray> emails = client.get(apiUrl + "/user/emails", token, ACCEPT).map(Buffer::toJsonArray);
      return Future.all(user, emails).map(both -> toProfile(user.result(), emails.result()));
    });
  }

  /**
   * The profile's email is the primary one, verified or not: GitHub lets people add addresses they
   * have not proved they own, and /user's own email field is only the one they chose to make public.
   */
  static OAuthProfile toProfile(JsonObject user, JsonArray emails) {
    Long id = user.getLong("id");
    if (id == null) {
      throw new IllegalStateException("GitHub's /user reply has no id");
    }
    JsonObject primary = emails.stream()
        .filter(JsonObject.class::isInstance)
        .map(JsonObject.class::cast)
        .filter(email -> email.getBoolean("primary", false))
        .findFirst()
        .orElse(null);
    return new OAuthProfile(
        id.toString(),
        primary == null ? null : primary.getString("email"),
        primary != null && primary.getBoolean("verified", false),
        user.getString("login"),
        user.getString("name"),
        List.of(),
        null);
  }
}
