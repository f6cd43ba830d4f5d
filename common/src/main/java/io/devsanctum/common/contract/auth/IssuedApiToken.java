package io.devsanctum.common.contract.auth;

import io.devsanctum.common.bus.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A just-created API token with its value ({@code token}), shown to its owner this once. */
public record IssuedApiToken(UUID id, String name, String token, OffsetDateTime createdAt,
    @Nullable OffsetDateTime expiresAt) {

  public static IssuedApiToken of(ApiToken token, String value) {
    return new IssuedApiToken(token.id(), token.name(), value, token.createdAt(), token.expiresAt());
  }

  @Override
  public String toString() {
    return "IssuedApiToken[id=" + id + "]"; // never print the value
  }
}
