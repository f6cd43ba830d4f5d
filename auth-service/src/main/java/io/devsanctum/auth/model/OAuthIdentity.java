package io.devsanctum.auth.model;

/**
 * A person's account at an OAuth2 provider, as linked to one of our users: the issuer that vouches
 * for them (an OpenID Connect issuer URL, or "github" and "google") and its subject for them.
 */
public record OAuthIdentity(String issuer, String subject, String email) {
}
