package io.devsanctum.common.contract.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import io.devsanctum.common.bus.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A sign-in limit that is reached: for one account from one address, one address over all
 * accounts, one account from everywhere, or one device. {@code userId} is set when the account is
 * a user's (null for a login that names nobody, or an address-wide limit), with their
 * {@code username} when known; {@code login} only for a login that names nobody; {@code address}
 * for the address-scoped ones.
 */
public record SignInLockout(Scope scope, @Nullable UUID userId, @Nullable String username, @Nullable String login,
    @Nullable String address, long failures, Instant lockedUntil) {

  public SignInLockout withUsername(String name) {
    return new SignInLockout(scope, userId, name, login, address, failures, lockedUntil);
  }

  public enum Scope {
    ACCOUNT_ADDRESS("account-address"),
    ADDRESS("address"),
    ACCOUNT("account"),
    DEVICE("device");

    private final String wireName;

    Scope(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }
  }
}
