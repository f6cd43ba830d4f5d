package io.devsanctum.auth.infrastructure.oauth;

import io.devsanctum.auth.config.OAuthConfig;
import io.devsanctum.auth.service.OAuthProvider;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;

/** The adapters of the providers this server is registered with, in the order they are offered. */
public final class OAuthProviders {

  /** GitHub's API refuses requests without a User-Agent; this one names us to every provider. */
  static final String USER_AGENT = "DevSanctum";

  private OAuthProviders() {
  }

  /** GitHub, Google, then the OpenID Connect providers in their configured order, each discovered at once. */
  public static List<OAuthProvider> enabled(Vertx vertx, OAuthConfig config) {
    WebClient web = WebClient.create(vertx, new WebClientOptions().setUserAgent(USER_AGENT));
    List<OAuthProvider> providers = new ArrayList<>();
    if (config.github().enabled()) {
      providers.add(new GitHubOAuthProvider(vertx, web, config.github(), config.signUp()));
    }
    if (config.google().enabled()) {
      providers.add(new GoogleOAuthProvider(vertx, web, config.google(), config.signUp()));
    }
    config.oidc().forEach(oidc -> {
      OidcProvider provider = new OidcProvider(vertx, web, oidc);
      provider.discover();
      providers.add(provider);
    });
    return providers;
  }
}
