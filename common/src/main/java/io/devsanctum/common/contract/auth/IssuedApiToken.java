package io.devsanctum.common.contract.auth;

import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.Nullable;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A just-created API token with its value ({@code token}), shown to its owner this once. */
public record IssuedApiToken(UUID id, String name, Set<Scope> scopes, String token, OffsetDateTime createdAt,
    @Nullable OffsetDateTime expiresAt) {

  public IssuedApiToken {
    scopes = Set.copyOf(scopes);
  }

  public static IssuedApiToken of(ApiToken token, String value) {
    return new IssuedApiToken(token.id(), token.name(), token.scopes(), value, token.createdAt(), token.expiresAt());
  }

  @Override
  public String toString() {
    return "IssuedApiToken[id=" + id + "]"; // never print the value
  }
}
