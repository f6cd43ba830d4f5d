package io.devsanctum.auth.service;

import io.devsanctum.auth.model.GroupRules;
import io.devsanctum.auth.model.OAuthProfile;
import io.devsanctum.auth.model.SignUpPolicy;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * An OAuth2 or OpenID Connect provider people can sign in with (authorization code flow with
 * PKCE). Adapters hold each provider's endpoints and the shape of its profile; the sign-in rules
 * see only this.
 */
public interface OAuthProvider {

  /** The stable id on the wire: "github", "google", or an OpenID Connect provider's configured id. */
  String id();

  /** The name people know it by: "GitHub", "Google", "Keycloak". */
  String name();

  /** The sign-in button's image (a path on this server or a data: URL), or null. */
  String iconUrl();

  /**
   * Who vouches for the subjects of its profiles, and so what identities are linked by together
   * with the subject: an OpenID Connect issuer URL, or "github" and "google".
   */
  String issuer();

  /**
   * Whether the {@code iss} a provider sent back with the code (RFC 9207) names this provider; one
   * that does not is a mix-up attack. Providers without an OpenID Connect issuer here take any.
   */
  boolean sentBackBy(String returnedIssuer);

  /** Who may create an account through it. */
  SignUpPolicy signUp();

  /** What the groups it puts people in grant them. */
  GroupRules groups();

  /**
   * Whether it answers now. Providers that are only ever reached during a sign-in say yes; those
   * whose endpoints are discovered check, at most every few seconds.
   */
  Future<Boolean> available();

  /**
   * The provider's consent page for this server, bound to {@code state}, the S256 PKCE challenge
   * and (for OpenID Connect) the {@code nonce} its ID token must carry. Fails when the provider
   * cannot be reached to learn where that page is.
   */
  Future<String> authorizeUrl(String redirectUri, String state, String codeChallenge, String nonce);

  /**
   * Exchanges the code, proving possession of the verifier, and finds out who signed in (for
   * OpenID Connect: from the ID token, which must carry {@code nonce}). Fails when the provider
   * refuses the exchange, cannot be reached, or hands back a token that does not hold.
   */
  Future<OAuthProfile> profile(String code, String codeVerifier, String redirectUri, String nonce);

  /**
   * Where to send the browser to end its session at the provider too, then back to
   * {@code postSignOutUri} (OpenID Connect RP-initiated logout); empty unless this provider is
   * configured for it and offers it (or cannot be reached to say where that is).
   */
  Future<Optional<String>> endSessionUrl(String idTokenHint, String postSignOutUri);

  /** How long a sign-in through it may last, however often refreshed; empty: while it is refreshed. */
  Optional<Duration> maxSignInAge();
}
