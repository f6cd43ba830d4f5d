package io.devsanctum.common.contract.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.devsanctum.common.bus.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A user's SSH public key: {@code publicKey} in OpenSSH's one-line form without a comment
 * ({@code ssh-ed25519 AAAA…}), {@code fingerprint} as OpenSSH prints it ({@code SHA256:…}).
 */
public record SshKey(
    UUID id,
    @JsonIgnore UUID userId,
    String name,
    String publicKey,
    String fingerprint,
    OffsetDateTime createdAt,
    @Nullable OffsetDateTime lastUsedAt) {
}
