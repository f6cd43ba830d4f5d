package io.devsanctum.auth.model;

/**
 * An OAuth2 sign-in that has been begun and not yet completed: which provider it went to, the PKCE
 * verifier that proves the returning code belongs to it, the redirect URI the code was issued for,
 * the nonce an OpenID Connect provider must put in the ID token it issues for this sign-in, and the
 * SHA-256 of the value held by the browser that began it (in a cookie), which alone may complete it.
 */
public record OAuthFlow(String provider, String codeVerifier, String redirectUri, String nonce,
    byte[] browserBindingHash) {

  @Override
  public String toString() {
    return "OAuthFlow[provider=" + provider + "]"; // never print the verifier or the nonce
  }
}
