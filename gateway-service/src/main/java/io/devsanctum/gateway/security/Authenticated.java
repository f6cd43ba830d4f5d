package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.Caller;
import java.util.UUID;

/**
 * A caller as they are now (current role, as auth-service answered it), the credential they came
 * with, and whether they must change their password before doing anything else.
 */
public record Authenticated(Caller caller, Credential credential, boolean passwordChangeRequired) {

  /** The dashboard sign-in behind the credential; null for API tokens. */
  public UUID sessionId() {
    return credential instanceof Credential.SignIn signIn ? signIn.sessionId() : null;
  }
}
