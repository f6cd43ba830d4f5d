package io.devsanctum.common.contract.auth;

/** Where to send the browser to sign in at a provider, and the state that comes back with it. */
public record OAuthStart(String authorizeUrl, String state) {

  @Override
  public String toString() {
    return "OAuthStart[]"; // the URL carries the state: print neither
  }
}
