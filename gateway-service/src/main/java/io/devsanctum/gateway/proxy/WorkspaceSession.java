package io.devsanctum.gateway.proxy;

import io.devsanctum.common.bus.Caller;
import java.time.Instant;

/** Who a workspace host's {@code ds_ws} cookie (or a handoff token) says the visitor is, for which host, until when. */
public record WorkspaceSession(Caller caller, String host, Instant expiresAt) {
}
