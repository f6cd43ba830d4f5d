package io.devsanctum.auth.model;

/**
 * An OAuth2 sign-in that has been begun and not yet completed: which provider it went to, the PKCE
 * verifier that proves the returning code belongs to it, and the redirect URI the code was issued for.
 */
public record OAuthFlow(String provider, String codeVerifier, String redirectUri) {

  @Override
  public String toString() {
    return "OAuthFlow[provider=" + provider + "]"; // never print the verifier
  }
}
