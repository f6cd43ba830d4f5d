package io.devsanctum.gateway.security;

import java.util.UUID;

/**
 * What a caller authenticated with: a dashboard sign-in (through an access token or a workspace
 * session), an API token, or an SSH public key.
 */
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

  /** A registered SSH public key (OpenSSH one-line form), asked about again while a session it opened lives. */
  record SshKey(String publicKey) implements Credential {
  }
}
