package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.workspace.Quota;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.workspace.WorkspaceCore;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who may set whose quota: a quota is part of an account, so an owner's is changed by owners only. */
@ExtendWith(VertxExtension.class)
class QuotaManagementTest {

  private WorkspaceCore core;
  private final Caller owner = new Caller(UUID.randomUUID(), Role.OWNER, "olive");
  private final Caller userAdmin = new Caller(UUID.randomUUID(), Role.USER_ADMIN, "uma");
  private final Caller member = WorkspaceCore.member("mia");

  @BeforeEach
  void start(Vertx vertx) {
    core = new WorkspaceCore(vertx);
    core.users.add(owner);
    core.users.add(userAdmin);
    core.users.add(member);
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void aUserAdminSetsAMembersQuotaButNotAnOwnersAndTheOwnersStaysAsItWas() {
    assertThat(core.quotas.set(userAdmin, new Quota(member.userId(), 2, null, null)).await().maxWorkspaces())
        .isEqualTo(2);

    assertThatThrownBy(() -> core.quotas.set(userAdmin, new Quota(owner.userId(), 0, null, null)).await())
        .isInstanceOf(ForbiddenException.class).hasMessageContaining("owner.write");
    assertThat(core.quotas.get(owner, owner.userId()).await().maxWorkspaces()).isNull();
  }

  @Test
  void anOwnerSetsAnotherOwnersQuota() {
    Caller otherOwner = new Caller(UUID.randomUUID(), Role.OWNER, "oscar");
    core.users.add(otherOwner);

    assertThat(core.quotas.set(owner, new Quota(otherOwner.userId(), 5, 2000, 4096)).await().maxMemoryMb())
        .isEqualTo(4096);
    assertThat(core.quotas.get(otherOwner, otherOwner.userId()).await().maxWorkspaces()).isEqualTo(5);
  }

  @Test
  void aMemberSetsNoQuotaNotEvenTheirOwn() {
    assertThatThrownBy(() -> core.quotas.set(member, new Quota(member.userId(), 100, null, null)).await())
        .isInstanceOf(ForbiddenException.class);
  }
}
