package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.Caller;
import java.util.UUID;

/**
 * Who verified credentials name, and the dashboard sign-in they belong to: an access token's
 * {@code sid}, null for API tokens (which have no sign-in to end).
 */
public record Authenticated(Caller caller, UUID sessionId) {
}
