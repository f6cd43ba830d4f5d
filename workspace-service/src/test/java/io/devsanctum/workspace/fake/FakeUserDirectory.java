package io.devsanctum.workspace.fake;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.contract.auth.UserStatus;
import io.devsanctum.workspace.service.UserDirectory;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UserDirectory} of the accounts a test names: every other id is an active member, as the
 * callers of most tests are ({@link io.devsanctum.workspace.WorkspaceCore#member}).
 */
public final class FakeUserDirectory implements UserDirectory {

  private final Map<UUID, User> users = new ConcurrentHashMap<>();

  /** Makes {@code caller}'s account known with its role. */
  public void add(Caller caller) {
    users.put(caller.userId(), user(caller.userId(), caller.username(), caller.userRole()));
  }

  @Override
  public Future<User> requireUser(Caller caller, UUID userId) {
    return Future.succeededFuture(users.getOrDefault(userId, user(userId, "user-" + userId, Role.MEMBER)));
  }

  private static User user(UUID id, String username, Role role) {
    return new User(id, username + "@example.com", username, null, role, UserStatus.ACTIVE, false,
        OffsetDateTime.now(ZoneOffset.UTC));
  }
}
