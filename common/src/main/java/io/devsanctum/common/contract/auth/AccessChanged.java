package io.devsanctum.common.contract.auth;

import java.util.UUID;

/** Published when what a user may do changed (see {@link AuthContract#EVENTS_ACCESS_CHANGED}). */
public record AccessChanged(UUID userId) {
}
