package io.devsanctum.common.contract.auth;

import java.util.UUID;

/** Who a credential stands for now, as services act on it (see common's Caller). */
public record Identity(UUID userId, Role role, String username, boolean passwordChangeRequired) {
}
