package io.devsanctum.auth.config;

import io.devsanctum.auth.model.GroupRules;
import io.devsanctum.auth.model.SignUpPolicy;
import java.time.Duration;
import java.util.List;

/**
 * This server's registration at one OpenID Connect provider (Keycloak, Okta, Entra ID, …), named
 * by an id of the administrator's choosing, and the rules for who may sign in through it.
 *
 * @param issuer               the provider's issuer URL, without a trailing slash; its endpoints
 *                             and keys are discovered from {@code <issuer>/.well-known/openid-configuration}
 * @param iconUrl              the sign-in button's image: a path on this server or a data: URL, or null
 * @param ignoreEmailVerified  take the email as verified even when the provider does not say so
 *                             (for providers that never send {@code email_verified}, such as Entra ID)
 * @param groupsClaim          the ID token claim that lists the person's groups or roles
 * @param signOutAtProvider    signing out here ends the session at the provider too, when its
 *                             discovery document names an end_session_endpoint (RP-initiated logout)
 * @param maxSignInAge         how long a sign-in through it may last however often it is
 *                             refreshed, so that the provider (and its groups) is asked again; null:
 *                             as long as it is refreshed
 */
public record OidcProviderConfig(
    String id,
    String displayName,
    String iconUrl,
    String issuer,
    String clientId,
    String clientSecret,
    List<String> scopes,
    boolean ignoreEmailVerified,
    String groupsClaim,
    GroupRules groups,
    SignUpPolicy signUp,
    boolean signOutAtProvider,
    Duration maxSignInAge) {

  @Override
  public String toString() {
    return "OidcProviderConfig[id=" + id + ", issuer=" + issuer + ", clientId=" + clientId + "]"; // never the secret
  }
}
