package io.devsanctum.auth.service;

import io.devsanctum.auth.model.OAuthProfile;
import io.vertx.core.Future;

/**
 * An OAuth2 provider people can sign in with (authorization code flow with PKCE). Adapters hold
 * each provider's endpoints and the shape of its profile; the sign-in rules see only this.
 */
public interface OAuthProvider {

  /** The stable id on the wire and in stored identities: "github", "google". */
  String id();

  /** The name people know it by: "GitHub", "Google". */
  String name();

  /** The provider's consent page for this server, bound to {@code state} and the S256 PKCE challenge. */
  String authorizeUrl(String redirectUri, String state, String codeChallenge);

  /**
   * Exchanges the code, proving possession of the verifier, for an access token, and reads with
   * it who signed in. Fails when the provider refuses the exchange or cannot be reached.
   */
  Future<OAuthProfile> profile(String code, String codeVerifier, String redirectUri);
}
