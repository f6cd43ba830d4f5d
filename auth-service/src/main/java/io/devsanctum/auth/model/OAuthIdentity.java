package io.devsanctum.auth.model;

/** A person's account at an OAuth2 provider, as linked to one of our users. */
public record OAuthIdentity(String provider, String subject, String email) {
}
