package io.devsanctum.auth.config;

/**
 * This server's registration at one OAuth2 provider and where that provider's endpoints are.
 *
 * @param apiUrl GitHub: the REST API base ({@code /user}, {@code /user/emails}); Google: the
 *               OpenID Connect userinfo endpoint
 */
public record OAuthClientConfig(
    String clientId,
    String clientSecret,
    String authorizeUrl,
    String tokenUrl,
    String apiUrl) {

  /** A provider takes part in sign-in only when both halves of its registration are set. */
  public boolean enabled() {
    return clientId != null && clientSecret != null;
  }

  @Override
  public String toString() {
    return "OAuthClientConfig[clientId=" + clientId + ", authorizeUrl=" + authorizeUrl
        + ", tokenUrl=" + tokenUrl + ", apiUrl=" + apiUrl + "]"; // never print the secret
  }
}
