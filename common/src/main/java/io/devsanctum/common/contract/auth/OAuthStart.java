package io.devsanctum.common.contract.auth;

/**
 * Where to send the browser to sign in at a provider, the state that comes back with it, and the
 * value the browser must hold (in a cookie) for the sign-in to be completed: a state presented by
 * another browser is refused, so no one can sign a victim in to the attacker's account (login CSRF).
 */
public record OAuthStart(String authorizeUrl, String state, String browserBinding) {

  @Override
  public String toString() {
    return "OAuthStart[]"; // the URL carries the state: print none of them
  }
}
