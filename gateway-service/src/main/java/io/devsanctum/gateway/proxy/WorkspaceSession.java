package io.devsanctum.gateway.proxy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.gateway.security.Authenticated;
import java.time.Instant;
import java.util.UUID;

/**
 * Who a workspace host's {@code ds_ws} cookie (or a handoff token) says the visitor is, the
 * dashboard sign-in it came from ({@code sessionId}), for which host, until when.
 */
public record WorkspaceSession(Caller caller, UUID sessionId, String host, Instant expiresAt) {

  public Authenticated authenticated() {
    return new Authenticated(caller, sessionId);
  }
}
