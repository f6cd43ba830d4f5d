package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.Caller;
import java.time.Instant;
import java.util.UUID;

/**
 * Who a workspace host's {@code ds_ws} cookie (or a handoff token) says the visitor is, the
 * dashboard sign-in it came from ({@code sessionId}), for which host, until when.
 */
public record WorkspaceSession(Caller caller, UUID sessionId, String host, Instant expiresAt) {

  /** The sign-in the session came from, as it was when the session began (check it again before use). */
  public Authenticated authenticated() {
    return new Authenticated(caller, new Credential.SignIn(caller.userId(), sessionId), false);
  }
}
