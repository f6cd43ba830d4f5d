package io.devsanctum.auth.model;

/**
 * The session at a provider that a sign-in came through, kept for ending it too when the sign-in is
 * signed out (OpenID Connect RP-initiated logout), for providers configured so.
 *
 * @param provider    the provider's id
 * @param idTokenHint the ID token it issued, which tells it whose session to end
 */
public record ProviderSession(String provider, String idTokenHint) {

  @Override
  public String toString() {
    return "ProviderSession[provider=" + provider + "]"; // never print the token
  }
}
