package io.devsanctum.common.contract.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.Nullable;
import java.util.Arrays;
import java.util.UUID;

/**
 * Who did it: a user (their id and username then), DevSanctum itself ({@code name} says which part:
 * {@code schedule}, {@code reconciler}), or nobody signed in ({@code name}: the login they gave, if any).
 */
public record AuditActor(Kind kind, @Nullable UUID userId, @Nullable String name) {

  public AuditActor {
    name = AuditText.storable(name);
  }

  public enum Kind {
    USER("user"),
    SYSTEM("system"),
    ANONYMOUS("anonymous");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }

    @JsonCreator
    public static Kind fromWire(String name) {
      return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown actor kind " + name));
    }
  }

  public static AuditActor of(Caller caller) {
    if (caller == null) {
      return anonymous(null);
    }
    return caller.isService() ? system(caller.username()) : user(caller.userId(), caller.username());
  }

  public static AuditActor user(UUID userId, String username) {
    return new AuditActor(Kind.USER, userId, username);
  }

  public static AuditActor system(String which) {
    return new AuditActor(Kind.SYSTEM, null, which);
  }

  public static AuditActor anonymous(@Nullable String login) {
    return new AuditActor(Kind.ANONYMOUS, null, login);
  }
}
