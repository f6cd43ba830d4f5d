package io.devsanctum.gateway.security;

import java.util.UUID;

/** What a caller authenticated with: a dashboard sign-in (through an access token or a workspace session), or an API token. */
public sealed interface Credential {

  /** A sign-in: the refresh-token family {@code sessionId} of user {@code userId}. */
  record SignIn(UUID userId, UUID sessionId) implements Credential {
  }

  /** An API token; its value is kept so that it can be asked about again while a connection it opened lives. */
  record ApiToken(String value) implements Credential {

    @Override
    public String toString() {
      return "ApiToken[…]"; // never print the token
    }
  }
}
