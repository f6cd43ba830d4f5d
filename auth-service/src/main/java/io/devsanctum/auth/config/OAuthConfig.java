package io.devsanctum.auth.config;

import io.devsanctum.auth.model.SignUpPolicy;
import io.devsanctum.common.config.Env;
import java.util.List;

/** OAuth2 sign-in: the GitHub and Google registrations and who may create an account through them. */
public record OAuthConfig(OAuthClientConfig github, OAuthClientConfig google, SignUpPolicy signUp) {

  public static OAuthConfig from(Env env) {
    OAuthClientConfig github = client(env, "GITHUB",
        "https://github.com/login/oauth/authorize",
        "https://github.com/login/oauth/access_token",
        "API_URL", "https://api.github.com");
    OAuthClientConfig google = client(env, "GOOGLE",
        "https://accounts.google.com/o/oauth2/v2/auth",
        "https://oauth2.googleapis.com/token",
        "USERINFO_URL", "https://openidconnect.googleapis.com/v1/userinfo");
    SignUpPolicy signUp = new SignUpPolicy(
        env.bool("DEVSANCTUM_OAUTH_OPEN_SIGNUP", false),
        env.list("DEVSANCTUM_OAUTH_ALLOWED_DOMAINS", List.of()));
    return new OAuthConfig(github, google, signUp);
  }

  private static OAuthClientConfig client(Env env, String provider, String authorizeUrl, String tokenUrl,
      String apiVariable, String apiUrl) {
    String prefix = "DEVSANCTUM_OAUTH_" + provider + "_";
    return new OAuthClientConfig(
        env.optional(prefix + "CLIENT_ID"),
        env.optional(prefix + "CLIENT_SECRET"),
        env.string(prefix + "AUTHORIZE_URL", authorizeUrl),
        env.string(prefix + "TOKEN_URL", tokenUrl),
        env.string(prefix + apiVariable, apiUrl));
  }
}
